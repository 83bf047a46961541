using System.Collections.Immutable;
using System.Numerics;

namespace QSan.Quantum.Bridge;

/// <summary>The states a Q# program dumped with <c>DumpMachine</c> during one run, and what it returned.</summary>
/// <param name="Result">The returned Q# value as the simulator displays it.</param>
/// <param name="States">
/// One dense state vector per <c>DumpMachine</c> call, in order, of length 2^n for the n qubits allocated at the time.
/// Little-endian: bit q of an index is qubit q (qubit 0 is the least significant bit), zero amplitudes included.
/// The global phase is the simulator's own.
/// </param>
/// <param name="Messages">What the program printed with <c>Message</c>, in order.</param>
public sealed record QSharpDump(string Result, ImmutableArray<Complex[]> States, ImmutableArray<string> Messages);
