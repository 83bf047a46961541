using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using QSan.Data;
using Xunit;

namespace QSan.Tests.Data;

public sealed class DatasetResolverTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static byte[] Shared(string file) => File.ReadAllBytes(SharedDatasets.PathOf(file));

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static StubHttpHandler LambeqServer(bool corruptDev = false)
    {
        var handler = new StubHttpHandler();
        foreach (var file in DatasetCatalog.Mc.Files.Concat(DatasetCatalog.Rp.Files))
        {
            var bytes = Shared(file.FileName);
            if (corruptDev && file.FileName == "mc_dev_data.txt") bytes = [.. bytes, (byte)'!'];
            handler.Serve(file.Source, bytes);
        }
        return handler;
    }

    private static byte[] UciZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in new[] { "yelp_labelled.txt", "imdb_labelled.txt", "amazon_cells_labelled.txt", "sentiment_labelled_sentences_readme.txt" })
            {
                using (var entry = zip.CreateEntry(DatasetCatalog.UciArchiveFolder + file).Open()) entry.Write(Shared(file));
                // macOS archives carry resource forks with the same names; they must be ignored.
                using var fork = zip.CreateEntry("__MACOSX/" + DatasetCatalog.UciArchiveFolder + "._" + file).Open();
                fork.Write([0, 5, 22, 7]);
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task A_data_folder_with_canonical_files_resolves_without_warnings()
    {
        using var resolver = new DatasetResolver(dataDirectory: SharedDatasets.Directory, environment: NoEnvironment);
        var resolved = await resolver.ResolveAsync(DatasetCatalog.Mc);
        Assert.Equal(DatasetSource.DataDirectory, resolved.Source);
        Assert.Empty(resolved.Warnings);
        Assert.Equal(SharedDatasets.PathOf("mc_test_data.txt"), resolved.PathOf(DatasetCatalog.Mc.Test!));
    }

    [Fact]
    public async Task A_modified_file_in_a_data_folder_is_used_with_a_warning()
    {
        using var dir = new TemporaryDirectory();
        File.Copy(SharedDatasets.PathOf("rp_train_data.txt"), Path.Combine(dir.Path, "rp_train_data.txt"));
        dir.Write("rp_test_data.txt", "1 person that cooks meal .\n0 meal that person cooks .\n");
        using var resolver = new DatasetResolver(dataDirectory: dir.Path, environment: NoEnvironment);
        var loaded = await resolver.LoadAsync("rp", seed: 0);
        var warning = Assert.Single(loaded.Warnings);
        Assert.Contains("rp_test_data.txt", warning);
        Assert.Contains(DatasetCatalog.Rp.Test!.Sha256, warning);
        Assert.Equal(2, loaded.Splits.Test.Count);
    }

    [Fact]
    public async Task A_data_folder_missing_a_file_is_an_error_that_names_file_and_folder()
    {
        using var dir = new TemporaryDirectory();
        File.Copy(SharedDatasets.PathOf("mc_train_data.txt"), Path.Combine(dir.Path, "mc_train_data.txt"));
        using var resolver = new DatasetResolver(dataDirectory: dir.Path, environment: NoEnvironment);
        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() => resolver.ResolveAsync(DatasetCatalog.Mc));
        Assert.Contains("mc_dev_data.txt, mc_test_data.txt", error.Message);
        Assert.Contains(dir.Path, error.Message);

        using var nowhere = new DatasetResolver(dataDirectory: Path.Combine(dir.Path, "absent"), environment: NoEnvironment);
        await Assert.ThrowsAsync<DatasetUnavailableException>(() => nowhere.ResolveAsync(DatasetCatalog.Mc));
    }

    [Fact]
    public async Task The_environment_folder_is_used_when_no_data_folder_is_given_and_loses_to_one()
    {
        Func<string, string?> environment = name => name == DatasetResolver.EnvironmentVariable ? SharedDatasets.Directory : null;
        using var fromEnvironment = new DatasetResolver(environment: environment, httpHandler: new StubHttpHandler { Offline = true });
        Assert.Equal(DatasetSource.EnvironmentDirectory, (await fromEnvironment.ResolveAsync(DatasetCatalog.Yelp)).Source);

        Func<string, string?> badEnvironment = name => name == DatasetResolver.EnvironmentVariable ? "/nonexistent/qsan" : null;
        using var explicitWins = new DatasetResolver(dataDirectory: SharedDatasets.Directory, environment: badEnvironment);
        Assert.Equal(DatasetSource.DataDirectory, (await explicitWins.ResolveAsync(DatasetCatalog.Yelp)).Source);
    }

    [Fact]
    public async Task Missing_files_are_downloaded_into_the_cache_verified_and_reused()
    {
        using var cache = new TemporaryDirectory();
        using var handler = LambeqServer();
        using var resolver = new DatasetResolver(cacheDirectory: cache.Path, httpHandler: handler, environment: NoEnvironment);

        var first = await resolver.ResolveAsync(DatasetCatalog.Mc);
        Assert.Equal(DatasetSource.Downloaded, first.Source);
        Assert.Equal(3, handler.Requests.Count);
        foreach (var file in DatasetCatalog.Mc.Files) Assert.Equal(file.Sha256, Sha(first.PathOf(file)));
        Assert.Equal(3, Directory.GetFiles(cache.Path).Length);

        var second = await resolver.ResolveAsync(DatasetCatalog.Mc);
        Assert.Equal(DatasetSource.Cache, second.Source);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(70, second.Load(0).Train.Count);
    }

    [Fact]
    public async Task A_download_with_the_wrong_checksum_is_rejected_and_not_kept()
    {
        using var cache = new TemporaryDirectory();
        using var handler = LambeqServer(corruptDev: true);
        using var resolver = new DatasetResolver(cacheDirectory: cache.Path, httpHandler: handler, environment: NoEnvironment);
        var error = await Assert.ThrowsAsync<DatasetChecksumException>(() => resolver.ResolveAsync(DatasetCatalog.Mc));
        Assert.Equal("mc_dev_data.txt", error.FileName);
        Assert.Equal(DatasetCatalog.Mc.Validation!.Sha256, error.Expected);
        Assert.Contains(error.Actual, error.Message);
        Assert.False(File.Exists(Path.Combine(cache.Path, "mc_dev_data.txt")));
        Assert.DoesNotContain(Directory.GetFiles(cache.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_uci_file_is_extracted_from_the_zip_and_its_siblings_are_cached_too()
    {
        using var cache = new TemporaryDirectory();
        using var handler = new StubHttpHandler().Serve(DatasetCatalog.UciArchive, UciZip());
        using var resolver = new DatasetResolver(cacheDirectory: cache.Path, httpHandler: handler, environment: NoEnvironment);

        var yelp = await resolver.LoadAsync("yelp", seed: 2);
        Assert.Equal(DatasetSource.Downloaded, yelp.Source);
        Assert.Equal(800, yelp.Splits.Train.Count);
        Assert.Single(handler.Requests);

        var imdb = await resolver.ResolveAsync(DatasetCatalog.Imdb);
        var amazon = await resolver.ResolveAsync(DatasetCatalog.Amazon);
        Assert.Equal(DatasetSource.Cache, imdb.Source);
        Assert.Equal(DatasetSource.Cache, amazon.Source);
        Assert.Single(handler.Requests);
        Assert.Equal(DatasetCatalog.Imdb.Train.Sha256, Sha(imdb.PathOf(DatasetCatalog.Imdb.Train)));
        Assert.False(File.Exists(Path.Combine(cache.Path, "sentiment_labelled_sentences_readme.txt")));
    }

    [Fact]
    public async Task A_corrupted_cache_file_is_downloaded_again_with_a_warning()
    {
        using var cache = new TemporaryDirectory();
        cache.Write("rp_train_data.txt", "1 truncated .\n");
        using var handler = LambeqServer();
        using var resolver = new DatasetResolver(cacheDirectory: cache.Path, httpHandler: handler, environment: NoEnvironment);
        var resolved = await resolver.ResolveAsync(DatasetCatalog.Rp);
        Assert.Contains(resolved.Warnings, w => w.Contains("rp_train_data.txt"));
        Assert.Equal(DatasetCatalog.Rp.Train.Sha256, Sha(resolved.PathOf(DatasetCatalog.Rp.Train)));
    }

    [Fact]
    public async Task Being_offline_gives_an_error_that_suggests_a_data_folder()
    {
        using var cache = new TemporaryDirectory();
        using var handler = new StubHttpHandler { Offline = true };
        using var resolver = new DatasetResolver(cacheDirectory: cache.Path, httpHandler: handler, environment: NoEnvironment);
        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() => resolver.ResolveAsync(DatasetCatalog.Amazon));
        Assert.Contains("amazon_cells_labelled.txt", error.Message);
        Assert.Contains("pass DatasetResolver.DataDirectory", error.Message);
        Assert.Contains(DatasetResolver.EnvironmentVariable, error.Message);
    }

    [Fact]
    public async Task A_missing_remote_file_reports_the_http_status()
    {
        using var cache = new TemporaryDirectory();
        using var handler = new StubHttpHandler();
        using var resolver = new DatasetResolver(cacheDirectory: cache.Path, httpHandler: handler, environment: NoEnvironment);
        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() => resolver.ResolveAsync(DatasetCatalog.Rp));
        Assert.Contains("HTTP 404", error.Message);
    }

    [Fact]
    public async Task The_built_in_corpus_needs_neither_files_nor_network()
    {
        using var handler = new StubHttpHandler { Offline = true };
        using var resolver = new DatasetResolver(cacheDirectory: "/nonexistent/cache", httpHandler: handler, environment: NoEnvironment);
        var loaded = await resolver.LoadAsync("builtin", seed: 3);
        Assert.Equal(DatasetSource.BuiltIn, loaded.Source);
        Assert.Equal(160, loaded.Splits.Train.Count);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void The_default_cache_follows_xdg_and_falls_back_to_home()
    {
        Assert.Equal(Path.Combine("/x/cache", "qsan", "datasets"),
            DatasetResolver.DefaultCacheDirectory(n => n == "XDG_CACHE_HOME" ? "/x/cache" : n == "HOME" ? "/home/u" : null));
        Assert.Equal(Path.Combine("/home/u", ".cache", "qsan", "datasets"),
            DatasetResolver.DefaultCacheDirectory(n => n == "XDG_CACHE_HOME" ? "relative/cache" : n == "HOME" ? "/home/u" : null));
    }

    [Fact]
    public async Task Files_download_over_real_http_from_a_loopback_server()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var served = new List<string>();
        var server = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var context = await listener.GetContextAsync();
                var path = context.Request.Url!.AbsolutePath;
                served.Add(path);
                var file = Path.GetFileName(path);
                var bytes = Shared(file);
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });

        using var cache = new TemporaryDirectory();
        using var redirect = new LoopbackRedirect(port);
        using var resolver = new DatasetResolver(cacheDirectory: cache.Path, httpHandler: redirect, environment: NoEnvironment);
        var loaded = await resolver.LoadAsync("rp", seed: 0);
        await server.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(DatasetSource.Downloaded, loaded.Source);
        Assert.Equal((74, 31), (loaded.Splits.Train.Count, loaded.Splits.Test.Count));
        Assert.All(served, p => Assert.StartsWith($"/CQCL/lambeq/{DatasetCatalog.LambeqCommit}/docs/examples/datasets/", p));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Sends every request to the loopback server instead, keeping the path.</summary>
    private sealed class LoopbackRedirect(int port) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = "http", Host = "127.0.0.1", Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
