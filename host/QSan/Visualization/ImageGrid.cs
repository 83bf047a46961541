using System.IO.Compression;

namespace QSan.Visualization;

/// <summary>
/// A grid of grey-level tiles, plain data: <paramref name="Pixels"/> holds the tiles one after another, each
/// <paramref name="TileHeight"/> rows of <paramref name="TileWidth"/> values in [0, 1] (1 = white ink on black, as MNIST).
/// </summary>
/// <param name="Columns">Tiles per grid row.</param>
/// <param name="TileWidth">Pixels per tile row.</param>
/// <param name="TileHeight">Rows per tile.</param>
/// <param name="Pixels">Tile count × TileHeight × TileWidth values.</param>
public sealed record ImageGrid(int Columns, int TileWidth, int TileHeight, double[] Pixels)
{
    /// <summary>Number of tiles.</summary>
    public int TileCount => Pixels.Length / (TileWidth * TileHeight);
}

/// <summary>Renders an <see cref="ImageGrid"/> as an 8-bit grey PNG (zlib from System.IO.Compression; no native code).</summary>
public static class ImageGridPng
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The PNG bytes: tiles scaled up by <paramref name="scale"/>, separated by a 1-pixel grey line.</summary>
    public static byte[] Render(ImageGrid grid, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var columns = Math.Max(1, Math.Min(grid.Columns, grid.TileCount));
        var rows = Math.Max(1, (grid.TileCount + columns - 1) / columns);
        var tileW = grid.TileWidth * scale;
        var tileH = grid.TileHeight * scale;
        var width = columns * (tileW + 1) + 1;
        var height = rows * (tileH + 1) + 1;
        var image = new byte[width * height];
        Array.Fill(image, (byte)96);
        for (var t = 0; t < grid.TileCount; t++)
        {
            var x0 = 1 + (t % columns) * (tileW + 1);
            var y0 = 1 + (t / columns) * (tileH + 1);
            for (var y = 0; y < tileH; y++)
                for (var x = 0; x < tileW; x++)
                {
                    var v = grid.Pixels[t * grid.TileWidth * grid.TileHeight + (y / scale) * grid.TileWidth + x / scale];
                    image[(y0 + y) * width + x0 + x] = (byte)Math.Round(255 * Math.Clamp(double.IsNaN(v) ? 0 : v, 0, 1));
                }
        }
        return EncodeGrey(width, height, image);
    }

    /// <summary>Writes <see cref="Render"/>'s bytes to <paramref name="path"/>.</summary>
    public static void Write(string path, ImageGrid grid, int scale = 1) => File.WriteAllBytes(path, Render(grid, scale));

    /// <summary>An 8-bit greyscale PNG of <paramref name="width"/> × <paramref name="height"/> pixels, row-major.</summary>
    public static byte[] EncodeGrey(int width, int height, ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length != width * height) throw new ArgumentException($"{width} × {height} pixels expected; got {pixels.Length}.", nameof(pixels));
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        WriteChunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter: none
                    zlib.Write(pixels.Slice(y * width, width));
                }
            }
            WriteChunk(output, "IDAT", compressed.ToArray());
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        output.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        var crcBytes = new byte[4];
        WriteBigEndian(crcBytes, 0, crc ^ 0xFFFFFFFFu);
        output.Write(crcBytes);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
