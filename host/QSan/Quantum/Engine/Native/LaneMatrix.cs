using System.Runtime.CompilerServices;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// A complex 2×2 matrix per lane (row-major, real and imaginary parts apart). Stored in "lane layout":
/// component k of lane l at <c>k * lanes + l</c>, in the order R00 I00 R01 I01 R10 I10 R11 I11.
/// </summary>
/// <typeparam name="T">The lane vector.</typeparam>
internal struct LaneMatrix<T> where T : struct, ILanes<T>
{
    public T R00, I00, R01, I01, R10, I10, R11, I11;

    /// <summary>Components per matrix in lane layout.</summary>
    public const int Components = 8;

    public static LaneMatrix<T> Identity
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var one = T.Create(1);
            return new LaneMatrix<T> { R00 = one, R11 = one };
        }
    }

    /// <summary>
    /// The gate's matrix from the cosine and sine of its half-angle. Y drops its global phase i (so it is real);
    /// expectations and the adjoint method are blind to global phases because ψ and λ carry the same one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneMatrix<T> Gate(GateKind kind, T cos, T sin)
    {
        var m = default(LaneMatrix<T>);
        switch (kind)
        {
            case GateKind.Rx:
                m.R00 = cos; m.I01 = -sin; m.I10 = -sin; m.R11 = cos;
                break;
            case GateKind.Ry:
                m.R00 = cos; m.R01 = -sin; m.R10 = sin; m.R11 = cos;
                break;
            case GateKind.Rz:
                m.R00 = cos; m.I00 = -sin; m.R11 = cos; m.I11 = sin;
                break;
            default:
                return Fixed(kind);
        }
        return m;
    }

    /// <summary>The matrix of a gate without an angle.</summary>
    public static LaneMatrix<T> Fixed(GateKind kind)
    {
        var m = default(LaneMatrix<T>);
        var one = T.Create(1);
        var r = T.Create(Math.Sqrt(0.5));
        switch (kind)
        {
            case GateKind.H: m.R00 = r; m.R01 = r; m.R10 = r; m.R11 = -r; break;
            case GateKind.X: m.R01 = one; m.R10 = one; break;
            case GateKind.Y: m.R01 = -one; m.R10 = one; break;
            case GateKind.Z: m.R00 = one; m.R11 = -one; break;
            case GateKind.S: m.R00 = one; m.I11 = one; break;
            case GateKind.SAdj: m.R00 = one; m.I11 = -one; break;
            case GateKind.T: m.R00 = one; m.R11 = r; m.I11 = r; break;
            case GateKind.TAdj: m.R00 = one; m.R11 = r; m.I11 = -r; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single-qubit gate.");
        }
        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneMatrix<T> Load(ref double source, int lanes) => new()
    {
        R00 = T.Load(ref source),
        I00 = T.Load(ref Unsafe.Add(ref source, lanes)),
        R01 = T.Load(ref Unsafe.Add(ref source, 2 * lanes)),
        I01 = T.Load(ref Unsafe.Add(ref source, 3 * lanes)),
        R10 = T.Load(ref Unsafe.Add(ref source, 4 * lanes)),
        I10 = T.Load(ref Unsafe.Add(ref source, 5 * lanes)),
        R11 = T.Load(ref Unsafe.Add(ref source, 6 * lanes)),
        I11 = T.Load(ref Unsafe.Add(ref source, 7 * lanes)),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(ref double destination, int lanes)
    {
        T.Store(ref destination, R00);
        T.Store(ref Unsafe.Add(ref destination, lanes), I00);
        T.Store(ref Unsafe.Add(ref destination, 2 * lanes), R01);
        T.Store(ref Unsafe.Add(ref destination, 3 * lanes), I01);
        T.Store(ref Unsafe.Add(ref destination, 4 * lanes), R10);
        T.Store(ref Unsafe.Add(ref destination, 5 * lanes), I10);
        T.Store(ref Unsafe.Add(ref destination, 6 * lanes), R11);
        T.Store(ref Unsafe.Add(ref destination, 7 * lanes), I11);
    }

    /// <summary>The conjugate transpose.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly LaneMatrix<T> Adjoint() => new()
    {
        R00 = R00, I00 = -I00, R01 = R10, I01 = -I10,
        R10 = R01, I10 = -I01, R11 = R11, I11 = -I11,
    };

    /// <summary>The matrix product <c>a · b</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneMatrix<T> Multiply(in LaneMatrix<T> a, in LaneMatrix<T> b) => new()
    {
        R00 = T.NegMulAdd(a.I01, b.I10, T.MulAdd(a.R01, b.R10, T.NegMulAdd(a.I00, b.I00, a.R00 * b.R00))),
        I00 = T.MulAdd(a.I01, b.R10, T.MulAdd(a.R01, b.I10, T.MulAdd(a.I00, b.R00, a.R00 * b.I00))),
        R01 = T.NegMulAdd(a.I01, b.I11, T.MulAdd(a.R01, b.R11, T.NegMulAdd(a.I00, b.I01, a.R00 * b.R01))),
        I01 = T.MulAdd(a.I01, b.R11, T.MulAdd(a.R01, b.I11, T.MulAdd(a.I00, b.R01, a.R00 * b.I01))),
        R10 = T.NegMulAdd(a.I11, b.I10, T.MulAdd(a.R11, b.R10, T.NegMulAdd(a.I10, b.I00, a.R10 * b.R00))),
        I10 = T.MulAdd(a.I11, b.R10, T.MulAdd(a.R11, b.I10, T.MulAdd(a.I10, b.R00, a.R10 * b.I00))),
        R11 = T.NegMulAdd(a.I11, b.I11, T.MulAdd(a.R11, b.R11, T.NegMulAdd(a.I10, b.I01, a.R10 * b.R01))),
        I11 = T.MulAdd(a.I11, b.R11, T.MulAdd(a.R11, b.I11, T.MulAdd(a.I10, b.R01, a.R10 * b.I01))),
    };

    /// <summary><c>m · G</c> for a rotation G given by its half-angle cosine and sine: half a general product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneMatrix<T> TimesRotation(in LaneMatrix<T> m, GateKind kind, T cos, T sin)
    {
        switch (kind)
        {
            case GateKind.Ry:
                // [[c, −s], [s, c]]: column 0 ← c·col0 + s·col1, column 1 ← c·col1 − s·col0.
                return new LaneMatrix<T>
                {
                    R00 = T.MulAdd(sin, m.R01, cos * m.R00), I00 = T.MulAdd(sin, m.I01, cos * m.I00),
                    R10 = T.MulAdd(sin, m.R11, cos * m.R10), I10 = T.MulAdd(sin, m.I11, cos * m.I10),
                    R01 = T.NegMulAdd(sin, m.R00, cos * m.R01), I01 = T.NegMulAdd(sin, m.I00, cos * m.I01),
                    R11 = T.NegMulAdd(sin, m.R10, cos * m.R11), I11 = T.NegMulAdd(sin, m.I10, cos * m.I11),
                };
            case GateKind.Rx:
                // [[c, −is], [−is, c]]: column 0 ← c·col0 − is·col1, column 1 ← c·col1 − is·col0.
                return new LaneMatrix<T>
                {
                    R00 = T.MulAdd(sin, m.I01, cos * m.R00), I00 = T.NegMulAdd(sin, m.R01, cos * m.I00),
                    R10 = T.MulAdd(sin, m.I11, cos * m.R10), I10 = T.NegMulAdd(sin, m.R11, cos * m.I10),
                    R01 = T.MulAdd(sin, m.I00, cos * m.R01), I01 = T.NegMulAdd(sin, m.R00, cos * m.I01),
                    R11 = T.MulAdd(sin, m.I10, cos * m.R11), I11 = T.NegMulAdd(sin, m.R10, cos * m.I11),
                };
            default:
                // diag(c − is, c + is): column 0 times c − is, column 1 times c + is.
                return new LaneMatrix<T>
                {
                    R00 = T.MulAdd(sin, m.I00, cos * m.R00), I00 = T.NegMulAdd(sin, m.R00, cos * m.I00),
                    R10 = T.MulAdd(sin, m.I10, cos * m.R10), I10 = T.NegMulAdd(sin, m.R10, cos * m.I10),
                    R01 = T.NegMulAdd(sin, m.I01, cos * m.R01), I01 = T.MulAdd(sin, m.R01, cos * m.I01),
                    R11 = T.NegMulAdd(sin, m.I11, cos * m.R11), I11 = T.MulAdd(sin, m.R11, cos * m.I11),
                };
        }
    }

    /// <summary>Applies a rotation to the vector (v0, v1) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rotate(GateKind kind, T cos, T sin, ref T v0r, ref T v0i, ref T v1r, ref T v1i)
    {
        switch (kind)
        {
            case GateKind.Ry:
                (v0r, v0i, v1r, v1i) = (T.NegMulAdd(sin, v1r, cos * v0r), T.NegMulAdd(sin, v1i, cos * v0i),
                    T.MulAdd(sin, v0r, cos * v1r), T.MulAdd(sin, v0i, cos * v1i));
                break;
            case GateKind.Rx:
                (v0r, v0i, v1r, v1i) = (T.MulAdd(sin, v1i, cos * v0r), T.NegMulAdd(sin, v1r, cos * v0i),
                    T.MulAdd(sin, v0i, cos * v1r), T.NegMulAdd(sin, v0r, cos * v1i));
                break;
            default:
                (v0r, v0i, v1r, v1i) = (T.MulAdd(sin, v0i, cos * v0r), T.NegMulAdd(sin, v0r, cos * v0i),
                    T.NegMulAdd(sin, v1i, cos * v1r), T.MulAdd(sin, v1r, cos * v1i));
                break;
        }
    }

    /// <summary>
    /// <c>W ← G† W G</c> for G = exp(−iθP/2) = cI − isP in closed form, c²W + s²PWP + ics(PW − WP), written with
    /// cos θ, sin θ and the halves A = (W00+W11)/2, D = (W00−W11)/2, B = (W01+W10)/2, E = (W10−W01)/2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ConjugateRotation(GateKind kind, T cos, T sin,
        ref T r00, ref T i00, ref T r01, ref T i01, ref T r10, ref T i10, ref T r11, ref T i11)
    {
        // Components as separate refs (to the caller's locals) so that, once inlined, W stays in registers.
        var half = T.Create(0.5);
        var ct = T.NegMulAdd(sin, sin, cos * cos);
        var st = T.Create(2) * cos * sin;
        if (kind == GateKind.Rz)
        {
            // Diagonal unchanged; W01 · e^{iθ}, W10 · e^{−iθ}.
            (r01, i01) = (T.NegMulAdd(st, i01, ct * r01), T.MulAdd(st, r01, ct * i01));
            (r10, i10) = (T.MulAdd(st, i10, ct * r10), T.NegMulAdd(st, r10, ct * i10));
            return;
        }
        var ar = half * (r00 + r11);
        var ai = half * (i00 + i11);
        var dr = half * (r00 - r11);
        var di = half * (i00 - i11);
        var br = half * (r01 + r10);
        var bi = half * (i01 + i10);
        var er = half * (r10 - r01);
        var ei = half * (i10 - i01);
        if (kind == GateKind.Rx)
        {
            // W00 = A + C·D + iS·E, W11 = A − C·D − iS·E, W01 = B − C·E − iS·D, W10 = B + C·E + iS·D.
            var pr = T.NegMulAdd(st, ei, ct * dr);
            var pi = T.MulAdd(st, er, ct * di);
            var qr = T.NegMulAdd(st, di, ct * er);
            var qi = T.MulAdd(st, dr, ct * ei);
            (r00, i00, r11, i11) = (ar + pr, ai + pi, ar - pr, ai - pi);
            (r01, i01, r10, i10) = (br - qr, bi - qi, br + qr, bi + qi);
            return;
        }
        // Ry: W00 = A + C·D + S·B, W11 = A − C·D − S·B, W01 = −E + C·B − S·D, W10 = E + C·B − S·D.
        var ur = T.MulAdd(st, br, ct * dr);
        var ui = T.MulAdd(st, bi, ct * di);
        var vr = T.NegMulAdd(st, dr, ct * br);
        var vi = T.NegMulAdd(st, di, ct * bi);
        (r00, i00, r11, i11) = (ar + ur, ai + ui, ar - ur, ai - ui);
        (r01, i01, r10, i10) = (vr - er, vi - ei, vr + er, vi + ei);
    }

    /// <summary><c>G† · W · G</c>: moves a reduced cross matrix back across gate G.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneMatrix<T> Conjugate(in LaneMatrix<T> w, in LaneMatrix<T> g)
    {
        var wg = Multiply(w, g);
        var adj = g.Adjoint();
        return Multiply(adj, wg);
    }
}
