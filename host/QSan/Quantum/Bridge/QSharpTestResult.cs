namespace QSan.Quantum.Bridge;

/// <summary>The outcome of one <c>@Test()</c> callable of a Q# project.</summary>
/// <param name="Name">The fully qualified callable name, e.g. <c>QSan.Tests.AnsatzIsNormalized</c>.</param>
/// <param name="Success">Whether it ran without failing.</param>
/// <param name="Message">Why it failed, with the file and line; null when it passed.</param>
public sealed record QSharpTestResult(string Name, bool Success, string? Message);
