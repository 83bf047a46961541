using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Data;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>evaluate DIR</c>: scores a saved run's selected weights on its own splits, on another dataset's test split
/// (<c>--dataset</c>), or on every sentence of a file (<c>--file</c>); <c>--backend qsharp</c> re-scores on Microsoft's simulator.
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = new Argument<string>("run") { Description = "The run folder (written by train)." };
        var dataset = new Option<string?>("--dataset", "-d") { Description = "Score the test split of this dataset (split with the run's seed)." };
        var file = new Option<string?>("--file") { Description = "Score every sentence of this file." };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Folder with the datasets' files." };
        var backend = new Option<string?>("--backend") { Description = "Evaluate with native or qsharp instead of the run's backend." };
        backend.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string?>();
            if (value is not null and not "native" and not "qsharp") r.AddError($"Unknown value '{value}' for --backend: use native or qsharp.");
        });
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var command = new Command("evaluate", "Score a saved run on its splits, another dataset, or a file.") { directory, dataset, file, dataDirectory, backend, json, quantumDir };
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () => RunAsync(
            context, parse.GetValue(directory)!, parse.GetValue(dataset), parse.GetValue(file), parse.GetValue(dataDirectory),
            parse.GetValue(backend) switch { "qsharp" => Backend.QSharp, "native" => Backend.Native, _ => null },
            parse.GetValue(json), parse.GetValue(quantumDir), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string directory, string? dataset, string? file, string? dataDirectory,
        Backend? backend, bool json, string? quantumDirectory, CancellationToken cancellationToken)
    {
        if (dataset is not null && file is not null) throw new ArgumentException("Give --dataset or --file, not both.");
        var circuits = context.CircuitSource(quantumDirectory);
        try
        {
            var scores = new List<(string Split, Evaluation Score)>();
            string model;
            if (dataset is null && file is null)
            {
                var session = await TrainingSession.OpenAsync(directory, circuits, backend, cancellationToken).ConfigureAwait(false);
                var loss = session.Options.Loss;
                scores.Add(("train", Trainer.Evaluate(session.Model, session.Train, loss)));
                if (session.Validation.Count > 0) scores.Add(("validation", Trainer.Evaluate(session.Model, session.Validation, loss)));
                scores.Add(("test", Trainer.Evaluate(session.Model, session.Test, loss)));
                model = Describe(session.Options, backend);
            }
            else
            {
                var (classifier, vocabulary, checkpoint) = TrainingSession.LoadModel(directory, circuits, backend);
                var tokenizer = new Tokenizer(checkpoint.Options.Data.Tokenizer);
                IReadOnlyList<LabelledSentence> sentences;
                string name;
                if (file is not null)
                {
                    if (!File.Exists(file)) throw new FileNotFoundException($"The file '{file}' does not exist.", file);
                    sentences = SentenceFileReader.ReadFile(file);
                    name = Path.GetFileName(file);
                }
                else
                {
                    var (splits, _, _) = await new DataSpec(dataset, DataDirectory: dataDirectory).LoadAsync(checkpoint.Options.Seed, cancellationToken).ConfigureAwait(false);
                    sentences = splits.Test;
                    name = $"{dataset} test";
                }
                scores.Add((name, Trainer.Evaluate(classifier, EncodedSentences.Encode(sentences, tokenizer, vocabulary), checkpoint.Options.Loss)));
                model = Describe(checkpoint.Options, backend);
            }

            if (json)
            {
                var rows = scores.Select(s => new { split = s.Split, accuracy = s.Score.Accuracy, loss = s.Score.Loss, sentences = s.Score.Count });
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { runDir = Path.GetFullPath(directory), model, scores = rows }, Json.Compact)).ConfigureAwait(false);
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{directory}: {model}"));
            table.AddColumn("split");
            table.AddColumn(new TableColumn("sentences").RightAligned());
            table.AddColumn(new TableColumn("accuracy").RightAligned());
            table.AddColumn(new TableColumn("loss").RightAligned());
            foreach (var (split, score) in scores)
                table.AddRow(Markup.Escape(split), score.Count.ToString(CultureInfo.InvariantCulture),
                    score.Accuracy.ToString("0.00%", CultureInfo.InvariantCulture), score.Loss.ToString("0.####", CultureInfo.InvariantCulture));
            context.Console.Write(table);
            return 0;
        }
        finally
        {
            (circuits as IDisposable)?.Dispose();
        }
    }

    private static string Describe(TrainingOptions options, Backend? backend) =>
        options.Model.Kind == Model.ModelKind.Qsann
            ? $"qsann on {(backend ?? options.Backend).ToString().ToLowerInvariant()}"
            : "csann";
}
