using System.Collections.Immutable;
using QSan.Azure.Targets;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Shots;

namespace QSan.Azure.Engines;

/// <summary>
/// Plans a whole evaluation on a shot backend without running anything: each engine call's programs are recorded as one
/// submission (what a <see cref="ShotEngine"/> with the same register size and options would send for that call), and the
/// call is answered with exact expectations so that a model's later layers, whose inputs depend on earlier results, are
/// planned too. Gives the size and cost of the whole evaluation before anything is sent, and the payloads of a dry run.
/// </summary>
/// <remarks>
/// The number of programs, circuits and gates per call depends only on the batch's shape, so the plan's size and cost are
/// those of the real run; the angles of later layers come from exact rather than measured expectations.
/// </remarks>
public sealed class SubmissionPlanner : IQuantumEngine
{
    private readonly ShotEngine planner;
    private readonly IQuantumEngine exact;
    private readonly List<ImmutableArray<PackedProgram>> submissions = [];

    /// <summary>Creates a planner.</summary>
    /// <param name="maxQubits">The target's register size (bounds how many circuits share a program).</param>
    /// <param name="options">Shots and packing, as the real engine will use them.</param>
    /// <param name="exact">Answers the calls (default: the native engine).</param>
    public SubmissionPlanner(int maxQubits, ShotEngineOptions options, IQuantumEngine? exact = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        planner = new ShotEngine(new LocalShotBackend(maxQubits: maxQubits), options);
        this.exact = exact ?? new NativeEngine();
    }

    /// <inheritdoc/>
    public string Name => $"plan ({planner.Options.Shots} shots)";

    /// <summary>Shots per program.</summary>
    public int Shots => planner.Options.Shots;

    /// <summary>Each call's programs, in call order (program indices restart at 0 in every submission).</summary>
    public IReadOnlyList<ImmutableArray<PackedProgram>> Submissions => submissions;

    /// <summary>Every program of every submission, renumbered 0, 1, … in order (as a dry run writes them).</summary>
    public ImmutableArray<PackedProgram> AllPrograms()
    {
        var index = 0;
        return [.. submissions.SelectMany(s => s).Select(p => p with { Index = index++ })];
    }

    /// <summary>The size and cost of all submissions together on <paramref name="target"/>.</summary>
    public SubmissionEstimate Estimate(TargetInfo target) => SubmissionEstimate.For(target, AllPrograms(), Shots);

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        // A shot engine sends nothing for an empty batch, so neither does the plan.
        var programs = planner.Programs(circuit, batch, inputs, weights);
        if (!programs.IsEmpty) submissions.Add(programs);
        exact.Forward(circuit, batch, inputs, weights, expectations);
    }
}
