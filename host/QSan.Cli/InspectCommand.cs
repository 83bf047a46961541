using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Model;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>inspect DIR</c>: a saved run's options, sizes, progress, result and a summary of every parameter tensor; reads only the checkpoint.</summary>
public static class InspectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = new Argument<string>("run") { Description = "The run folder (written by train)." };
        var json = CommonOptions.Json();
        var command = new Command("inspect", "Describe a saved run: options, parameter counts, epochs, result and weights.") { directory, json };
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () =>
            Task.FromResult(Run(context, parse.GetValue(directory)!, parse.GetValue(json)))));
        return command;
    }

    private static int Run(CliContext context, string directory, bool json)
    {
        var checkpoint = CheckpointFile.ReadRun(directory);
        var config = checkpoint.Options.Model;
        var embeddingValues = checkpoint.BestWeights.TryGetValue("embedding.weight", out var embedding) ? embedding.Length : 0;
        var total = 0;
        foreach (var values in checkpoint.BestWeights.Values) total += values.Length;
        var tensors = checkpoint.BestWeights.Select(p => Summarise(p.Key, p.Value)).ToList();
        var state = checkpoint.Result is not null ? "finished" : checkpoint.Stop is null ? $"interrupted after epoch {checkpoint.Epoch}" : "stopped";

        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                runDir = Path.GetFullPath(directory),
                state,
                options = checkpoint.Options,
                parameters = total - embeddingValues,
                embeddingParameters = embeddingValues,
                expectedParameters = config.ParameterCount,
                vocabularySize = checkpoint.Vocabulary.Count,
                epoch = checkpoint.Epoch,
                bestEpoch = checkpoint.BestEpoch,
                trainSeconds = checkpoint.TrainSeconds,
                circuitSourceHash = checkpoint.CircuitSourceHash,
                compilerVersion = checkpoint.CompilerVersion,
                result = checkpoint.Result,
                tensors,
            }, Json.Compact));
            return 0;
        }

        var console = context.Console;
        var o = checkpoint.Options;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("run", Markup.Escape(Path.GetFullPath(directory)) + $" ({state})");
        grid.AddRow("model", config.Kind == ModelKind.Qsann ? $"{config.Describe()} ({o.BackendName})" : config.Describe());
        grid.AddRow("parameters", $"[bold]{total - embeddingValues}[/] outside the embeddings, {embeddingValues} embedding values, vocabulary {checkpoint.Vocabulary.Count}");
        grid.AddRow("data", Markup.Escape(o.Data.DisplayName) + $" ({o.Data.TokensDescription}, seed {o.Seed}, validation fraction {Num(o.ValidationFraction)})");
        grid.AddRow("training", $"epoch {checkpoint.Epoch}/{o.Epochs}, selected epoch {checkpoint.BestEpoch}, batch {o.BatchSize}, lr {Num(o.LearningRate)}, loss {o.Loss.ToString().ToLowerInvariant()}, λ {Num(o.Lambda)}, {checkpoint.TrainSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
        if (checkpoint.CircuitSourceHash is { } hash) grid.AddRow("circuits", Markup.Escape($"Q# sources {hash}, qsharp-lang {checkpoint.CompilerVersion}"));
        if (checkpoint.Result is { } r)
            grid.AddRow("result", $"test {r.TestAccuracy.ToString("0.00%", CultureInfo.InvariantCulture)}, train {r.TrainAccuracy.ToString("0.00%", CultureInfo.InvariantCulture)}"
                + (r.ValidationAccuracy is { } v ? $", validation {v.ToString("0.00%", CultureInfo.InvariantCulture)}" : ""));
        console.Write(grid);

        var table = new Table().Border(TableBorder.Rounded).Title("selected weights");
        foreach (var column in new[] { "parameter", "values", "mean", "std", "min", "max" }) table.AddColumn(column == "parameter" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        foreach (var t in tensors)
            table.AddRow(Markup.Escape(t.Name), t.Values.ToString(CultureInfo.InvariantCulture), Num(t.Mean), Num(t.Std), Num(t.Min), Num(t.Max));
        console.Write(table);

        if (config.Kind == ModelKind.Qsann)
        {
            var d = config.Dimension;
            foreach (var (name, values) in checkpoint.BestWeights)
            {
                if (!name.Contains(".head", StringComparison.Ordinal) || values.Length != 3 * d) continue;
                string Row(int r) => string.Join(" ", Enumerable.Range(0, d).Select(i => values[r * d + i].ToString("+0.000;-0.000", CultureInfo.InvariantCulture)));
                console.MarkupLine($"[bold]{Markup.Escape(name)}[/]\n  θ_q {Row(0)}\n  θ_k {Row(1)}\n  θ_v {Row(2)}");
            }
        }
        return 0;
    }

    private static TensorSummary Summarise(string name, double[] values)
    {
        if (values.Length == 0) return new TensorSummary(name, 0, 0, 0, 0, 0);
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        return new TensorSummary(name, values.Length, mean, Math.Sqrt(squares / values.Length), min, max);
    }

    private static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Statistics of one parameter tensor.</summary>
    private sealed record TensorSummary(string Name, int Values, double Mean, double Std, double Min, double Max);
}
