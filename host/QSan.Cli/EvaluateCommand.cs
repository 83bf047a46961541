using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Data;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Training;
using Spectre.Console;
using QSan.Quantum.Shots;

namespace QSan.Cli;

/// <summary>
/// <c>evaluate DIR</c>: scores a saved run's selected weights on its own splits, on another dataset's test split
/// (<c>--dataset</c>), or on every sentence of a file (<c>--file</c>). <c>--backend</c> chooses the engine: <c>qsharp</c>
/// re-scores on Microsoft's simulator, <c>shots:N</c> estimates every expectation from N local shots, and
/// <c>azure:&lt;target&gt;</c> runs the circuits on an Azure Quantum target — after showing the size and cost of the whole
/// evaluation, which a paid target needs <c>--yes</c> for; <c>--dry-run DIR</c> writes the payloads instead.
/// </summary>
public static class EvaluateCommand
{
    private const int DefaultAzureShots = 1000;
    private const int DefaultSamplingSeed = 1;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = new Argument<string>("run") { Description = "The run folder (written by train)." };
        var dataset = new Option<string?>("--dataset", "-d") { Description = "Score the test split of this dataset (split with the run's seed)." };
        var file = new Option<string?>("--file") { Description = "Score every sentence of this file." };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Folder with the datasets' files." };
        var split = new Option<string?>("--split") { Description = "Score only this split of the run: train, validation or test (fewer circuits on hardware)." };
        split.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } value && value is not ("train" or "validation" or "test"))
                r.AddError($"Unknown value '{value}' for --split: use train, validation or test.");
        });
        var backend = new Option<string?>("--backend") { Description = $"Evaluate with {BackendChoice.AcceptedForms} instead of the run's backend." };
        backend.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is not { } value) return;
            try
            {
                BackendChoice.Parse(value);
            }
            catch (ArgumentException e)
            {
                r.AddError(e.Message);
            }
        });
        var seed = new Option<int?>("--seed") { Description = $"Seed of the local shot sampling (--backend shots:N; default {DefaultSamplingSeed})." };
        var shots = new Option<int?>("--shots") { Description = $"Azure: shots per job (default {DefaultAzureShots})." };
        var format = new Option<string?>("--format") { Description = "Azure: payload format, qir (default, compiled from Q#), native (ionq for IonQ, qasm for Quantinuum), ionq or qasm." };
        var maxQubits = new Option<int?>("--max-qubits") { Description = "Azure: register size to pack circuits into (default: the target's)." };
        var dryRun = new Option<string?>("--dry-run") { Description = "Azure: write the payloads of the whole evaluation to this folder and send nothing." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Azure: confirm the estimated cost of a paid target." };
        var timeout = new Option<double>("--timeout") { Description = "Azure: seconds to wait for each job.", DefaultValueFactory = _ => 7200 };
        var cancelOnTimeout = new Option<bool>("--cancel-on-timeout") { Description = "Azure: cancel a job that is still running when the timeout passes." };
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var workspace = new AzureOptions();
        var command = new Command("evaluate", "Score a saved run on its splits, another dataset, or a file; locally, with shots, or on Azure Quantum.")
        {
            directory, dataset, file, dataDirectory, split, backend, seed, shots, format, maxQubits, dryRun, yes, timeout, cancelOnTimeout, json, quantumDir,
        };
        workspace.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () => RunAsync(context, new Request(
            parse.GetValue(directory)!, parse.GetValue(dataset), parse.GetValue(file), parse.GetValue(dataDirectory), parse.GetValue(split),
            parse.GetValue(backend) is { } text ? BackendChoice.Parse(text) : null, parse.GetValue(json), parse.GetValue(quantumDir),
            parse.GetValue(seed), parse.GetValue(shots), parse.GetValue(format), parse.GetValue(maxQubits), parse.GetValue(dryRun), parse.GetValue(yes),
            TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(cancelOnTimeout), workspace.Read(parse)), cancellationToken)));
        return command;
    }

    /// <summary>The parsed command line.</summary>
    private sealed record Request(string Directory, string? Dataset, string? File, string? DataDirectory, string? Split, BackendChoice? Backend, bool Json,
        string? QuantumDirectory, int? Seed, int? Shots, string? Format, int? MaxQubits, string? DryRun, bool Yes, TimeSpan Timeout, bool CancelOnTimeout,
        AzureSettingsInput Workspace);

    /// <summary>The scores of one evaluation pass and the run's options.</summary>
    private sealed record Scores(IReadOnlyList<(string Split, Evaluation Score)> Rows, TrainingOptions Options);

    private static async Task<int> RunAsync(CliContext context, Request r, CancellationToken cancellationToken)
    {
        if (r.Dataset is not null && r.File is not null) throw new ArgumentException("Give --dataset or --file, not both.");
        if (r.Split is not null && (r.Dataset is not null || r.File is not null)) throw new ArgumentException("--split picks one of the run's own splits; leave it out with --dataset or --file.");
        CheckBackendOptions(r);
        var circuits = context.CircuitSource(r.QuantumDirectory);
        try
        {
            Scores scores;
            string engineLabel;
            if (r.Backend?.AzureTarget is { } target)
            {
                var shots = r.Shots ?? DefaultAzureShots;
                var result = await RunOnAzureAsync(context, r, target, shots, circuits, cancellationToken).ConfigureAwait(false);
                if (result is null) return 0; // a dry run
                scores = result;
                engineLabel = string.Create(CultureInfo.InvariantCulture, $"{r.Backend}, {shots} shots");
            }
            else if (r.Backend?.LocalShots is { } localShots)
            {
                var seed = r.Seed ?? DefaultSamplingSeed;
                scores = await ScoreAsync(r, circuits, null, _ => AzureEngines.Differentiable(AzureEngines.CreateLocal(localShots, seed)), null, cancellationToken).ConfigureAwait(false);
                engineLabel = string.Create(CultureInfo.InvariantCulture, $"{r.Backend} (seed {seed})");
            }
            else
            {
                scores = await ScoreAsync(r, circuits, r.Backend?.Exact, null, null, cancellationToken).ConfigureAwait(false);
                engineLabel = scores.Options.BackendName;
            }
            var model = scores.Options.Model.Kind == ModelKind.Qsann ? $"qsann on {engineLabel}" : "csann";
            await PrintAsync(context, r, model, scores.Rows).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            (circuits as IDisposable)?.Dispose();
        }
    }

    /// <summary>The Azure options only mean something with an Azure backend, the seed only with local sampling.</summary>
    private static void CheckBackendOptions(Request r)
    {
        if (r.Backend?.AzureTarget is null && (r.Shots is not null || r.Format is not null || r.MaxQubits is not null || r.DryRun is not null || r.Yes))
            throw new ArgumentException($"--shots, --format, --max-qubits, --dry-run and --yes apply to --backend azure:<target>; for local sampling use --backend {BackendChoice.ShotsPrefix}<count>.");
        if (r.Backend?.LocalShots is null && r.Seed is not null)
            throw new ArgumentException($"--seed seeds the local shot sampling of --backend {BackendChoice.ShotsPrefix}<count>.");
        if (r.Shots is < 1) throw new ArgumentException($"--shots must be at least 1; got {r.Shots}.");
        if (r.MaxQubits is < 1) throw new ArgumentException($"--max-qubits must be at least 1; got {r.MaxQubits}.");
    }

    /// <summary>
    /// Plans the whole evaluation (size and cost shown before anything is sent), then writes the payloads (dry run,
    /// returns null) or, once a paid target is confirmed, evaluates on the target.
    /// </summary>
    private static async Task<Scores?> RunOnAzureAsync(CliContext context, Request r, string targetId, int shots, ICircuitSource circuits, CancellationToken cancellationToken)
    {
        var target = TargetCatalog.Find(targetId);
        var format = r.Format is null ? PayloadFormat.Qir : PayloadEncoder.Parse(r.Format, target);
        var info = Informer(context, r.Json);

        // Later layers' circuits depend on earlier results, so the plan answers with exact values; the sizes are exact.
        var planner = new SubmissionPlanner(r.MaxQubits ?? target.MaxQubits, new ShotEngineOptions(shots));
        var splits = new List<(string Split, int FirstSubmission)>();
        var planned = await ScoreAsync(r, circuits, null, _ => AzureEngines.Differentiable(planner),
            split => splits.Add((split, planner.Submissions.Count)), cancellationToken).ConfigureAwait(false);
        var estimate = planner.Estimate(target);
        var submissions = planner.Submissions.Count;
        info(string.Create(CultureInfo.InvariantCulture, $"Evaluating {string.Join(", ", splits.Select(s => s.Split))} on {target.Id} takes {submissions} submission(s): {estimate.Describe()}"));
        var quantum = format == PayloadFormat.Qir
            ? circuits.Workspace ?? throw new ArgumentException("QIR payloads are compiled from the Q# project, which this circuit source does not have; use --format native.")
            : null;

        if (r.DryRun is { } directory)
        {
            var encoder = new PayloadEncoder(target, format, quantum is null ? null : new QirProgramCompiler(quantum.Bridge, quantum.Project, planned.Options.Model.Depth));
            var files = DryRunWriter.Write(directory, encoder, planner.AllPrograms(), shots, estimate, DryRunDetails(r, planner, splits, planned.Options));
            info($"Dry run: nothing sent. Wrote {files.Count} files to {Path.GetFullPath(directory)}.");
            return null;
        }
        if (!(r.Yes || estimate.Cost == 0)) throw new SubmissionDeclinedException(estimate);

        var resolved = AzureSettings.Resolve(r.Workspace);
        info($"Workspace {resolved.Connection.WorkspaceName} at {resolved.Connection.Endpoint} ({resolved.Credential.Description}).");
        var sent = 0;
        var settings = new AzureEngineSettings(target.Id, r.Workspace, shots, format, r.MaxQubits,
            Wait: new JobWaitOptions(JobWaitOptions.Default.InitialDelay, JobWaitOptions.Default.Factor, JobWaitOptions.Default.MaxDelay, r.Timeout, r.CancelOnTimeout),
            Confirm: e =>
            {
                sent++;
                info(string.Create(CultureInfo.InvariantCulture, $"Submission {sent} of {submissions}."));
                return r.Yes || e.Cost == 0;
            },
            Progress: new LineProgress(info), ClientOptions: context.AzureClientOptions, Credential: resolved.Credential);
        return await ScoreAsync(r, circuits, null, config => AzureEngines.Differentiable(AzureEngines.Create(settings, quantum, config.Depth)), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What plan.json records besides the jobs: the run, the shots and which jobs score which split.</summary>
    private static JsonObject DryRunDetails(Request r, SubmissionPlanner planner, List<(string Split, int FirstSubmission)> splits, TrainingOptions options)
    {
        var firstJob = new int[planner.Submissions.Count + 1];
        for (var s = 0; s < planner.Submissions.Count; s++) firstJob[s + 1] = firstJob[s] + planner.Submissions[s].Length;
        var rows = new JsonArray();
        for (var i = 0; i < splits.Count; i++)
        {
            var end = i + 1 < splits.Count ? splits[i + 1].FirstSubmission : planner.Submissions.Count;
            rows.Add(new JsonObject
            {
                ["split"] = splits[i].Split,
                ["submissions"] = end - splits[i].FirstSubmission,
                ["jobs"] = new JsonArray([.. Enumerable.Range(firstJob[splits[i].FirstSubmission], firstJob[end] - firstJob[splits[i].FirstSubmission]).Select(j => (JsonNode)JsonValue.Create(j))]),
            });
        }
        return new JsonObject
        {
            ["runDir"] = Path.GetFullPath(r.Directory),
            ["qubits"] = options.Model.Qubits,
            ["depth"] = options.Model.Depth,
            ["layers"] = options.Model.Layers,
            ["heads"] = options.Model.Heads,
            ["submissions"] = planner.Submissions.Count,
            ["splits"] = rows,
            ["angles"] = options.Model.Layers > 1
                ? "Layer 1's angles are the saved embeddings; later layers' angles were computed from exact expectations (on the target they follow the measured ones)."
                : "The angles are the saved embeddings and weights.",
        };
    }

    /// <summary>Scores the run's splits (or <c>--dataset</c>, <c>--file</c>) with the given backend or engine.</summary>
    private static async Task<Scores> ScoreAsync(Request r, ICircuitSource circuits, Backend? backend, Func<ModelConfig, IDifferentiableEngine>? engine,
        Action<string>? beforeSplit, CancellationToken cancellationToken)
    {
        var rows = new List<(string Split, Evaluation Score)>();
        Evaluation Score(string split, SentenceClassifier model, EncodedSentences sentences, LossKind loss)
        {
            beforeSplit?.Invoke(split);
            return Trainer.Evaluate(model, sentences, loss);
        }

        if (r.Dataset is null && r.File is null)
        {
            var session = await TrainingSession.OpenAsync(r.Directory, circuits, backend, engine, cancellationToken).ConfigureAwait(false);
            var loss = session.Options.Loss;
            foreach (var (split, part) in new[] { ("train", session.Train), ("validation", session.Validation), ("test", session.Test) })
            {
                if (r.Split is not null && r.Split != split) continue;
                if (split == "validation" && part.Count == 0)
                {
                    if (r.Split is not null) throw new ArgumentException($"The run in '{r.Directory}' has no validation split.");
                    continue;
                }
                rows.Add((split, Score(split, session.Model, part, loss)));
            }
            return new Scores(rows, session.Options);
        }

        var (classifier, vocabulary, checkpoint) = TrainingSession.LoadModel(r.Directory, circuits, backend, engine);
        var tokenizer = checkpoint.Options.Data.CreateTokenizer();
        IReadOnlyList<LabelledSentence> sentences;
        string name;
        if (r.File is { } file)
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"The file '{file}' does not exist.", file);
            sentences = SentenceFileReader.ReadFile(file);
            name = Path.GetFileName(file);
        }
        else
        {
            var (splits, _, _) = await new DataSpec(r.Dataset, DataDirectory: r.DataDirectory).LoadAsync(checkpoint.Options.Seed, cancellationToken).ConfigureAwait(false);
            sentences = splits.Test;
            name = $"{r.Dataset} test";
        }
        rows.Add((name, Score(name, classifier, EncodedSentences.Encode(sentences, tokenizer, vocabulary), checkpoint.Options.Loss)));
        return new Scores(rows, checkpoint.Options);
    }

    private static async Task PrintAsync(CliContext context, Request r, string model, IReadOnlyList<(string Split, Evaluation Score)> scores)
    {
        if (r.Json)
        {
            var rows = scores.Select(s => new { split = s.Split, accuracy = s.Score.Accuracy, loss = s.Score.Loss, sentences = s.Score.Count });
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { runDir = Path.GetFullPath(r.Directory), model, scores = rows }, Json.Compact)).ConfigureAwait(false);
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{r.Directory}: {model}"));
        table.AddColumn("split");
        table.AddColumn(new TableColumn("sentences").RightAligned());
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        table.AddColumn(new TableColumn("loss").RightAligned());
        foreach (var (split, score) in scores)
            table.AddRow(Markup.Escape(split), score.Count.ToString(CultureInfo.InvariantCulture),
                score.Accuracy.ToString("0.00%", CultureInfo.InvariantCulture), score.Loss.ToString("0.####", CultureInfo.InvariantCulture));
        context.Console.Write(table);
    }

    /// <summary>Where the estimate and progress go: standard output, or standard error when standard output holds the JSON.</summary>
    private static Action<string> Informer(CliContext context, bool json)
    {
        var writer = json ? context.Error : context.Output;
        return line => writer.WriteLine(line);
    }

    /// <summary>Timestamped progress lines, reported on the polling thread in order.</summary>
    private sealed class LineProgress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {value}");
    }
}
