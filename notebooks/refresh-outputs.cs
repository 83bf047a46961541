#:property PublishAot=false
// Refreshes the committed outputs of notebooks: runs each one with dotnet-repl, as the tests do, and writes the result
// over the committed file with its cells' ids kept. dotnet-repl writes cells without ids, but nbformat 4.5 needs them
// (without them classic Jupyter does not trust the notebook and shows its SVG figures as text), and ids that change
// with every refresh would make every refresh a diff of every cell.
//   dotnet run notebooks/refresh-outputs.cs [NOTEBOOK.ipynb ...]      (default: every notebook but qsan-setup.ipynb)
// A cell keeps the id of the committed cell with the same source, else of the committed cell at its place; a new cell
// gets a new id. A notebook with a failed cell is left as it was (exit code 1).
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

var folder = NotebookFolder();
var notebooks = args.Length > 0
    ? args.Select(Path.GetFileName).ToArray()
    : [.. Directory.GetFiles(folder, "*.ipynb").Select(Path.GetFileName).Where(n => n != "qsan-setup.ipynb").Order()];
if (Run("dotnet", ["tool", "restore"]) != 0) return 1;
var failed = 0;
foreach (var notebook in notebooks)
{
    var path = Path.Combine(folder, notebook!);
    var scratch = Path.Combine(Path.GetTempPath(), $"qsan-refresh-{Guid.NewGuid():N}.ipynb");
    try
    {
        Console.WriteLine($"{notebook}: running");
        var code = Run("dotnet", ["tool", "run", "dotnet-repl", "--run", notebook!, "--exit-after-run", "--output-path", scratch, "--output-format", "ipynb"]);
        if (code != 0 || !File.Exists(scratch))
        {
            Console.Error.WriteLine($"{notebook}: dotnet-repl exited with {code}; the committed notebook is unchanged.");
            failed++;
            continue;
        }
        File.WriteAllText(path, WithIds(File.ReadAllText(scratch), JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray()));
        Console.WriteLine($"{notebook}: outputs refreshed, cell ids kept");
    }
    finally
    {
        File.Delete(scratch);
    }
}
return failed == 0 ? 0 : 1;

// dotnet-repl's text with an "id" after each cell's "cell_type": its formatting stays as it is, so the diff shows only
// what the run changed.
static string WithIds(string refreshed, JsonArray committed)
{
    var cells = JsonNode.Parse(refreshed)!["cells"]!.AsArray();
    var ids = new List<string>();
    for (var i = 0; i < cells.Count; i++)
    {
        var source = Source(cells[i]!);
        var sameSource = committed.FirstOrDefault(c => Source(c!) == source && !ids.Contains(Id(c!)));
        var samePlace = i < committed.Count && !ids.Contains(Id(committed[i]!)) ? committed[i] : null;
        var id = Id(sameSource ?? samePlace);
        ids.Add(id.Length > 0 ? id : Guid.NewGuid().ToString("N")[..8]);
    }
    var next = 0;
    var text = CellType().Replace(refreshed, m => $"{m.Value}   \"id\": \"{ids[next++]}\",\n");
    if (next != cells.Count) throw new InvalidOperationException($"Found {next} cell openings in dotnet-repl's output for {cells.Count} cells.");
    return text;

    static string Source(JsonNode cell) => cell["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)cell["source"] ?? "";
    static string Id(JsonNode? cell) => (string?)cell?["id"] ?? "";
}

static int Run(string program, string[] arguments)
{
    var start = new ProcessStartInfo(program) { WorkingDirectory = NotebookFolder() };
    foreach (var argument in arguments) start.ArgumentList.Add(argument);
    using var process = Process.Start(start)!;
    process.WaitForExit();
    return process.ExitCode;
}

// Notebooks run from their own folder (#!import qsan-setup.ipynb, ../host/...), wherever this app is started from.
static string NotebookFolder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;

// A top-level cell's first line in dotnet-repl's output (one-space indentation).
partial class Program
{
    [GeneratedRegex("(?<=\n  \\{\n)   \"cell_type\": \"\\w+\",\n")]
    private static partial Regex CellType();
}
