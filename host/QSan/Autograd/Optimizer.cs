using QSan.Parallelism;

namespace QSan.Autograd;

/// <summary>
/// Base of the gradient-descent optimisers: holds the parameters and per-parameter buffers, and saves or
/// restores them as an <see cref="OptimizerState"/> so training can checkpoint and resume exactly.
/// </summary>
public abstract class Optimizer
{
    // Parameters from this many values (QSANN's embedding table) are zeroed and updated in two halves on two threads.
    private const int SplitLength = 4096;

    private readonly Tensor[] parameters;
    private readonly double[][] buffers;

    /// <summary>Creates the optimiser over <paramref name="parameters"/> with <paramref name="buffersPerParameter"/> zero buffers each.</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate, int buffersPerParameter)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        this.parameters = [.. parameters];
        var distinct = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var p in this.parameters)
            if (!distinct.Add(p)) throw new ArgumentException($"Parameter {p} is listed twice.");
        LearningRate = learningRate;
        BuffersPerParameter = buffersPerParameter;
        buffers = new double[this.parameters.Length * buffersPerParameter][];
        for (var i = 0; i < buffers.Length; i++) buffers[i] = new double[this.parameters[i / buffersPerParameter].Count];
    }

    /// <summary>The parameters updated by <see cref="Step"/>.</summary>
    public IReadOnlyList<Tensor> Parameters => parameters;

    /// <summary>The step size; may be changed between steps (schedules).</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>The name recorded in <see cref="OptimizerState.Kind"/>.</summary>
    protected abstract string Kind { get; }

    /// <summary>How many buffers each parameter has.</summary>
    protected int BuffersPerParameter { get; }

    /// <summary>Updates every parameter from its gradient; parameters without a gradient buffer are skipped.</summary>
    public void Step()
    {
        StepCount++;
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.Grad is { } grad) Update(i, p.Data, grad);
        }
    }

    /// <summary>Zero-fills the parameters' gradients (the buffers are kept, so every parameter is stepped each time).</summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
            if (p.Grad is { } grad) InHalves(grad.Length, (start, end) => grad.AsSpan(start, end - start).Clear());
    }

    /// <summary>A deep copy of the optimiser's state.</summary>
    public OptimizerState SaveState()
    {
        var copy = new double[buffers.Length][];
        for (var i = 0; i < copy.Length; i++) copy[i] = (double[])buffers[i].Clone();
        return new OptimizerState(Kind, StepCount, LearningRate, copy);
    }

    /// <summary>Restores a state saved by an optimiser of the same kind over parameters of the same sizes.</summary>
    public void LoadState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != Kind) throw new ArgumentException($"Cannot load {state.Kind} state into a {Kind} optimiser.");
        if (state.StepCount < 0) throw new ArgumentException($"Optimiser state has a negative step count {state.StepCount}.");
        if (state.Buffers is null || state.Buffers.Length != buffers.Length)
            throw new ArgumentException($"Optimiser state has {state.Buffers?.Length ?? 0} buffers; this {Kind} optimiser over {parameters.Length} parameters needs {buffers.Length}.");
        for (var i = 0; i < buffers.Length; i++)
            if (state.Buffers[i] is null || state.Buffers[i].Length != buffers[i].Length)
                throw new ArgumentException($"Optimiser state buffer {i} has {state.Buffers[i]?.Length ?? 0} values; parameter {i / BuffersPerParameter} has {buffers[i].Length}.");
        for (var i = 0; i < buffers.Length; i++) state.Buffers[i].CopyTo(buffers[i], 0);
        StepCount = state.StepCount;
        LearningRate = state.LearningRate;
    }

    /// <summary>
    /// Runs <paramref name="range"/>(start, end) over 0 … <paramref name="length"/>: for a large parameter as two halves on
    /// two threads (<see cref="ChunkTeam"/>), for element-wise work only. The halves are the same every step, so each
    /// stays in one core's cache from zeroing to update.
    /// </summary>
    protected static void InHalves(int length, Action<int, int> range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (length < SplitLength || !ChunkTeam.HasHelper)
        {
            range(0, length);
            return;
        }
        // The first half in whole 512-bit vectors.
        var middle = length / 2 / 8 * 8;
        ChunkTeam.RunHalves(middle, length, range);
    }

    /// <summary>Buffer <paramref name="which"/> of parameter <paramref name="index"/>.</summary>
    protected double[] Buffer(int index, int which) => buffers[index * BuffersPerParameter + which];

    /// <summary>Applies one update to a parameter's values from its gradient.</summary>
    /// <param name="index">The parameter's position (for <see cref="Buffer"/>).</param>
    /// <param name="values">The parameter's values, updated in place.</param>
    /// <param name="grad">The parameter's gradient.</param>
    protected abstract void Update(int index, double[] values, double[] grad);
}
