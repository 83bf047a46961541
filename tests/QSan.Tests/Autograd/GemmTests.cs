using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class GemmTests
{
    // Shapes around the tile edges (4 rows, two vectors of columns, 256-deep blocks) and one large enough to be split
    // over threads (a GAN layer: 64 images × 784 pixels → 512).
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 7, 3 }, { 3, 5, 17 }, { 4, 8, 16 }, { 5, 9, 33 }, { 7, 0, 5 }, { 9, 300, 19 }, { 13, 257, 70 }, { 64, 784, 512 }, { 130, 33, 9 },
    };

    private static double[] RandomMatrix(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1)];

    private static void AssertClose(double[] expected, double[] actual, int count)
    {
        for (var i = 0; i < count; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * (1 + Math.Abs(expected[i])), $"element {i}: {expected[i]} vs {actual[i]}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Products_with_either_operand_transposed_equal_the_triple_loop_and_accumulate_on_request(int rows, int depth, int columns)
    {
        var random = new Random(rows * 1000 + depth * 10 + columns);
        var left = RandomMatrix(random, rows * depth);        // [rows × depth]
        var right = RandomMatrix(random, depth * columns);    // [depth × columns]
        var rightT = new double[columns * depth];             // [columns × depth]
        var leftT = new double[depth * rows];                 // [depth × rows]
        for (var p = 0; p < depth; p++)
        {
            for (var j = 0; j < columns; j++) rightT[j * depth + p] = right[p * columns + j];
            for (var i = 0; i < rows; i++) leftT[p * rows + i] = left[i * depth + p];
        }
        var start = RandomMatrix(random, rows * columns);
        var expected = new double[rows * columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < depth; p++) sum += left[i * depth + p] * right[p * columns + j];
                expected[i * columns + j] = sum;
            }
        }
        var accumulated = expected.Zip(start, (e, s) => e + s).ToArray();

        var result = RandomMatrix(random, rows * columns); // overwritten, not added to
        Gemm.Multiply(left, depth, 1, right, result, rows, depth, columns, accumulate: false);
        AssertClose(expected, result, expected.Length);

        result = RandomMatrix(random, rows * columns);
        Gemm.MultiplyTransposed(left, rightT, result, rows, depth, columns, accumulate: false);
        AssertClose(expected, result, expected.Length);

        // L read through strides as the transpose of a stored [depth × rows] matrix.
        result = (double[])start.Clone();
        Gemm.Multiply(leftT, 1, rows, right, result, rows, depth, columns, accumulate: true);
        AssertClose(accumulated, result, expected.Length);

        result = (double[])start.Clone();
        Gemm.MultiplyTransposed(left, rightT, result, rows, depth, columns, accumulate: true);
        AssertClose(accumulated, result, expected.Length);
    }

    [Fact]
    public void A_product_split_over_threads_is_identical_bit_for_bit_to_itself_run_again()
    {
        var random = new Random(5);
        var left = RandomMatrix(random, 64 * 784);
        var right = RandomMatrix(random, 784 * 512);
        var first = new double[64 * 512];
        var second = new double[64 * 512];
        Gemm.Multiply(left, 784, 1, right, first, 64, 784, 512, accumulate: false);
        Gemm.Multiply(left, 784, 1, right, second, 64, 784, 512, accumulate: false);
        Assert.Equal(first, second);
    }
}
