using System.Text.RegularExpressions;
using QSan.Tests.Data;

namespace QSan.Tests;

/// <summary>
/// The library's folders depend one way (README, Layout): each concept uses only the concepts below it, and nothing
/// in the library uses the command line. The compiler enforces the second; this test reads the sources for the first.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Autograd"] = [],
        ["Data"] = [],
        ["Visualization"] = [],
        ["Quantum"] = [],
        ["Model"] = ["Autograd", "Quantum"],
        ["Training"] = ["Autograd", "Data", "Model", "Quantum"],
        ["Azure"] = ["Quantum"],
        ["Generative"] = ["Autograd", "Data", "Model", "Quantum", "Training", "Visualization"],
        ["Benchmarks"] = ["Data", "Generative", "Model", "Quantum", "Training"],
        ["Evaluation"] = ["Azure", "Data", "Model", "Quantum", "Training"],
        ["Experiments"] = ["Benchmarks", "Data", "Generative", "Model", "Quantum", "Training", "Visualization"],
    };

    private static readonly string Library = Path.Combine(SharedDatasets.RepositoryRoot(), "host", "QSan");

    [Fact]
    public void Every_folder_of_the_library_is_in_the_dependency_table()
    {
        var folders = Directory.GetDirectories(Library).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Order();
        Assert.Equal(Allowed.Keys.Order(), folders);
    }

    [Fact]
    public void Each_folder_uses_only_the_folders_below_it()
    {
        var violations = new List<string>();
        foreach (var (folder, allowed) in Allowed)
            foreach (var file in Directory.GetFiles(Path.Combine(Library, folder), "*.cs", SearchOption.AllDirectories))
                foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
                {
                    if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                    foreach (Match m in Reference().Matches(line))
                    {
                        var used = m.Groups[1].Value;
                        if (used != folder && Allowed.ContainsKey(used) && !allowed.Contains(used))
                            violations.Add($"{Path.GetRelativePath(Library, file)}:{number} uses QSan.{used}");
                    }
                }
        Assert.True(violations.Count == 0, "Wrong-way dependencies:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_library_does_not_reference_the_command_line()
    {
        var references = typeof(QSanException).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain("QSan.Cli", references);
        Assert.DoesNotContain("System.CommandLine", references);
        Assert.DoesNotContain("Spectre.Console", references);
        // TorchSharp is QSan.Torch's: the library registers frameworks without referencing them.
        Assert.DoesNotContain("QSan.Torch", references);
        Assert.DoesNotContain("TorchSharp", references);
    }

    [GeneratedRegex(@"\bQSan\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex Reference();
}
