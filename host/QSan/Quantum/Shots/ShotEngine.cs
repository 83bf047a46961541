using System.Collections.Immutable;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;

namespace QSan.Quantum.Shots;

/// <summary>
/// A shot-based <see cref="IQuantumEngine"/>: the same interface as the exact engines, with expectations estimated from
/// measurement counts. A batch becomes a <see cref="MeasurementPlan"/> (one circuit per token, branch and basis), the
/// circuits are packed into as few programs as the backend's register allows, the backend runs them, and the histograms
/// are read back into expectations with standard errors. Wrap it in <see cref="ParameterShiftGradient"/> to train on shots.
/// </summary>
public sealed class ShotEngine : IQuantumEngine
{
    private readonly IShotBackend backend;

    /// <summary>Creates the engine.</summary>
    public ShotEngine(IShotBackend backend, ShotEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        this.backend = backend;
        Options = (options ?? new ShotEngineOptions()).Validate();
    }

    /// <summary>A shot engine that samples locally from exact outcome distributions (no network).</summary>
    /// <param name="shots">Shots per program.</param>
    /// <param name="seed">Seed of the sampler.</param>
    /// <param name="maxQubits">Register size to pack circuits into (like a target's qubit count).</param>
    /// <param name="pack">Whether circuits share programs side by side (false: one circuit per program).</param>
    public static ShotEngine Local(int shots, int seed = 1, int maxQubits = 64, bool pack = true) =>
        new(new LocalShotBackend(seed, maxQubits), new ShotEngineOptions(shots, pack ? int.MaxValue : 1));

    /// <summary>Shots and packing.</summary>
    public ShotEngineOptions Options { get; }

    /// <inheritdoc/>
    public string Name => $"{backend.Name} ({Options.Shots} shots)";

    /// <summary>The most recent estimate (with its standard errors), for callers that use the plain interface.</summary>
    public ShotEstimate? LastEstimate { get; private set; }

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (expectations.Length != batch * circuit.ObservableCount)
            throw new ArgumentException($"Expected {batch} × {circuit.ObservableCount} expectations, got {expectations.Length}.", nameof(expectations));
        Estimate(circuit, batch, inputs, weights).Expectations.AsSpan().CopyTo(expectations);
    }

    /// <summary>How many circuits go into one program for <paramref name="circuit"/> on this backend.</summary>
    public int SlotsPerProgram(BranchedCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (circuit.QubitCount > backend.MaxQubits)
            throw new ArgumentException($"The circuits need {circuit.QubitCount} qubits; {backend.Name} offers {backend.MaxQubits}.", nameof(circuit));
        return Math.Max(1, Math.Min(Options.MaxCircuitsPerProgram, backend.MaxQubits / circuit.QubitCount));
    }

    /// <summary>The programs a batch would run, without running them (for cost estimates and dry runs).</summary>
    public ImmutableArray<PackedProgram> Programs(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights) =>
        PackedProgram.Pack(MeasurementPlan.Build(circuit, batch, inputs, weights), SlotsPerProgram(circuit));

    /// <summary>Runs a batch and returns expectations with standard errors.</summary>
    public ShotEstimate Estimate(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, CancellationToken cancellationToken = default)
    {
        var plan = MeasurementPlan.Build(circuit, batch, inputs, weights);
        var slots = SlotsPerProgram(circuit);
        var programs = PackedProgram.Pack(plan, slots);
        var histograms = programs.IsEmpty ? [] : backend.Run(programs, Options.Shots, cancellationToken);
        if (histograms.Count != programs.Length) throw new InvalidOperationException($"{backend.Name} returned {histograms.Count} results for {programs.Length} programs.");
        for (var i = 0; i < programs.Length; i++)
            if (histograms[i].BitCount != programs[i].QubitCount)
                throw new InvalidOperationException($"{backend.Name}: program {i} measured {programs[i].QubitCount} qubits but its result has {histograms[i].BitCount} bits.");
        var (values, errors) = ExpectationEstimator.Estimate(plan, slots, histograms);
        var estimate = new ShotEstimate([.. values], [.. errors], programs.Length, plan.Circuits.Length, Options.Shots);
        LastEstimate = estimate;
        return estimate;
    }
}
