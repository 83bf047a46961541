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
    public static void WriteHeader(IAnsiConsole console, TrainingSession session, bool resumed)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(session);
        var o = session.Options;
        var m = o.Model;
        var model = session.Model;
        void Fact(string label, string text) => console.MarkupLine($"  {label,-10} {text}");
        console.MarkupLine($"[bold]{(resumed ? "Resuming" : "Training")}[/] {Markup.Escape(m.Describe())}");
        if (m.Kind == ModelKind.Qsann) Fact("backend", Markup.Escape(o.BackendName));
        Fact("data", $"{Markup.Escape(o.Data.DisplayName)}, from {Markup.Escape(SettingFlags.ToFlags(session.Data.Origin))}");
        Fact("sentences", $"{session.Train.Count} train, {session.Validation.Count} validation, {session.Test.Count} test");
        Fact("tokens", $"{Markup.Escape(o.Data.TokensDescription)}, vocabulary of {session.Vocabulary.Count}");
        Fact("model", $"[bold]{model.ParametersOutsideEmbeddings}[/] parameters outside the embeddings (+ {model.Embedding.Weight.Count} embedding values)");
        Fact("training", $"{o.Epochs} epochs, batch {o.BatchSize}, seed {o.Seed}" + (o.Patience > 0 ? $", patience {o.Patience}" : ""));
        Fact("optimizer", $"Adam, learning rate {Num(o.LearningRate)}, weight decay {Num(o.WeightDecay)}");
        Fact("loss", $"{o.Loss.ToString().ToLowerInvariant()}, λ {Num(o.Lambda)}");
        if (session.CircuitSourceHash is { } hash)
            Fact("circuits", $"Q# sources {Markup.Escape(hash[..Math.Min(12, hash.Length)])}, qsharp-lang {Markup.Escape(session.CompilerVersion ?? "?")}");
        Fact("folder", Markup.Escape(session.OutputDirectory) + (resumed ? $" (from epoch {session.Epoch})" : ""));
    }

    /// <summary>Runs <paramref name="train"/> with the live display (or plain lines when the console is not interactive).</summary>
    public static TrainingResult Run(CliContext context, TrainingSession session, Func<ITrainingObserver, TrainingResult> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        var console = context.Console;
        if (!console.Profile.Capabilities.Interactive)
            return train(TrainingProgress.Lines(context.Output));

        var table = NewTable(session);
        foreach (var m in session.History) AddRow(table, m);
        TrainingResult? result = null;
        console.Live(table).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(context =>
        {
            result = train(new LiveObserver(table, context, session));
            table.Caption = new TableTitle(Summary(session));
            context.Refresh();
        });
        return result!;
    }

    /// <summary>Prints the final scores and the run folder's files.</summary>
    public static void WriteResult(IAnsiConsole console, TrainingSession session, TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(session);
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

    private static Table NewTable(TrainingSession session)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"{session.Options.Data.DisplayName} — {session.Options.Model.Kind.ToString().ToUpperInvariant()}");
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

    private static string Summary(TrainingSession session) =>
        $"epoch {session.Epoch}/{session.Options.Epochs}, selected epoch {session.State.BestEpoch} (* = best on validation), {session.State.TrainSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s";

    private static string Num(double value) => TrainingProgress.Number(value);

    private static string Percent(double value) => TrainingProgress.Percent(value);

    private static string Rate(double value) => TrainingProgress.Rate(value);

    /// <summary>Updates the live table: a caption with the epoch in progress, a row per finished epoch.</summary>
    private sealed class LiveObserver(Table table, LiveDisplayContext context, TrainingSession session) : ITrainingObserver
    {
        private readonly Stopwatch sinceRefresh = Stopwatch.StartNew();

        public void OnBatch(int epoch, int batch, int batches)
        {
            // Redrawing costs more than a minibatch step; ten times a second is smooth enough.
            if (sinceRefresh.ElapsedMilliseconds < 100 && batch < batches) return;
            sinceRefresh.Restart();
            table.Caption = new TableTitle($"epoch {epoch}/{session.Options.Epochs}: batch {batch}/{batches}");
            context.Refresh();
        }

        public void OnEpoch(EpochMetrics metrics)
        {
            AddRow(table, metrics);
            table.Caption = new TableTitle(Summary(session));
            context.Refresh();
        }
    }
}
