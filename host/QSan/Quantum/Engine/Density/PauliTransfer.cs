using System.Numerics;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Density;

/// <summary>
/// Compile-time algebra of the Pauli-basis density matrix: ρ = 2⁻ⁿ Σ_P r_P P with real r_P = Tr(P ρ), Paulis per qubit
/// ordered I, X, Y, Z. Every single-qubit gate or channel is a real 4×4 Pauli transfer matrix R[a,b] = ½ Tr(σ_a N(σ_b))
/// (row-major double[16]); Clifford two-qubit gates map Pauli strings to signed Pauli strings.
/// </summary>
internal static class PauliTransfer
{
    private static readonly Complex I = Complex.ImaginaryOne;

    private static readonly Complex[][,] Paulis =
    [
        new Complex[,] { { 1, 0 }, { 0, 1 } },
        new Complex[,] { { 0, 1 }, { 1, 0 } },
        new Complex[,] { { 0, -I }, { I, 0 } },
        new Complex[,] { { 1, 0 }, { 0, -1 } },
    ];

    public static double[] Identity { get; } = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

    /// <summary>The transfer matrix of ρ → U ρ U†.</summary>
    public static double[] OfGate(GateKind kind, double angle)
    {
        var u = GateMatrix(kind, angle);
        var ud = Adjoint(u);
        return Of(b => Multiply(Multiply(u, b), ud));
    }

    /// <summary>The transfer matrix of a channel given as its superoperator on (ρ₀₀, ρ₀₁, ρ₁₀, ρ₁₁).</summary>
    public static double[] OfSuperoperator(Complex[,] s) => Of(b =>
    {
        Complex[] v = [b[0, 0], b[0, 1], b[1, 0], b[1, 1]];
        var r = new Complex[2, 2];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
                r[i >> 1, i & 1] += s[i, j] * v[j];
        return r;
    });

    /// <summary>a · b.</summary>
    public static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[16];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
                for (var k = 0; k < 4; k++)
                    r[4 * i + j] += a[4 * i + k] * b[4 * k + j];
        return r;
    }

    /// <summary>wᵀ R as a vector: the dual weights of an observable pulled back (Heisenberg picture) through R.</summary>
    public static double[] PullBack(double[] r, double[] w)
    {
        var result = new double[4];
        for (var b = 0; b < 4; b++)
            for (var a = 0; a < 4; a++)
                result[b] += w[a] * r[4 * a + b];
        return result;
    }

    public static bool IsDiagonal(double[] m)
    {
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
                if (i != j && m[4 * i + j] != 0) return false;
        return true;
    }

    /// <summary>Whether the map sends the maximally mixed state to itself (its first column is e₀): then rows 1–3 ignore r_I.</summary>
    public static bool IsUnital(double[] m) => m[4] == 0 && m[8] == 0 && m[12] == 0;

    /// <summary>
    /// Whether m shrinks the Bloch vector evenly, diag(1, λ, λ, λ) (depolarizing), up to the rounding of its construction:
    /// it then commutes with every single-qubit rotation.
    /// </summary>
    public static bool IsIsotropic(double[] m) =>
        IsDiagonal(m) && m[0] == 1 && Math.Abs(m[5] - m[10]) <= 1e-15 && Math.Abs(m[10] - m[15]) <= 1e-15;

    /// <summary>
    /// For a two-qubit Clifford gate on (first, second): entry 4·b + a (a on first, b on second) is the Pauli pair and sign
    /// that U (σ_a ⊗ σ_b) U† equals.
    /// </summary>
    public static (int First, int Second, double Sign)[] CliffordImages(GateKind kind)
    {
        // Basis index: bit 0 = first qubit, bit 1 = second.
        var u = new Complex[4, 4];
        for (var j = 0; j < 4; j++)
        {
            var i = kind switch
            {
                GateKind.Cx => (j & 1) == 0 ? j : j ^ 2,
                GateKind.Swap => ((j & 1) << 1) | (j >> 1),
                GateKind.Cz => j,
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a two-qubit Clifford gate."),
            };
            u[i, j] = kind == GateKind.Cz && j == 3 ? -1 : 1;
        }
        var images = new (int, int, double)[16];
        for (var p = 0; p < 16; p++)
        {
            var image = Multiply(Multiply(u, Pair(p & 3, p >> 2)), Adjoint(u));
            for (var q = 0; q < 16; q++)
            {
                var overlap = Trace(Multiply(Pair(q & 3, q >> 2), image)) / 4;
                if (Math.Abs(overlap.Magnitude - 1) < 1e-12) images[p] = (q & 3, q >> 2, Math.Round(overlap.Real));
            }
        }
        return images;
    }

    public static Complex[,] GateMatrix(GateKind kind, double angle)
    {
        var h = Math.Sqrt(0.5);
        var (c, s) = (Math.Cos(angle / 2), Math.Sin(angle / 2));
        return kind switch
        {
            GateKind.H => new Complex[,] { { h, h }, { h, -h } },
            GateKind.X => new Complex[,] { { 0, 1 }, { 1, 0 } },
            GateKind.Y => new Complex[,] { { 0, -I }, { I, 0 } },
            GateKind.Z => new Complex[,] { { 1, 0 }, { 0, -1 } },
            GateKind.S => new Complex[,] { { 1, 0 }, { 0, I } },
            GateKind.SAdj => new Complex[,] { { 1, 0 }, { 0, -I } },
            GateKind.T => new Complex[,] { { 1, 0 }, { 0, Complex.FromPolarCoordinates(1, Math.PI / 4) } },
            GateKind.TAdj => new Complex[,] { { 1, 0 }, { 0, Complex.FromPolarCoordinates(1, -Math.PI / 4) } },
            GateKind.Rx => new Complex[,] { { c, -I * s }, { -I * s, c } },
            GateKind.Ry => new Complex[,] { { c, -s }, { s, c } },
            GateKind.Rz => new Complex[,] { { c - I * s, 0 }, { 0, c + I * s } },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single-qubit gate."),
        };
    }

    /// <summary>
    /// The plane (a, b) a rotation exp(−iθP/2) turns the Bloch components in: r_a → cos θ r_a − sin θ r_b, r_b → sin θ r_a + cos θ r_b.
    /// </summary>
    public static (int A, int B) RotationPlane(GateKind kind) => kind switch
    {
        GateKind.Rx => (2, 3),
        GateKind.Ry => (3, 1),
        GateKind.Rz => (1, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a rotation."),
    };

    private static double[] Of(Func<Complex[,], Complex[,]> map)
    {
        var r = new double[16];
        for (var b = 0; b < 4; b++)
        {
            var image = map(Paulis[b]);
            for (var a = 0; a < 4; a++) r[4 * a + b] = Trace(Multiply(Paulis[a], image)).Real / 2;
        }
        return r;
    }

    private static Complex[,] Pair(int first, int second)
    {
        var m = new Complex[4, 4];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
                m[i, j] = Paulis[first][i & 1, j & 1] * Paulis[second][i >> 1, j >> 1];
        return m;
    }

    private static Complex[,] Multiply(Complex[,] a, Complex[,] b)
    {
        var n = a.GetLength(0);
        var r = new Complex[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                    r[i, j] += a[i, k] * b[k, j];
        return r;
    }

    private static Complex[,] Adjoint(Complex[,] a)
    {
        var n = a.GetLength(0);
        var r = new Complex[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                r[i, j] = Complex.Conjugate(a[j, i]);
        return r;
    }

    private static Complex Trace(Complex[,] a)
    {
        Complex t = 0;
        for (var i = 0; i < a.GetLength(0); i++) t += a[i, i];
        return t;
    }
}
