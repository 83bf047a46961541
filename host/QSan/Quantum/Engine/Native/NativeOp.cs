namespace QSan.Quantum.Engine.Native;

/// <summary>One step of a compiled program.</summary>
internal abstract record NativeOp;
