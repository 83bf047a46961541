using System.Buffers.Binary;
using System.IO.Compression;

namespace QSan.Data;

/// <summary>
/// Reads the MNIST idx format (LeCun et al.), raw or gzip-compressed: images are magic 0x00000803, count, rows,
/// columns, then count × rows × columns unsigned bytes; labels are magic 0x00000801, count, then count bytes.
/// Header, sizes and length are checked; a wrong or truncated file is an <see cref="ImageFormatException"/>.
/// </summary>
public static class IdxReader
{
    /// <summary>The idx magic number of unsigned-byte images (three dimensions).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The idx magic number of unsigned-byte labels (one dimension).</summary>
    public const int LabelsMagic = 0x00000801;

    private const int MaxSide = 4096;

    /// <summary>Reads an images file: (count, rows, columns, pixels scaled to [0, 1] by 1/255).</summary>
    public static (int Count, int Rows, int Columns, double[] Pixels) ReadImages(string path)
    {
        var bytes = ReadBytes(path);
        var name = Path.GetFileName(path);
        var magic = bytes.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(bytes) : 0;
        if (magic == LabelsMagic) throw new ImageFormatException(name, "this is an idx labels file (magic 0x00000801), not an images file.");
        if (magic != ImagesMagic) throw new ImageFormatException(name, $"not an idx images file: magic number 0x{magic:X8}, expected 0x{ImagesMagic:X8}.");
        if (bytes.Length < 16) throw new ImageFormatException(name, $"an idx images file has a 16-byte header; this file has {bytes.Length} bytes.");
        var count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8));
        var columns = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12));
        if (count < 0 || rows is < 1 or > MaxSide || columns is < 1 or > MaxSide)
            throw new ImageFormatException(name, $"implausible header: {count} images of {rows} × {columns}.");
        var expected = 16L + (long)count * rows * columns;
        if (bytes.Length < expected)
            throw new ImageFormatException(name, $"truncated: the header promises {count} images of {rows} × {columns} ({expected} bytes), the file has {bytes.Length}.");
        if (bytes.Length > expected)
            throw new ImageFormatException(name, $"{bytes.Length - expected} bytes follow the {count} images the header announces.");
        var pixels = new double[count * rows * columns];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = bytes[16 + i] / 255.0;
        return (count, rows, columns, pixels);
    }

    /// <summary>Reads a labels file.</summary>
    public static int[] ReadLabels(string path)
    {
        var bytes = ReadBytes(path);
        var name = Path.GetFileName(path);
        var magic = bytes.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(bytes) : 0;
        if (magic == ImagesMagic) throw new ImageFormatException(name, "this is an idx images file (magic 0x00000803), not a labels file.");
        if (magic != LabelsMagic) throw new ImageFormatException(name, $"not an idx labels file: magic number 0x{magic:X8}, expected 0x{LabelsMagic:X8}.");
        if (bytes.Length < 8) throw new ImageFormatException(name, $"an idx labels file has an 8-byte header; this file has {bytes.Length} bytes.");
        var count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (count < 0) throw new ImageFormatException(name, $"implausible header: {count} labels.");
        if (bytes.Length != 8L + count)
            throw new ImageFormatException(name, bytes.Length < 8L + count
                ? $"truncated: the header promises {count} labels, the file holds {bytes.Length - 8}."
                : $"{bytes.Length - 8 - count} bytes follow the {count} labels the header announces.");
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = bytes[8 + i];
        return labels;
    }

    /// <summary>Reads an images file and its labels file into one set; the counts must agree.</summary>
    public static ImageSet ReadSet(string imagesPath, string labelsPath)
    {
        var (count, rows, columns, pixels) = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (labels.Length != count)
            throw new ImageFormatException(Path.GetFileName(labelsPath), $"{labels.Length} labels for the {count} images of {Path.GetFileName(imagesPath)}.");
        var classes = labels.Length == 0 ? 1 : labels.Max() + 1;
        return new ImageSet(columns, rows, pixels, labels, Math.Max(classes, 10));
    }

    /// <summary>Writes an idx images file (raw, or gzip when the name ends in .gz): for tests and exports.</summary>
    public static void WriteImages(string path, int rows, int columns, ReadOnlySpan<byte> pixels)
    {
        ArgumentNullException.ThrowIfNull(path);
        var count = pixels.Length / (rows * columns);
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        pixels.CopyTo(bytes.AsSpan(16));
        WriteBytes(path, bytes);
    }

    /// <summary>Writes an idx labels file (raw, or gzip when the name ends in .gz).</summary>
    public static void WriteLabels(string path, ReadOnlySpan<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes.AsSpan(8));
        WriteBytes(path, bytes);
    }

    private static void WriteBytes(string path, byte[] bytes)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllBytes(path, bytes);
            return;
        }
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
    }

    /// <summary>The file's bytes, decompressed when it starts with the gzip signature 1f 8b.</summary>
    private static byte[] ReadBytes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DatasetUnavailableException($"There is no file '{path}'.");
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException(Path.GetFileName(path), $"a damaged or truncated gzip stream ({e.Message}).");
        }
    }
}
