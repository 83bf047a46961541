using System.Diagnostics;
using System.Globalization;
using QSan.Model;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// What <c>train</c> shows: a header (data, model, parameter count), a live table of epochs (loss, training and
/// validation accuracy, tokens per second) that updates during each epoch, and the final scores.
/// On a console that is not interactive (a pipe, a log file) each epoch is one plain line instead.
/// </summary>
public static class TrainingDisplay
{
    // The live table shows the latest epochs only, so long runs stay on one screen.
    private const int VisibleEpochs = 15;

    /// <summary>
    /// Prints what is about to be trained: the architecture, then one fact per labelled line (short enough for a
    /// terminal, and whole when written unwrapped to a file or pipe).
    /// </summary>
    public static void WriteHeader(IAnsiConsole console, TrainingRunState state, bool resumed)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(state);
        var o = state.Options;
        var m = o.Model;
        var model = state.Model;
        void Fact(string label, string text) => console.MarkupLine($"  {label,-10} {text}");
        console.MarkupLine($"[bold]{(resumed ? "Resuming" : "Training")}[/] {Markup.Escape(m.Describe())}");
        if (m.Kind == ModelKind.Qsann) Fact("backend", Markup.Escape(o.BackendName));
        Fact("data", $"{Markup.Escape(o.Data.DisplayName)}, from {Markup.Escape(SettingFlags.ToFlags(state.Data.Origin))}");
        Fact("sentences", $"{state.Train.Count} train, {state.Validation.Count} validation, {state.Test.Count} test");
        Fact("tokens", $"{Markup.Escape(o.Data.TokensDescription)}, vocabulary of {state.Vocabulary.Count}");
        Fact("model", $"[bold]{model.ParametersOutsideEmbeddings}[/] parameters outside the embeddings (+ {model.Embedding.Weight.Count} embedding values)");
        Fact("training", $"{o.Epochs} epochs, batch {o.BatchSize}, seed {o.Seed}" + (o.Patience > 0 ? $", patience {o.Patience}" : ""));
        Fact("optimizer", $"Adam, learning rate {Num(o.LearningRate)}, weight decay {Num(o.WeightDecay)}");
        Fact("loss", $"{o.Loss.ToString().ToLowerInvariant()}, λ {Num(o.Lambda)}");
        if (state.CircuitSourceHash is { } hash)
            Fact("circuits", $"Q# sources {Markup.Escape(hash[..Math.Min(12, hash.Length)])}, qsharp-lang {Markup.Escape(state.CompilerVersion ?? "?")}");
        Fact("folder", Markup.Escape(state.OutputDirectory) + (resumed ? $" (from epoch {state.Epoch})" : ""));
    }

    /// <summary>Runs <paramref name="train"/> with the live display (or plain lines when the console is not interactive).</summary>
    public static TrainingResult Run(CliContext context, TrainingRunState state, Func<ITrainingObserver, TrainingResult> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        var console = context.Console;
        if (!console.Profile.Capabilities.Interactive)
            return train(TrainingProgress.Lines(context.Output));

        var table = NewTable(state);
        foreach (var m in state.History) AddRow(table, m);
        TrainingResult? result = null;
        console.Live(table).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(context =>
        {
            result = train(new LiveObserver(table, context, state));
            table.Caption = new TableTitle(Summary(state));
            context.Refresh();
        });
        return result!;
    }

    /// <summary>Prints the final scores and the run folder's files.</summary>
    public static void WriteResult(IAnsiConsole console, TrainingRunState state, TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(result);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]test accuracy[/]", $"[bold]{Percent(result.TestAccuracy)}[/] ({result.TestSentences} sentences, scored once with the weights of epoch {result.BestEpoch})");
        grid.AddRow("train accuracy", Percent(result.TrainAccuracy));
        if (result.ValidationAccuracy is { } v) grid.AddRow("validation accuracy", Percent(v));
        grid.AddRow("parameters", $"{result.Parameters} outside the embeddings");
        grid.AddRow("training time", $"{result.TrainSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s ({Rate(result.TokensPerSecond)} tokens/s), {Markup.Escape(result.StopReason)}");
        grid.AddRow("run folder", Markup.Escape(result.OutputDir));
        console.Write(grid);
        console.MarkupLine($"  [grey]{RunFolder.CheckpointFileName}, {RunFolder.MetricsFileName}, {RunFolder.ResultFileName}, {RunFolder.TrainingCurveFileName}, {RunFolder.AttentionFileName}[/]");
    }

    private static Table NewTable(TrainingRunState state)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"{state.Options.Data.DisplayName} — {state.Options.Model.Kind.ToString().ToUpperInvariant()}");
        table.AddColumn(new TableColumn("epoch").RightAligned());
        table.AddColumn(new TableColumn("loss").RightAligned());
        table.AddColumn(new TableColumn("train acc").RightAligned());
        table.AddColumn(new TableColumn("val loss").RightAligned());
        table.AddColumn(new TableColumn("val acc").RightAligned());
        table.AddColumn(new TableColumn("tokens/s").RightAligned());
        table.AddColumn(new TableColumn("time").RightAligned());
        return table;
    }

    private static void AddRow(Table table, EpochMetrics m)
    {
        var best = m.IsBest ? "[green]*[/]" : " ";
        table.AddRow(
            $"{m.Epoch}{best}", Num(m.TrainLoss), Percent(m.TrainAccuracy),
            m.ValidationLoss is { } vl ? Num(vl) : "–", m.ValidationAccuracy is { } va ? Percent(va) : "–",
            Rate(m.TokensPerSecond), $"{m.Seconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
        while (table.Rows.Count > VisibleEpochs) table.Rows.RemoveAt(0);
    }

    private static string Summary(TrainingRunState state) =>
        $"epoch {state.Epoch}/{state.Options.Epochs}, selected epoch {state.Record.BestEpoch} (* = best on validation), {state.Record.TrainSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s";

    private static string Num(double value) => TrainingProgress.Number(value);

    private static string Percent(double value) => TrainingProgress.Percent(value);

    private static string Rate(double value) => TrainingProgress.Rate(value);

    /// <summary>Updates the live table: a caption with the epoch in progress, a row per finished epoch.</summary>
    private sealed class LiveObserver(Table table, LiveDisplayContext context, TrainingRunState state) : ITrainingObserver
    {
        private readonly Stopwatch sinceRefresh = Stopwatch.StartNew();

        public void OnBatch(int epoch, int batch, int batches)
        {
            // Redrawing costs more than a minibatch step; ten times a second is smooth enough.
            if (sinceRefresh.ElapsedMilliseconds < 100 && batch < batches) return;
            sinceRefresh.Restart();
            table.Caption = new TableTitle($"epoch {epoch}/{state.Options.Epochs}: batch {batch}/{batches}");
            context.Refresh();
        }

        public void OnEpoch(EpochMetrics metrics)
        {
            AddRow(table, metrics);
            table.Caption = new TableTitle(Summary(state));
            context.Refresh();
        }
    }
}
