using System.Security.Cryptography;
using QSan.Data;
using Xunit;

namespace QSan.Tests.Data;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void The_catalogue_has_the_five_paper_datasets()
    {
        Assert.Equal(["mc", "rp", "yelp", "imdb", "amazon"], DatasetCatalog.All.Select(d => d.Name));
        Assert.Same(DatasetCatalog.Imdb, DatasetCatalog.Get("IMDb"));
        var error = Assert.Throws<ArgumentException>(() => DatasetCatalog.Get("sst2"));
        Assert.Contains("mc, rp, yelp, imdb, amazon", error.Message);
    }

    [Fact]
    public void Catalogued_checksums_match_the_shared_copies()
    {
        foreach (var file in DatasetCatalog.All.SelectMany(d => d.Files))
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SharedDatasets.PathOf(file.FileName))));
            Assert.True(actual == file.Sha256, $"{file.FileName}: catalogue {file.Sha256}, shared copy {actual}.");
        }
    }

    [Fact]
    public void Lambeq_files_come_from_the_pinned_commit_as_raw_github_urls()
    {
        Assert.Equal(
            "https://raw.githubusercontent.com/CQCL/lambeq/e012aa91b230328f4ecbfbbce3b8009c76d05196/docs/examples/datasets/mc_dev_data.txt",
            DatasetCatalog.Mc.Validation!.Source.AbsoluteUri);
        Assert.All(DatasetCatalog.Rp.Files, f => Assert.Null(f.ArchiveEntry));
    }

    [Fact]
    public void Uci_files_come_from_the_dataset_331_zip()
    {
        foreach (var dataset in new[] { DatasetCatalog.Yelp, DatasetCatalog.Imdb, DatasetCatalog.Amazon })
        {
            var file = Assert.Single(dataset.Files);
            Assert.Equal("https://archive.ics.uci.edu/static/public/331/sentiment+labelled+sentences.zip", file.Source.AbsoluteUri);
            Assert.Equal("sentiment labelled sentences/" + file.FileName, file.ArchiveEntry);
            Assert.Equal(DatasetFormat.TabSeparated, dataset.Format);
            Assert.Null(dataset.Test);
        }
    }
}
