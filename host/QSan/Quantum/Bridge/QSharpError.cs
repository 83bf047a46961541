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
    public string Describe() => WithCallStack(Diagnostics.IsDefaultOrEmpty ? Message : Diagnostics[0].Format());

    /// <summary>Appends the call stack (without its first line, which repeats the message) to a description.</summary>
    internal string WithCallStack(string head)
    {
        if (Stack is null) return head;
        var lines = Stack.TrimEnd().Split('\n');
        var frames = lines[0].StartsWith("Error:", StringComparison.Ordinal) ? lines[1..] : lines;
        return frames.Length == 0 ? head : $"{head}{Environment.NewLine}{string.Join(Environment.NewLine, frames)}";
    }
}
