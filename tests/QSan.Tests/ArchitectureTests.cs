using System.Text.RegularExpressions;
using QSan.Tests.Data;

namespace QSan.Tests;

/// <summary>
/// The library's folders depend one way (README, Layout): each concept uses only the concepts below it, and nothing
/// in the library uses the command line. The compiler enforces the second; this test reads the sources for the first,
/// for the library's folders and for the folders inside Quantum, its engines and Azure.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Parallelism"] = [],
        ["Autograd"] = ["Parallelism"],
        ["Data"] = [],
        ["Visualization"] = [],
        ["Quantum"] = ["Parallelism"],
        ["Model"] = ["Autograd", "Quantum"],
        ["Training"] = ["Autograd", "Data", "Model", "Quantum"],
        ["Azure"] = ["Quantum"],
        ["Generative"] = ["Autograd", "Data", "Training"],
        ["Benchmarks"] = ["Data", "Model", "Quantum", "Training"],
        ["Evaluation"] = ["Azure", "Data", "Model", "Quantum", "Training"],
        ["Experiments"] = ["Benchmarks", "Data", "Evaluation", "Model", "Quantum", "Training", "Visualization"],
    };

    /// <summary>
    /// Inside Quantum, bottom-up: circuits, noise and the bridge stand alone; import reads circuits; the engines simulate
    /// circuits under noise; shots sit on the engines; the QSANN code ties the Q# project to all of them; estimation runs
    /// the QSANN circuits through Microsoft's resource estimator.
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedInQuantum = new()
    {
        ["Bridge"] = [],
        ["Circuits"] = [],
        ["Noise"] = [],
        ["Import"] = ["Circuits"],
        ["Engine"] = ["Circuits", "Noise"],
        ["Shots"] = ["Circuits", "Engine"],
        ["Qsann"] = ["Bridge", "Circuits", "Engine", "Import", "Noise", "Shots"],
        ["Estimation"] = ["Bridge", "Qsann"],
    };

    /// <summary>Inside Quantum/Engine: the SIMD lanes serve both engines' kernels; the density-matrix engine reuses the native compiler.</summary>
    private static readonly Dictionary<string, string[]> AllowedInEngine = new()
    {
        ["Simd"] = [],
        ["Native"] = ["Simd"],
        ["Density"] = ["Native", "Simd"],
    };

    /// <summary>
    /// Inside Azure, bottom-up: the connection (settings, credentials, client options) and the result parsers stand
    /// alone; the targets (catalogue, formats, limits, prices, IonQ's noise) may use the connection; the payloads write
    /// programs for a target; the service client sends payloads and reads results; the engines (planning, submission,
    /// sessions, dry runs) use them all.
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedInAzure = new()
    {
        ["Connection"] = [],
        ["Results"] = [],
        ["Targets"] = ["Connection"],
        ["Payloads"] = ["Connection", "Results", "Targets"],
        ["Service"] = ["Connection", "Payloads", "Results", "Targets"],
        ["Engines"] = ["Connection", "Payloads", "Results", "Service", "Targets"],
    };

    /// <summary>Each table with the namespace and folder (under host/QSan) whose subfolders it orders.</summary>
    private static readonly Dictionary<string, (string Namespace, string Folder, Dictionary<string, string[]> Allowed)> Layerings = new()
    {
        ["library"] = ("QSan", "", Allowed),
        ["Quantum"] = ("QSan.Quantum", "Quantum", AllowedInQuantum),
        ["Quantum/Engine"] = ("QSan.Quantum.Engine", Path.Combine("Quantum", "Engine"), AllowedInEngine),
        ["Azure"] = ("QSan.Azure", "Azure", AllowedInAzure),
    };

    private static readonly string Library = Path.Combine(SharedDatasets.RepositoryRoot(), "host", "QSan");

    public static TheoryData<string> LayeringNames() => [.. Layerings.Keys];

    [Theory]
    [MemberData(nameof(LayeringNames))]
    public void Every_folder_of_the_library_is_in_the_dependency_table(string layering)
    {
        var (_, root, allowed) = Layerings[layering];
        var folders = Directory.GetDirectories(Path.Combine(Library, root)).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Order();
        Assert.Equal(allowed.Keys.Order(), folders);
    }

    [Theory]
    [MemberData(nameof(LayeringNames))]
    public void Each_folder_uses_only_the_folders_below_it(string layering)
    {
        var (prefix, root, table) = Layerings[layering];
        var reference = new Regex($@"\b{Regex.Escape(prefix)}\.([A-Z][A-Za-z]+)\b");
        var violations = new List<string>();
        foreach (var (folder, allowed) in table)
            foreach (var file in Directory.GetFiles(Path.Combine(Library, root, folder), "*.cs", SearchOption.AllDirectories))
                foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
                {
                    if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                    foreach (Match m in reference.Matches(line))
                    {
                        var used = m.Groups[1].Value;
                        if (used != folder && table.ContainsKey(used) && !allowed.Contains(used))
                            violations.Add($"{Path.GetRelativePath(Library, file)}:{number} uses {prefix}.{used}");
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
}
