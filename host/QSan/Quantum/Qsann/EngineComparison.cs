using System.Diagnostics;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;

namespace QSan.Quantum.Qsann;

/// <summary>One expectation of one token computed by Microsoft's Q# simulator and by the native engine.</summary>
/// <param name="Token">The token (batch row).</param>
/// <param name="Observable">Which branch and Pauli, e.g. "query ⟨Z0⟩".</param>
/// <param name="QSharp">Microsoft's simulator's value (exact, from its state dump).</param>
/// <param name="Native">The native engine's value.</param>
public sealed record ExpectationComparison(int Token, string Observable, double QSharp, double Native)
{
    /// <summary>|Q# − native|.</summary>
    public double Difference => Math.Abs(QSharp - Native);
}

/// <summary>A comparison of the two engines on one batch of tokens.</summary>
/// <param name="Rows">Every expectation of every token, token by token in the engines' output order.</param>
/// <param name="Tokens">The batch size.</param>
/// <param name="QSharpSeconds">Microsoft's simulator's wall time for the batch (exact state dumps, one Q# call per branch).</param>
/// <param name="NativeSeconds">The native engine's time for the same batch (mean of repeated calls, compilation excluded).</param>
public sealed record EngineComparisonResult(IReadOnlyList<ExpectationComparison> Rows, int Tokens, double QSharpSeconds, double NativeSeconds)
{
    /// <summary>The largest |Q# − native| over all rows.</summary>
    public double MaxDifference => Rows.Max(r => r.Difference);

    /// <summary>Tokens per second of Microsoft's simulator.</summary>
    public double QSharpTokensPerSecond => Tokens / QSharpSeconds;

    /// <summary>Tokens per second of the native engine.</summary>
    public double NativeTokensPerSecond => Tokens / NativeSeconds;
}

/// <summary>
/// Runs the QSANN token circuits written in Q# on Microsoft's simulator and on the native engine with the same angles,
/// so the two can be read side by side (the <c>compare</c> command, the circuits notebook).
/// </summary>
public static class EngineComparison
{
    /// <summary>Random encoder angles for <paramref name="tokens"/> tokens and random weights, uniform in [−π, π).</summary>
    public static (double[] Inputs, double[] Weights) RandomAngles(BranchedCircuit circuit, int tokens, int seed)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        var random = new Random(seed);
        var inputs = Enumerable.Range(0, tokens * circuit.InputCount).Select(_ => random.NextDouble() * 2 * Math.PI - Math.PI).ToArray();
        var weights = Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * 2 * Math.PI - Math.PI).ToArray();
        return (inputs, weights);
    }

    /// <summary>Every expectation of every token on both engines, and each engine's time for the batch.</summary>
    /// <param name="workspace">The Q# project and its bridge.</param>
    /// <param name="family">The circuits, imported from that project.</param>
    /// <param name="depth">Their ansatz depth D.</param>
    /// <param name="inputs">Encoder angles, <see cref="BranchedCircuit.InputCount"/> per token.</param>
    /// <param name="weights">The branches' weights.</param>
    public static EngineComparisonResult Compare(QuantumWorkspace workspace, QsannCircuitFamily family, int depth, double[] inputs, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(weights);
        var circuit = family.Circuit;
        if (inputs.Length % circuit.InputCount != 0)
            throw new ArgumentException($"{inputs.Length} encoder angles do not split into tokens of {circuit.InputCount}.", nameof(inputs));
        var tokens = inputs.Length / circuit.InputCount;
        if (tokens == 0) throw new ArgumentException("Compare at least one token.", nameof(inputs));
        var reference = new double[tokens * circuit.ObservableCount];
        var native = new double[reference.Length];
        var qsharpClock = Stopwatch.StartNew();
        new QSharpSimulatorEngine(workspace.Bridge, workspace.Project, depth).Forward(circuit, tokens, inputs, weights, reference);
        var qsharpSeconds = qsharpClock.Elapsed.TotalSeconds;
        var nativeSeconds = TimeNative(circuit, tokens, inputs, weights, native);
        var labels = ObservableLabels(circuit);
        var rows = new List<ExpectationComparison>(reference.Length);
        for (var t = 0; t < tokens; t++)
            for (var o = 0; o < circuit.ObservableCount; o++)
                rows.Add(new ExpectationComparison(t, labels[o], reference[t * circuit.ObservableCount + o], native[t * circuit.ObservableCount + o]));
        return new EngineComparisonResult(rows, tokens, qsharpSeconds, nativeSeconds);
    }

    /// <summary>
    /// The native engine's seconds per call on the batch: the first call compiles, so it is run once untimed, then
    /// repeated until a tenth of a second has passed (one call of a few tokens takes microseconds).
    /// </summary>
    private static double TimeNative(BranchedCircuit circuit, int tokens, double[] inputs, double[] weights, double[] expectations)
    {
        var engine = new NativeEngine();
        engine.Forward(circuit, tokens, inputs, weights, expectations);
        var calls = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            engine.Forward(circuit, tokens, inputs, weights, expectations);
            calls++;
        }
        while (clock.Elapsed.TotalSeconds < 0.1);
        return clock.Elapsed.TotalSeconds / calls;
    }

    /// <summary>"query ⟨Z0⟩", … in the engines' output order.</summary>
    public static string[] ObservableLabels(BranchedCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return [.. circuit.Branches.SelectMany(b => b.Observables.Select(o => $"{b.Name} ⟨{o}⟩"))];
    }
}
