namespace QSan.Quantum.Bridge;

/// <summary>One Q# source file of a program.</summary>
/// <param name="Name">
/// The file's name as the compiler sees it: a path relative to the project folder with '/' separators
/// (e.g. <c>src/Ansatz.qs</c>). Diagnostics name files by it.
/// </param>
/// <param name="Text">The file's contents.</param>
public sealed record QSharpSource(string Name, string Text);
