using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Data;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>predict "a sentence" --model-dir DIR</c>: the probability of label 1 and the attention weights of every layer and head.</summary>
public static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sentences = new Argument<string[]>("sentences") { Description = "One or more sentences (quote each).", Arity = ArgumentArity.OneOrMore };
        var modelDirectory = new Option<string>("--model-dir", "-m") { Description = "The run folder (written by train).", Required = true };
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var command = new Command("predict", "Classify sentences with a saved model and show its attention.") { sentences, modelDirectory, json, quantumDir };
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () =>
            Task.FromResult(Run(context, parse.GetValue(sentences)!, parse.GetValue(modelDirectory)!, parse.GetValue(json), parse.GetValue(quantumDir)))));
        return command;
    }

    private static int Run(CliContext context, string[] sentences, string modelDirectory, bool json, string? quantumDirectory)
    {
        foreach (var s in sentences)
            if (string.IsNullOrWhiteSpace(s)) throw new ArgumentException("The sentence is empty: give some words to classify.");
        var circuits = context.CircuitSource(quantumDirectory);
        try
        {
            var (model, vocabulary, checkpoint) = TrainingRunState.LoadModel(modelDirectory, circuits);
            var analyses = SentenceAnalyzer.Analyze(model, checkpoint.Options.Data.CreateTokenizer(), vocabulary, sentences);
            if (json)
            {
                var rows = analyses.Select(a => new
                {
                    text = a.Text,
                    tokens = a.Tokens,
                    known = a.Known,
                    probability = a.Probability,
                    label = a.Probability >= 0.5 ? 1 : 0,
                    attention = a.Attention.Select(layer => layer.Select(ToJagged).ToArray()).ToArray(),
                });
                context.Output.WriteLine(JsonSerializer.Serialize(new { sentences = rows }, Json.Compact));
                return 0;
            }
            var console = context.Console;
            foreach (var a in analyses)
            {
                console.MarkupLine($"[bold]{Markup.Escape(a.Text)}[/]");
                console.MarkupLine($"  p(label 1) = [bold]{a.Probability.ToString("0.0000", CultureInfo.InvariantCulture)}[/] → label {(a.Probability >= 0.5 ? 1 : 0)}");
                for (var l = 0; l < a.Attention.Length; l++)
                    for (var h = 0; h < a.Attention[l].Length; h++)
                        console.Write(AttentionTable(a, l, h));
            }
            return 0;
        }
        finally
        {
            (circuits as IDisposable)?.Dispose();
        }
    }

    private static Table AttentionTable(SentenceAnalysis a, int layer, int head)
    {
        var table = new Table().Border(TableBorder.Simple)
            .Title($"attention, layer {layer + 1}, head {head + 1} (row attends to column; ? = unknown word)");
        table.AddColumn("");
        var labels = new string[a.Tokens.Count];
        for (var t = 0; t < labels.Length; t++) labels[t] = Markup.Escape(a.Known[t] ? a.Tokens[t] : a.Tokens[t] + "?");
        foreach (var label in labels) table.AddColumn(new TableColumn(label).RightAligned());
        var weights = a.Attention[layer][head];
        for (var s = 0; s < labels.Length; s++)
        {
            var cells = new string[labels.Length + 1];
            cells[0] = labels[s];
            for (var j = 0; j < labels.Length; j++) cells[j + 1] = weights[s, j].ToString("0.000", CultureInfo.InvariantCulture);
            table.AddRow(cells);
        }
        return table;
    }

    private static double[][] ToJagged(double[,] matrix)
    {
        var rows = new double[matrix.GetLength(0)][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[matrix.GetLength(1)];
            for (var j = 0; j < rows[i].Length; j++) rows[i][j] = matrix[i, j];
        }
        return rows;
    }
}
