namespace QSan.Quantum.Engine.Native;

/// <summary>Which kernel a fused single-qubit block needs; cheaper forms skip the arithmetic on known zeros.</summary>
internal enum MatrixForm
{
    /// <summary>A general complex 2×2 matrix.</summary>
    Complex,
    /// <summary>Real entries (products of H, X, Y up to phase, Z, RY).</summary>
    Real,
    /// <summary>Diagonal (products of Z, S, T, RZ and adjoints).</summary>
    Diagonal,
}
