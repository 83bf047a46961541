using QSan.Visualization;

namespace QSan.Tests.Visualization;

/// <summary>Sample grids as PNG.</summary>
public sealed class ImageGridPngTests
{
    [Fact]
    public void A_sample_grid_is_a_png_with_the_grid_size_in_its_header()
    {
        var grid = new ImageGrid(3, 4, 2, Enumerable.Range(0, 5 * 8).Select(i => i / 40.0).ToArray());
        var png = ImageGridPng.Render(grid, 2);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal((3 * (8 + 1) + 1, 2 * (4 + 1) + 1), (width, height));
    }
}
