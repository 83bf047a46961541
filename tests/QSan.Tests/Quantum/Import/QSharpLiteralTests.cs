using System.Globalization;
using QSan.Quantum.Import;

namespace QSan.Tests.Quantum.Import;

public sealed class QSharpLiteralTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.0, "-2.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-20, "1E-20")]
    public void Doubles_are_written_as_QSharp_double_literals(double value, string expected) =>
        Assert.Equal(expected, QSharpLiteral.Double(value));

    [Fact]
    public void Double_literals_read_back_exactly()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var x = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8));
            Assert.Equal(x, double.Parse(QSharpLiteral.Double(x), CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Non_finite_values_have_no_literal() =>
        Assert.Throws<ArgumentException>(() => QSharpLiteral.Double(double.NaN));
}
