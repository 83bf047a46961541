using System.Collections.Immutable;
using System.Numerics;

namespace QSan.Quantum.Bridge;

/// <summary>One Q# source file of a program.</summary>
/// <param name="Name">
/// The file's name as the compiler sees it: a path relative to the project folder with '/' separators
/// (e.g. <c>src/Ansatz.qs</c>). Diagnostics name files by it.
/// </param>
/// <param name="Text">The file's contents.</param>
public sealed record QSharpSource(string Name, string Text);

/// <summary>A compiler or runtime diagnostic reported by the Q# compiler.</summary>
/// <param name="File">The source name (<see cref="QSharpSource.Name"/>), or <c>&lt;entry&gt;</c> for the entry expression.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Code">The compiler's error code, e.g. <c>Qdk.Qsc.Parse.Token</c>.</param>
/// <param name="Message">The compiler's message.</param>
public sealed record QSharpDiagnostic(string File, int Line, int Column, string Code, string Message)
{
    /// <summary>Formats the diagnostic the way compilers print them: <c>path(line,column): error code: message</c>.</summary>
    /// <param name="path">The path to show for <see cref="File"/>; the source name when null.</param>
    public string Format(string? path = null)
    {
        var code = Code.StartsWith("Qdk.", StringComparison.Ordinal) ? Code["Qdk.".Length..] : Code;
        var prefix = code.Length == 0 ? "error" : $"error {code}";
        return $"{path ?? File}({Line},{Column}): {prefix}: {Message}";
    }

    /// <inheritdoc/>
    public override string ToString() => Format();
}

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

/// <summary>The outcome of one shot of a Q# program run by Microsoft's simulator.</summary>
/// <param name="Success">Whether the shot completed.</param>
/// <param name="Result">The returned Q# value as the simulator displays it (e.g. <c>[One, Zero]</c>); null when the shot failed.</param>
/// <param name="Error">Why the shot failed; null when it succeeded.</param>
/// <param name="Messages">What the program printed with <c>Message</c>, in order.</param>
public sealed record QSharpShot(bool Success, string? Result, QSharpError? Error, ImmutableArray<string> Messages);

/// <summary>The states a Q# program dumped with <c>DumpMachine</c> during one run, and what it returned.</summary>
/// <param name="Result">The returned Q# value as the simulator displays it.</param>
/// <param name="States">
/// One dense state vector per <c>DumpMachine</c> call, in order, of length 2^n for the n qubits allocated at the time.
/// Little-endian: bit q of an index is qubit q (qubit 0 is the least significant bit), zero amplitudes included.
/// The global phase is the simulator's own.
/// </param>
/// <param name="Messages">What the program printed with <c>Message</c>, in order.</param>
public sealed record QSharpDump(string Result, ImmutableArray<Complex[]> States, ImmutableArray<string> Messages);

/// <summary>The outcome of one <c>@Test()</c> callable of a Q# project.</summary>
/// <param name="Name">The fully qualified callable name, e.g. <c>QSan.Tests.AnsatzIsNormalized</c>.</param>
/// <param name="Success">Whether it ran without failing.</param>
/// <param name="Message">Why it failed, with the file and line; null when it passed.</param>
public sealed record QSharpTestResult(string Name, bool Success, string? Message);
