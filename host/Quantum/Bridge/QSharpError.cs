using System.Collections.Immutable;

namespace QSan.Quantum.Bridge;

/// <summary>Why one shot of a Q# program failed at run time (e.g. <c>fail</c>, or a qubit released while not in |0⟩).</summary>
/// <param name="Code">The error code, e.g. <c>Qdk.Qsc.Eval.UserFail</c>.</param>
/// <param name="Message">The simulator's message.</param>
/// <param name="Diagnostics">Where it happened.</param>
/// <param name="Stack">The Q# call stack, when the simulator gives one.</param>
public sealed record QSharpError(string Code, string Message, ImmutableArray<QSharpDiagnostic> Diagnostics, string? Stack)
{
    /// <summary>The first location and the message, plus the call stack when there is one.</summary>
    public string Describe()
    {
        var head = Diagnostics.IsDefaultOrEmpty ? Message : Diagnostics[0].Format();
        return Stack is null ? head : $"{head}{Environment.NewLine}{Stack.TrimEnd()}";
    }
}
