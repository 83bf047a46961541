using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QSan.Tests.Data;

namespace QSan.Tests.Notebooks;

/// <summary>
/// Runs every notebook of <c>notebooks/</c> headlessly with <c>dotnet-repl</c> (pinned in .config/dotnet-tools.json) and
/// fails on any failed cell, with the cell's error; runs the file-based app; checks what is committed.
/// </summary>
public sealed partial class NotebookTests
{
    private static readonly string Root = SharedDatasets.RepositoryRoot();
    private static readonly string Folder = Path.Combine(Root, "notebooks");
    private static readonly Lazy<bool> ToolRestored = new(() =>
    {
        var (code, output) = Run("dotnet", ["tool", "restore"], Root, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, $"dotnet tool restore failed ({code}):\n{output}");
        return true;
    });

    /// <summary>The notebooks people open (the set-up notebook runs inside each of them).</summary>
    public static TheoryData<string> Stories() => [.. StoryNames()];

    private static IEnumerable<string> StoryNames() =>
        Directory.GetFiles(Folder, "*.ipynb").Select(f => Path.GetFileName(f)).Where(n => n != "qsan-setup.ipynb").Order();

    [Theory]
    [MemberData(nameof(Stories))]
    public void Every_cell_of_the_notebook_runs(string notebook)
    {
        Assert.True(ToolRestored.Value);
        using var scratch = new TemporaryDirectory();
        var executed = Path.Combine(scratch.Path, notebook);
        var (code, output) = Run("dotnet", ["tool", "run", "dotnet-repl", "--run", notebook, "--exit-after-run", "--output-path", executed, "--output-format", "ipynb"],
            Folder, TimeSpan.FromMinutes(5));
        var errors = File.Exists(executed) ? CellErrors(JsonNode.Parse(File.ReadAllText(executed))!) : [];
        Assert.True(code == 0 && errors.Count == 0,
            $"{notebook}: dotnet-repl exited with {code}; failed cells:\n{string.Join("\n", errors)}\n{Tail(output)}");
    }

    [Fact]
    public void The_notebooks_readme_names_every_notebook_and_the_file_based_app()
    {
        var readme = File.ReadAllText(Path.Combine(Folder, "README.md"));
        foreach (var notebook in StoryNames()) Assert.Contains(notebook, readme);
        Assert.Contains("train-yelp.cs", readme);
    }

    [Fact]
    public void Committed_notebooks_carry_the_outputs_of_their_last_run_and_no_machine_paths()
    {
        foreach (var notebook in StoryNames())
        {
            var text = File.ReadAllText(Path.Combine(Folder, notebook));
            var cells = JsonNode.Parse(text)!["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ToList();
            Assert.True(cells.All(c => c!["outputs"]!.AsArray().Count > 0 || IsQuiet(c!)), $"{notebook} has code cells without outputs: commit it after a run.");
            Assert.Empty(CellErrors(JsonNode.Parse(text)!));
            foreach (var machinePath in new[] { Root, "/home/", "/root/", "/tmp/", "C:\\\\" })
                Assert.False(text.Contains(machinePath, StringComparison.Ordinal), $"{notebook} contains a path of this machine ({machinePath}).");
        }

        // The set-up and import cells show nothing when they succeed.
        static bool IsQuiet(JsonNode cell) => string.Concat(cell["source"]!.AsArray().Select(l => (string?)l)).TrimStart().StartsWith("#!import", StringComparison.Ordinal);
    }

    [Fact]
    public void Every_notebook_is_nbformat_4_5_with_a_unique_id_on_every_cell_and_the_dotnet_kernel()
    {
        // Jupyter needs the ids to trust a committed notebook (and show its SVG figures); dotnet-repl drops them, so
        // outputs are refreshed with refresh-outputs.cs, which keeps them.
        foreach (var path in Directory.GetFiles(Folder, "*.ipynb").Order())
        {
            var name = Path.GetFileName(path);
            var notebook = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.True((int?)notebook["nbformat"] == 4 && (int?)notebook["nbformat_minor"] == 5, $"{name} is not nbformat 4.5.");
            Assert.True((string?)notebook["metadata"]?["kernelspec"]?["name"] == ".net-csharp", $"{name} does not name the .NET (C#) Jupyter kernel.");
            var cells = notebook["cells"]!.AsArray();
            var ids = cells.Select(c => (string?)c!["id"] ?? "").ToList();
            Assert.True(ids.All(id => CellId().IsMatch(id)), $"{name} has cells without an id of 1 to 64 letters, digits, '-' or '_': run refresh-outputs.cs, not dotnet-repl alone.");
            Assert.True(ids.Distinct().Count() == ids.Count, $"{name} has two cells with one id.");
            foreach (var cell in cells)
            {
                var type = (string?)cell!["cell_type"];
                Assert.True(type is "code" or "markdown" or "raw", $"{name}: cell {cell["id"]} is of unknown type {type}.");
                Assert.True(cell["source"] is JsonArray or JsonValue && cell["metadata"] is JsonObject, $"{name}: cell {cell["id"]} lacks its source or metadata.");
                Assert.True(type != "code" || (cell["outputs"] is JsonArray && cell.AsObject().ContainsKey("execution_count")),
                    $"{name}: code cell {cell["id"]} lacks its outputs or execution count.");
            }
        }
    }

    [Fact]
    public void The_file_based_app_trains_yelp_and_prints_the_test_accuracy()
    {
        using var scratch = new TemporaryDirectory();
        var (code, output) = Run("dotnet", ["run", Path.Combine(Folder, "train-yelp.cs"), SharedDatasets.Directory], scratch.Path, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, $"dotnet run train-yelp.cs exited with {code}:\n{Tail(output)}");
        Assert.Matches(@"test accuracy \d+\.\d+ ?% on 200 sentences", output);
        Assert.True(Directory.Exists(Path.Combine(scratch.Path, "runs")), "The app's run folder goes under runs/ of the current directory.");
    }

    /// <summary>"cell N: Error: message" for every cell whose outputs hold an error.</summary>
    private static List<string> CellErrors(JsonNode notebook)
    {
        var errors = new List<string>();
        var cells = notebook["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
            foreach (var output in cells[i]!["outputs"]?.AsArray() ?? [])
                if ((string?)output!["output_type"] == "error")
                    errors.Add($"cell {i}: {(string?)output["ename"]}: {(string?)output["evalue"]}");
        return errors;
    }

    private static (int Code, string Output) Run(string program, string[] arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{stdout.Result}\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + "\n" + stderr.Result);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    /// <summary>nbformat 4.5's cell id.</summary>
    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CellId();
}
