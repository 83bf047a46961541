using System.Text.RegularExpressions;
using QSan.Tests.Data;

namespace QSan.Tests;

/// <summary>The repository's Markdown stays true to its files: every relative link points at something that exists.</summary>
public sealed partial class MarkdownLinkTests
{
    private static readonly string Root = SharedDatasets.RepositoryRoot();

    [Fact]
    public void Every_relative_link_in_the_repository_s_Markdown_resolves()
    {
        var broken = new List<string>();
        var links = 0;
        foreach (var file in MarkdownFiles(Root))
        {
            // Code blocks show commands and layouts, not links.
            var text = CodeBlock().Replace(File.ReadAllText(file), "");
            foreach (Match m in Link().Matches(text))
            {
                var target = m.Groups["target"].Value;
                if (Scheme().IsMatch(target) || target.StartsWith('#')) continue;
                links++;
                var path = Uri.UnescapeDataString(target.Split('#')[0]);
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    broken.Add($"{Path.GetRelativePath(Root, file)}: {target}");
            }
        }
        Assert.True(links > 0, "No relative links found: the pattern no longer reads the Markdown.");
        Assert.True(broken.Count == 0, "Links to nothing:\n" + string.Join("\n", broken));
    }

    private static IEnumerable<string> MarkdownFiles(string directory)
    {
        foreach (var file in Directory.GetFiles(directory, "*.md")) yield return file;
        foreach (var sub in Directory.GetDirectories(directory))
            if (Path.GetFileName(sub) is not ("node_modules" or "bin" or "obj" or ".git" or "runs"))
                foreach (var file in MarkdownFiles(sub)) yield return file;
    }

    /// <summary>An inline link or image: [text](target "title").</summary>
    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CodeBlock();
}
