namespace QSan.Quantum.Engine.Simd;

/// <summary>
/// Constants of the vectorised sine/cosine in <see cref="Lanes512"/> and <see cref="Lanes256"/> (the runtime's
/// vector SinCos is several times slower). x = kπ/2 + r with a three-part Cody–Waite reduction, then fdlibm's
/// minimax kernels on |r| ≤ π/4 and the quadrant k mod 4 picks signs and swaps. Accurate to about 1 ulp for
/// |x| ≤ <see cref="Limit"/>; beyond that the callers fall back to the runtime routine.
/// </summary>
internal static class FastSinCos
{
    public const double Limit = 1e5;

    // 1.5·2^52: adding it rounds to an integer held in the low mantissa bits.
    public const double Magic = 6755399441055744.0;
    public const double TwoOverPi = 0.63661977236758134308;

    // π/2 split into 33-bit pieces (fdlibm pio2_1, pio2_2, pio2_3).
    public const double PiOver2A = 1.57079632673412561417e+00;
    public const double PiOver2B = 6.07710050630396597660e-11;
    public const double PiOver2C = 2.02226624871116645580e-21;

    public const double S1 = -1.66666666666666324348e-01;
    public const double S2 = 8.33333333332248946124e-03;
    public const double S3 = -1.98412698298579493134e-04;
    public const double S4 = 2.75573137070700676789e-06;
    public const double S5 = -2.50507602534068634195e-08;
    public const double S6 = 1.58969099521155010221e-10;

    public const double C1 = 4.16666666666666019037e-02;
    public const double C2 = -1.38888888888741095749e-03;
    public const double C3 = 2.48015872894767294178e-05;
    public const double C4 = -2.75573143513906633035e-07;
    public const double C5 = 2.08757232129817482790e-09;
    public const double C6 = -1.13596475577881948265e-11;
}
