using System.Collections.Immutable;

namespace QSan.Quantum.Bridge;

/// <summary>The outcome of one shot of a Q# program run by Microsoft's simulator.</summary>
/// <param name="Success">Whether the shot completed.</param>
/// <param name="Result">The returned Q# value as the simulator displays it (e.g. <c>[One, Zero]</c>); null when the shot failed.</param>
/// <param name="Error">Why the shot failed; null when it succeeded.</param>
/// <param name="Messages">What the program printed with <c>Message</c>, in order.</param>
public sealed record QSharpShot(bool Success, string? Result, QSharpError? Error, ImmutableArray<string> Messages);
