using QSan.Quantum.Bridge;
using Xunit;

namespace QSan.Tests.Quantum.Bridge;

public sealed class QSharpProjectTests
{
    [Fact]
    public void Load_reads_every_source_under_src_sorted_with_relative_slash_names()
    {
        using var folder = new TempQSharpProject(new Dictionary<string, string>
        {
            ["src/Zeta.qs"] = "namespace Z { function F() : Unit {} }",
            ["src/Sub/Alpha.qs"] = "namespace A { function G() : Unit {} }",
            ["src/Beta.qs"] = "namespace B { function H() : Unit {} }",
            ["src/notes.txt"] = "not Q#",
            ["Outside.qs"] = "namespace O { function I() : Unit {} }",
        });

        var project = QSharpProject.Load(folder.Directory);

        Assert.Equal(["src/Beta.qs", "src/Sub/Alpha.qs", "src/Zeta.qs"], project.Sources.Select(s => s.Name));
        Assert.Equal("namespace A { function G() : Unit {} }", project.Sources[1].Text);
        Assert.Equal(Path.GetFullPath(folder.Directory), project.Directory);
        Assert.Empty(project.LanguageFeatures);
    }

    [Fact]
    public void Load_takes_language_features_from_qsharp_json()
    {
        using var folder = new TempQSharpProject(
            new Dictionary<string, string> { ["src/A.qs"] = "namespace A {}" },
            """{ "author": "x", "languageFeatures": ["v2-preview-syntax"] }""");

        Assert.Equal<string>(["v2-preview-syntax"], QSharpProject.Load(folder.Directory).LanguageFeatures);
    }

    [Fact]
    public void The_content_hash_changes_with_any_name_text_or_feature_and_only_then()
    {
        var a = QSharpProject.FromSources([new("src/A.qs", "namespace A {}"), new("src/B.qs", "namespace B {}")]);
        var same = QSharpProject.FromSources([new("src/B.qs", "namespace B {}"), new("src/A.qs", "namespace A {}")]);
        var renamed = QSharpProject.FromSources([new("src/A2.qs", "namespace A {}"), new("src/B.qs", "namespace B {}")]);
        var edited = QSharpProject.FromSources([new("src/A.qs", "namespace A { }"), new("src/B.qs", "namespace B {}")]);
        var featured = QSharpProject.FromSources([new("src/A.qs", "namespace A {}"), new("src/B.qs", "namespace B {}")], ["v2-preview-syntax"]);

        Assert.Equal(a.ContentHash, same.ContentHash);
        Assert.Equal(a, same);
        Assert.Matches("^[0-9a-f]{64}$", a.ContentHash);
        Assert.Equal(4, new[] { a, renamed, edited, featured }.Select(p => p.ContentHash).Distinct().Count());
    }

    [Fact]
    public void WithExtraSource_adds_one_source_and_leaves_the_original_alone()
    {
        var project = QSharpProject.FromSources([new("src/A.qs", "namespace A {}")]);

        var extended = project.WithExtraSource("src/Generated/Entry.qs", "namespace E { @EntryPoint() operation Main() : Unit {} }");

        Assert.Single(project.Sources);
        Assert.Equal(["src/A.qs", "src/Generated/Entry.qs"], extended.Sources.Select(s => s.Name));
        Assert.NotEqual(project.ContentHash, extended.ContentHash);
        Assert.Throws<ArgumentException>(() => extended.WithExtraSource("src/A.qs", ""));
    }

    [Fact]
    public void Load_names_the_folder_when_it_has_no_qsharp_json()
    {
        var dir = Directory.CreateTempSubdirectory("qsan-noproject-").FullName;
        try
        {
            var e = Assert.Throws<QSharpProjectException>(() => QSharpProject.Load(dir));
            Assert.Contains(dir, e.Message);
            Assert.Contains("qsharp.json", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_names_the_folder_when_it_has_no_Q_sharp_sources()
    {
        using var folder = new TempQSharpProject(new Dictionary<string, string> { ["src/readme.md"] = "no Q# here" });

        var e = Assert.Throws<QSharpProjectException>(() => QSharpProject.Load(folder.Directory));

        Assert.Contains(folder.Directory, e.Message);
        Assert.Contains(".qs", e.Message);
    }

    [Fact]
    public void Load_names_the_manifest_when_qsharp_json_is_not_json()
    {
        using var folder = new TempQSharpProject(new Dictionary<string, string> { ["src/A.qs"] = "namespace A {}" }, "{ nope");

        var e = Assert.Throws<QSharpProjectException>(() => QSharpProject.Load(folder.Directory));

        Assert.Contains(Path.Combine(folder.Directory, "qsharp.json"), e.Message);
    }

    [Fact]
    public void Load_names_the_folder_when_it_does_not_exist()
    {
        var missing = Path.Combine(Path.GetTempPath(), "qsan-missing-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<QSharpProjectException>(() => QSharpProject.Load(missing));

        Assert.Contains(missing, e.Message);
    }
}
