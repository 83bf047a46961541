namespace QSan.Quantum.Engine.Native;

/// <summary>CZ: negates the amplitudes whose two logical bits are set.</summary>
/// <param name="Indices">Those amplitudes' physical indices.</param>
internal sealed record ControlledZOp(IndexSet Indices) : NativeOp;
