using System.Collections.Immutable;

namespace QSan.Quantum.Import;

/// <summary>One <c>__quantum__qis__*</c> call of a base-profile QIR program, as written.</summary>
/// <param name="Intrinsic">The intrinsic's name without prefix, e.g. <c>rx__body</c>.</param>
/// <param name="Angle">The double argument of rotations, if any.</param>
/// <param name="Qubits">The qubit ids, in argument order.</param>
/// <param name="Result">The result id of a measurement, otherwise -1.</param>
/// <param name="Line">1-based line in the QIR text, for messages.</param>
public sealed record QirCall(string Intrinsic, double? Angle, ImmutableArray<int> Qubits, int Result, int Line);
