namespace QSan.Quantum.Engine.Simd;

/// <summary>
/// One SIMD vector of doubles holding one value per circuit ("lane") of a block. Kernels are written once against
/// this interface; the JIT specialises every struct instantiation, so the abstraction costs nothing at run time.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
internal interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes equal to <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary>Reads <see cref="Count"/> consecutive doubles.</summary>
    static abstract TSelf Load(ref double source);

    /// <summary>Writes <see cref="Count"/> consecutive doubles.</summary>
    static abstract void Store(ref double destination, TSelf value);

    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Lane-wise negation.</summary>
    static abstract TSelf operator -(TSelf value);

    /// <summary><c>a * b + c</c>, fused where the hardware can.</summary>
    static abstract TSelf MulAdd(TSelf a, TSelf b, TSelf c);

    /// <summary><c>c - a * b</c>, fused where the hardware can.</summary>
    static abstract TSelf NegMulAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>Sine and cosine of every lane.</summary>
    static abstract (TSelf Sin, TSelf Cos) SinCos(TSelf x);
}
