using System.Numerics;

namespace QSan.Quantum.Engine;

/// <summary>
/// Operations on a dense density matrix ρ of n qubits, stored row-major (entry r·D + c, D = 2ⁿ, bit q of an index is
/// qubit q). The same kernels run the Heisenberg picture backwards: an observable σ evolves by the adjoint maps.
/// </summary>
internal static class DensityKernels
{
    /// <summary>
    /// A single-qubit gate and the channel after it, in one pass over the 2×2 blocks of qubit <paramref name="qubit"/>:
    /// B → N(U B U†); with <paramref name="adjoint"/> the Heisenberg step B → U N†(B) U† for <paramref name="u"/> = the gate's adjoint.
    /// </summary>
    public static void GateBlock(Span<Complex> rho, int dimension, int qubit, in Matrix2 u, BlockChannel? noise, bool adjoint)
    {
        var m = 1 << qubit;
        var ud = u.Adjoint;
        for (var r0 = 0; r0 < dimension; r0++)
        {
            if ((r0 & m) != 0) continue;
            var i0 = r0 * dimension;
            var i1 = (r0 | m) * dimension;
            for (var c0 = 0; c0 < dimension; c0++)
            {
                if ((c0 & m) != 0) continue;
                var c1 = c0 | m;
                var b = new Matrix2(rho[i0 + c0], rho[i0 + c1], rho[i1 + c0], rho[i1 + c1]);
                if (adjoint && noise is not null) b = noise.AdjointOn(b);
                b = u * b * ud;
                if (!adjoint && noise is not null) b = noise.On(b);
                rho[i0 + c0] = b.A;
                rho[i0 + c1] = b.B;
                rho[i1 + c0] = b.C;
                rho[i1 + c1] = b.D;
            }
        }
    }

    /// <summary>Applies a single-qubit superoperator (4×4 on ρ₀₀, ρ₀₁, ρ₁₀, ρ₁₁) to qubit <paramref name="qubit"/>.</summary>
    public static void Channel(Span<Complex> rho, int dimension, int qubit, Complex[] s)
    {
        var m = 1 << qubit;
        for (var r0 = 0; r0 < dimension; r0++)
        {
            if ((r0 & m) != 0) continue;
            var r1 = r0 | m;
            for (var c0 = 0; c0 < dimension; c0++)
            {
                if ((c0 & m) != 0) continue;
                var c1 = c0 | m;
                var v0 = rho[r0 * dimension + c0];
                var v1 = rho[r0 * dimension + c1];
                var v2 = rho[r1 * dimension + c0];
                var v3 = rho[r1 * dimension + c1];
                rho[r0 * dimension + c0] = s[0] * v0 + s[1] * v1 + s[2] * v2 + s[3] * v3;
                rho[r0 * dimension + c1] = s[4] * v0 + s[5] * v1 + s[6] * v2 + s[7] * v3;
                rho[r1 * dimension + c0] = s[8] * v0 + s[9] * v1 + s[10] * v2 + s[11] * v3;
                rho[r1 * dimension + c1] = s[12] * v0 + s[13] * v1 + s[14] * v2 + s[15] * v3;
            }
        }
    }

    /// <summary>Applies a Pauli channel (X, Y, Z with probabilities px, py, pz) to qubit <paramref name="qubit"/>: real, sparse.</summary>
    public static void PauliChannel(Span<Complex> rho, int dimension, int qubit, double px, double py, double pz)
    {
        // ρ₀₀ ↔ ρ₁₁ mix with weight px + py; ρ₀₁ → (1 − 2(px+pz))... with the off-diagonal pair mixed by px − py.
        var m = 1 << qubit;
        var flip = px + py;
        var keep = 1 - px - py - pz;
        var offSame = keep - pz;  // I and Z keep ρ₀₁ up to Z's sign
        var offSwap = px - py;    // X swaps ρ₀₁ ↔ ρ₁₀, Y swaps with a sign
        for (var r0 = 0; r0 < dimension; r0++)
        {
            if ((r0 & m) != 0) continue;
            var r1 = r0 | m;
            for (var c0 = 0; c0 < dimension; c0++)
            {
                if ((c0 & m) != 0) continue;
                var c1 = c0 | m;
                var v0 = rho[r0 * dimension + c0];
                var v1 = rho[r0 * dimension + c1];
                var v2 = rho[r1 * dimension + c0];
                var v3 = rho[r1 * dimension + c1];
                rho[r0 * dimension + c0] = (1 - flip) * v0 + flip * v3;
                rho[r1 * dimension + c1] = flip * v0 + (1 - flip) * v3;
                rho[r0 * dimension + c1] = offSame * v1 + offSwap * v2;
                rho[r1 * dimension + c0] = offSwap * v1 + offSame * v2;
            }
        }
    }

    /// <summary>ρ → P ρ P for a permutation P of basis states (CNOT, SWAP); <paramref name="scratch"/> holds D² entries.</summary>
    public static void Permute(Span<Complex> rho, Span<Complex> scratch, int dimension, Func<int, int> p)
    {
        rho.CopyTo(scratch);
        for (var r = 0; r < dimension; r++)
        {
            var pr = p(r);
            for (var c = 0; c < dimension; c++) rho[r * dimension + c] = scratch[pr * dimension + p(c)];
        }
    }

    /// <summary>ρ → CZ ρ CZ.</summary>
    public static void ControlledZ(Span<Complex> rho, int dimension, int a, int b)
    {
        var mask = (1 << a) | (1 << b);
        for (var r = 0; r < dimension; r++)
        {
            var sr = (r & mask) == mask;
            for (var c = 0; c < dimension; c++)
                if (sr != ((c & mask) == mask)) rho[r * dimension + c] = -rho[r * dimension + c];
        }
    }

    /// <summary>Re Tr(A ρ_q) for a 2×2 Hermitian <paramref name="a"/> on qubit <paramref name="qubit"/>.</summary>
    public static double Expectation(ReadOnlySpan<Complex> rho, int dimension, int qubit, in Matrix2 a)
    {
        var m = 1 << qubit;
        Complex r00 = 0, r01 = 0, r10 = 0, r11 = 0;
        for (var k = 0; k < dimension; k++)
        {
            if ((k & m) != 0) continue;
            r00 += rho[k * dimension + k];
            r01 += rho[k * dimension + (k | m)];
            r10 += rho[(k | m) * dimension + k];
            r11 += rho[(k | m) * dimension + (k | m)];
        }
        // Tr(A ρ) = Σ_ab A[b,a] ρ[a,b].
        return (a.A * r00 + a.C * r01 + a.B * r10 + a.D * r11).Real;
    }

    /// <summary>σ += g · (A on qubit q) ⊗ I.</summary>
    public static void AddObservable(Span<Complex> sigma, int dimension, int qubit, in Matrix2 a, double g)
    {
        var m = 1 << qubit;
        for (var k = 0; k < dimension; k++)
        {
            if ((k & m) != 0) continue;
            sigma[k * dimension + k] += g * a.A;
            sigma[k * dimension + (k | m)] += g * a.B;
            sigma[(k | m) * dimension + k] += g * a.C;
            sigma[(k | m) * dimension + (k | m)] += g * a.D;
        }
    }

    /// <summary>Im Tr(σ P_q ρ) for a Pauli P on qubit q: the derivative of Tr(σ ρ) in the angle of exp(−iθP/2) just applied.</summary>
    public static double RotationDerivative(ReadOnlySpan<Complex> sigma, ReadOnlySpan<Complex> rho, int dimension, int qubit, Circuits.Pauli pauli)
    {
        var m = 1 << qubit;
        double sum = 0;
        // Tr(σ P ρ) = Σ_{r,s} σ[r,s] (Pρ)[s,r]; (Pρ)[s,r] = P[s_q, s'_q] ρ[s', r] with s' = s or s ^ m.
        for (var r = 0; r < dimension; r++)
            for (var s = 0; s < dimension; s++)
            {
                var sg = sigma[r * dimension + s];
                Complex term = pauli switch
                {
                    Circuits.Pauli.X => rho[(s ^ m) * dimension + r],
                    Circuits.Pauli.Y => ((s & m) == 0 ? -Complex.ImaginaryOne : Complex.ImaginaryOne) * rho[(s ^ m) * dimension + r],
                    _ => ((s & m) == 0 ? 1 : -1) * rho[s * dimension + r],
                };
                sum += (sg * term).Imaginary;
            }
        return sum;
    }
}

/// <summary>A single-qubit channel acting on one 2×2 block: a Pauli channel (real, cheap) or a 4×4 superoperator.</summary>
internal sealed record BlockChannel(double Px, double Py, double Pz, Complex[]? Superoperator, Complex[]? AdjointSuperoperator)
{
    public Matrix2 On(Matrix2 b) => Superoperator is null ? Pauli(b) : Map(Superoperator, b);

    public Matrix2 AdjointOn(Matrix2 b) => AdjointSuperoperator is null ? Pauli(b) : Map(AdjointSuperoperator, b);

    // Pauli channels are self-adjoint: ρ₀₀ ↔ ρ₁₁ mix with px + py, ρ₀₁ ↔ ρ₁₀ with px − py, coherences keep 1 − 2(px+pz)... as in PauliChannel.
    private Matrix2 Pauli(Matrix2 b)
    {
        var flip = Px + Py;
        var offSame = 1 - Px - Py - 2 * Pz;
        var offSwap = Px - Py;
        return new((1 - flip) * b.A + flip * b.D, offSame * b.B + offSwap * b.C, offSwap * b.B + offSame * b.C, flip * b.A + (1 - flip) * b.D);
    }

    private static Matrix2 Map(Complex[] s, Matrix2 b) => new(
        s[0] * b.A + s[1] * b.B + s[2] * b.C + s[3] * b.D,
        s[4] * b.A + s[5] * b.B + s[6] * b.C + s[7] * b.D,
        s[8] * b.A + s[9] * b.B + s[10] * b.C + s[11] * b.D,
        s[12] * b.A + s[13] * b.B + s[14] * b.C + s[15] * b.D);
}

/// <summary>A 2×2 complex matrix [[A, B], [C, D]].</summary>
internal readonly record struct Matrix2(Complex A, Complex B, Complex C, Complex D)
{
    public static Matrix2 Identity => new(1, 0, 0, 1);

    public static Matrix2 PauliZ => new(1, 0, 0, -1);

    public Matrix2 Adjoint => new(Complex.Conjugate(A), Complex.Conjugate(C), Complex.Conjugate(B), Complex.Conjugate(D));

    public static Matrix2 operator *(Matrix2 x, Matrix2 y) =>
        new(x.A * y.A + x.B * y.C, x.A * y.B + x.B * y.D, x.C * y.A + x.D * y.C, x.C * y.B + x.D * y.D);

    public static Matrix2 operator *(double s, Matrix2 x) => new(s * x.A, s * x.B, s * x.C, s * x.D);

    /// <summary>The fixed gates and rotations as matrices.</summary>
    public static Matrix2 Gate(Circuits.GateKind kind, double angle)
    {
        var h = Math.Sqrt(0.5);
        var (c, s) = (Math.Cos(angle / 2), Math.Sin(angle / 2));
        return kind switch
        {
            Circuits.GateKind.H => new(h, h, h, -h),
            Circuits.GateKind.X => new(0, 1, 1, 0),
            Circuits.GateKind.Y => new(0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0),
            Circuits.GateKind.Z => new(1, 0, 0, -1),
            Circuits.GateKind.S => new(1, 0, 0, Complex.ImaginaryOne),
            Circuits.GateKind.SAdj => new(1, 0, 0, -Complex.ImaginaryOne),
            Circuits.GateKind.T => new(1, 0, 0, Complex.FromPolarCoordinates(1, Math.PI / 4)),
            Circuits.GateKind.TAdj => new(1, 0, 0, Complex.FromPolarCoordinates(1, -Math.PI / 4)),
            Circuits.GateKind.Rx => new(c, new Complex(0, -s), new Complex(0, -s), c),
            Circuits.GateKind.Ry => new(c, -s, s, c),
            Circuits.GateKind.Rz => new(new Complex(c, -s), 0, 0, new Complex(c, s)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single-qubit gate."),
        };
    }
}

/// <summary>Per-thread buffers of the density-matrix engine.</summary>
internal sealed class DensityWorkspace(int dimension)
{
    public Complex[] Prefix { get; } = new Complex[dimension * dimension];

    public Complex[] State { get; } = new Complex[dimension * dimension];

    public Complex[] Sigma { get; } = new Complex[dimension * dimension];

    public Complex[] PrefixSigma { get; } = new Complex[dimension * dimension];

    public Complex[] Scratch { get; } = new Complex[dimension * dimension];

    /// <summary>States after each differentiable rotation, for the adjoint sweep (grown on demand).</summary>
    public List<Complex[]> Stored { get; } = [];

    public Complex[] StoredAt(int index)
    {
        while (Stored.Count <= index) Stored.Add(new Complex[dimension * dimension]);
        return Stored[index];
    }
}
