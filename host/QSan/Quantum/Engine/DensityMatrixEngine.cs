using System.Numerics;
using System.Runtime.CompilerServices;
using QSan.Quantum.Circuits;
using QSan.Quantum.Noise;

namespace QSan.Quantum.Engine;

/// <summary>
/// Exact noisy simulation on density matrices: every gate of the circuit is followed by the <see cref="NoiseModel"/>'s
/// channels on the qubits it touched, each measurement's basis change is a noisy gate too, and readout errors scale
/// the expectations. Batches are split over all processors, one circuit per task; the prefix (the encoder) is
/// simulated once per circuit and shared by the branches. Gradients use the adjoint method on the density matrix
/// (the cotangent observable is carried backwards through the adjoint channels, and every rotation contributes
/// Im Tr(σ P ρ)); where the stored states would not fit in memory, the exact parameter-shift rule. With
/// <see cref="NoiseModel.None"/> it equals the state-vector engine. Correct for 1–12 qubits; meant for 2–6.
/// </summary>
public sealed partial class DensityMatrixEngine : IDifferentiableEngine
{
    /// <summary>The largest register it simulates (a 12-qubit density matrix takes 256 MiB).</summary>
    public const int MaxQubits = 12;

    // States kept for the adjoint sweep, per circuit in flight; above this the engine differentiates by parameter shift.
    private const long AdjointMemoryLimit = 64L << 20;

    private readonly ConditionalWeakTable<BranchedCircuit, Program> programs = new();
    private readonly int parallelism;
    private readonly ParameterShiftGradient shift;

    /// <summary>An engine for <paramref name="noise"/> on all processors.</summary>
    public DensityMatrixEngine(NoiseModel noise)
        : this(noise, Environment.ProcessorCount)
    {
    }

    /// <summary>An engine for <paramref name="noise"/> on at most <paramref name="maxDegreeOfParallelism"/> threads per call.</summary>
    public DensityMatrixEngine(NoiseModel noise, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        Noise = noise;
        parallelism = maxDegreeOfParallelism;
        shift = new ParameterShiftGradient(new ForwardOnly(this));
    }

    /// <summary>The noise the engine simulates.</summary>
    public NoiseModel Noise { get; }

    /// <inheritdoc/>
    public string Name => Noise.IsNoiseless ? "density-matrix" : $"density-matrix({Noise.Spec})";

    /// <summary>Floating-point operations one forward evaluation of a circuit performs (counted from the kernels: a complex multiply-add is 8).</summary>
    public long FlopsPerCircuit(BranchedCircuit circuit) => ProgramOf(circuit).ForwardFlops;

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
    {
        EngineArguments.CheckForward(circuit, batch, inputs.Length, weights.Length, expectations.Length);
        var program = ProgramOf(circuit);
        var inputArray = inputs.ToArray();
        var weightArray = weights.ToArray();
        var output = new double[expectations.Length];
        ForEachRow(program, batch, (row, ws) => program.Forward(ws, inputArray.AsSpan(row * circuit.InputCount, circuit.InputCount), weightArray,
            output.AsSpan(row * circuit.ObservableCount, circuit.ObservableCount)));
        output.CopyTo(expectations);
    }

    /// <inheritdoc/>
    public void Vjp(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
    {
        EngineArguments.CheckVjp(circuit, batch, inputs.Length, weights.Length, cotangents.Length, expectations.Length,
            inputGradients.Length, weightGradients.Length);
        var program = ProgramOf(circuit);
        if (program.StoredStateBytes > AdjointMemoryLimit)
        {
            shift.Vjp(circuit, batch, inputs, weights, cotangents, expectations, inputGradients, weightGradients);
            return;
        }
        var inputArray = inputs.ToArray();
        var weightArray = weights.ToArray();
        var cotangentArray = cotangents.ToArray();
        var output = new double[expectations.Length];
        var inputGrad = new double[inputGradients.Length];
        var weightRows = new double[(long)batch * circuit.WeightCount];
        ForEachRow(program, batch, (row, ws) => program.Vjp(ws,
            inputArray.AsSpan(row * circuit.InputCount, circuit.InputCount), weightArray,
            cotangentArray.AsSpan(row * circuit.ObservableCount, circuit.ObservableCount),
            output.AsSpan(row * circuit.ObservableCount, circuit.ObservableCount),
            inputGrad.AsSpan(row * circuit.InputCount, circuit.InputCount),
            weightRows.AsSpan(row * circuit.WeightCount, circuit.WeightCount)));
        output.CopyTo(expectations);
        inputGrad.CopyTo(inputGradients);
        weightGradients.Clear();
        // Summed in row order so results do not depend on thread timing.
        for (var row = 0; row < batch; row++)
            for (var s = 0; s < circuit.WeightCount; s++)
                weightGradients[s] += weightRows[row * circuit.WeightCount + s];
    }

    private Program ProgramOf(BranchedCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return programs.GetValue(circuit, c =>
        {
            c.Validate();
            if (c.QubitCount > MaxQubits)
                throw new NoiseException($"The density-matrix engine simulates at most {MaxQubits} qubits; the circuit has {c.QubitCount}.");
            Noise.CheckQubits(c.QubitCount);
            return new Program(c, Noise);
        });
    }

    private void ForEachRow(Program program, int batch, Action<int, DensityWorkspace> body)
    {
        if (batch == 0) return;
        var threads = (int)Math.Min(Math.Min(parallelism, batch), Math.Max(1, batch * program.ForwardFlops / (1L << 18)));
        if (threads <= 1)
        {
            var ws = new DensityWorkspace(program.Dimension);
            for (var row = 0; row < batch; row++) body(row, ws);
            return;
        }
        Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new DensityWorkspace(program.Dimension), (row, _, ws) => { body(row, ws); return ws; }, _ => { });
    }

    /// <summary>Exposes only <see cref="Forward"/>, for the parameter-shift fallback (which must not call back into <see cref="Vjp"/>).</summary>
    private sealed class ForwardOnly(DensityMatrixEngine engine) : IQuantumEngine
    {
        public string Name => engine.Name;

        public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations) =>
            engine.Forward(circuit, batch, inputs, weights, expectations);
    }
}
