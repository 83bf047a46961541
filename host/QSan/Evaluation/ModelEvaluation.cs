using System.Globalization;
using System.Text.Json.Nodes;
using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Data;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;
using QSan.Training;

namespace QSan.Evaluation;

/// <summary>How an evaluation on an Azure Quantum target runs.</summary>
/// <param name="Workspace">Workspace settings given explicitly (the rest come from the environment or the config file).</param>
/// <param name="Shots">Shots per job, or null for <see cref="ModelEvaluation.DefaultAzureShots"/>.</param>
/// <param name="Format">Payload format: qir (default, compiled from Q#), native, ionq or qasm.</param>
/// <param name="MaxQubits">Register size to pack circuits into, or null for the target's.</param>
/// <param name="DryRunDirectory">Write the payloads of the whole evaluation here and send nothing, or null to run.</param>
/// <param name="ConfirmCost">Whether the user accepted the estimated cost of a paid target.</param>
/// <param name="Timeout">How long to wait for each job.</param>
/// <param name="CancelOnTimeout">Cancel a job that is still running when the timeout passes.</param>
/// <param name="ClientOptions">Azure.Core options of the client (null: the defaults); tests pass a transport for their fake service.</param>
/// <param name="ProviderNoise">IonQ's noise model on ionq.simulator, sent with every job (null: none); the report names it.</param>
public sealed record AzureEvaluationSettings(AzureSettingsInput Workspace, int? Shots = null, string? Format = null, int? MaxQubits = null,
    string? DryRunDirectory = null, bool ConfirmCost = false, TimeSpan? Timeout = null, bool CancelOnTimeout = false, QuantumClientOptions? ClientOptions = null,
    ProviderNoise? ProviderNoise = null)
{
    /// <summary>How messages name one of these settings: <c>AzureEvaluationSettings.Shots</c>.</summary>
    internal static string Setting(string property) => $"{nameof(AzureEvaluationSettings)}.{property}";
}

/// <summary>
/// What to score a saved run on, and with which backend: the run's own splits (or one of them), another dataset's test
/// split, or every sentence of a file; exactly, with local shots, or on an Azure Quantum target.
/// </summary>
/// <param name="RunDirectory">The run folder (written by training).</param>
/// <param name="Backend">The backend, or null for the run's own.</param>
/// <param name="Split">Only this split of the run: train, validation or test (fewer circuits on hardware); null: all.</param>
/// <param name="Dataset">Score this dataset's test split (split with the run's seed) instead.</param>
/// <param name="File">Score every sentence of this file instead.</param>
/// <param name="DataDirectory">Folder with the datasets' files.</param>
/// <param name="SamplingSeed">Seed of local shot sampling (<see cref="BackendChoice.LocalShots"/>), or null for 1.</param>
/// <param name="Azure">Settings of an Azure backend, or null when the backend is not Azure.</param>
/// <param name="Framework">What runs the model's classical half (QSan's autograd or TorchSharp), or null for the run's own.</param>
public sealed record EvaluationRequest(string RunDirectory, BackendChoice? Backend = null, string? Split = null, string? Dataset = null, string? File = null,
    string? DataDirectory = null, int? SamplingSeed = null, AzureEvaluationSettings? Azure = null, TrainingFramework? Framework = null)
{
    /// <summary>The splits a run has, in the order they are scored.</summary>
    public static IReadOnlyList<string> Splits { get; } = ["train", "validation", "test"];

    /// <summary>Throws <see cref="ArgumentException"/> for a combination that makes no sense, naming the settings (<c>EvaluationRequest.Split</c>).</summary>
    public EvaluationRequest Validate()
    {
        ArgumentNullException.ThrowIfNull(RunDirectory);
        if (Dataset is not null && File is not null) throw new ArgumentException($"Give {Setting(nameof(Dataset))} or {Setting(nameof(File))}, not both.");
        if (Split is not null && !Splits.Contains(Split)) throw new ArgumentException($"Unknown value '{Split}' for {Setting(nameof(Split))}: use train, validation or test.");
        if (Split is not null && (Dataset is not null || File is not null))
            throw new ArgumentException($"{Setting(nameof(Split))} picks one of the run's own splits; leave it out with {Setting(nameof(Dataset))} or {Setting(nameof(File))}.");
        var a = Azure;
        if (Backend?.AzureTarget is null && a is not null && (a.Shots is not null || a.Format is not null || a.MaxQubits is not null || a.DryRunDirectory is not null || a.ConfirmCost))
            throw new ArgumentException($"{AzureEvaluationSettings.Setting(nameof(a.Shots))}, {AzureEvaluationSettings.Setting(nameof(a.Format))}, {AzureEvaluationSettings.Setting(nameof(a.MaxQubits))}, " +
                $"{AzureEvaluationSettings.Setting(nameof(a.DryRunDirectory))} and {AzureEvaluationSettings.Setting(nameof(a.ConfirmCost))} apply to {Setting(nameof(Backend))} {BackendChoice.AzurePrefix}<target>; " +
                $"for local sampling use {Setting(nameof(Backend))} {BackendChoice.ShotsPrefix}<count>.");
        if (a?.ProviderNoise is { } providerNoise)
        {
            if (Backend?.AzureTarget is not { } target)
                throw new ArgumentException($"{AzureEvaluationSettings.Setting(nameof(a.ProviderNoise))} asks IonQ's simulator for its noise model: use it with {Setting(nameof(Backend))} {BackendChoice.AzurePrefix}{ProviderNoise.Target}; " +
                    $"to simulate IonQ's model here use {nameof(BackendChoice)}.{nameof(BackendChoice.Noise)} {providerNoise.SimulatorModel.Spec}, for QSan's preset of the device {nameof(BackendChoice)}.{nameof(BackendChoice.Noise)} {providerNoise.NativePreset.Spec}.");
            providerNoise.CheckTarget(target);
        }
        if (Backend?.LocalShots is null && SamplingSeed is not null)
            throw new ArgumentException($"{Setting(nameof(SamplingSeed))} seeds the local shot sampling of {Setting(nameof(Backend))} {BackendChoice.ShotsPrefix}<count>.");
        if (a?.Shots is < 1) throw new ArgumentException($"{AzureEvaluationSettings.Setting(nameof(a.Shots))} must be at least 1; got {a.Shots}.");
        if (a?.MaxQubits is < 1) throw new ArgumentException($"{AzureEvaluationSettings.Setting(nameof(a.MaxQubits))} must be at least 1; got {a.MaxQubits}.");
        return this;
    }

    private static string Setting(string property) => $"{nameof(EvaluationRequest)}.{property}";
}

/// <summary>A score of one split (or dataset, or file).</summary>
/// <param name="Split">What was scored: "test", "amazon test", a file name.</param>
/// <param name="Score">Loss, accuracy and sentence count.</param>
public sealed record SplitScore(string Split, Score Score);

/// <summary>The scores of an evaluation and what produced them.</summary>
/// <param name="Scores">One row per split.</param>
/// <param name="Options">The run's options.</param>
/// <param name="Model">"qsann on native", "qsann on azure:ionq.simulator, 500 shots", "csann".</param>
public sealed record EvaluationReport(IReadOnlyList<SplitScore> Scores, TrainingOptions Options, string Model);

/// <summary>
/// Scores a saved run. On an Azure Quantum target the whole evaluation is planned first (jobs, circuits, shots and, where
/// the price is published, an estimated cost, reported before anything is sent), then either written as payloads (a dry
/// run), or refused when a paid target's cost was not confirmed (<see cref="SubmissionDeclinedException"/>), or run.
/// </summary>
public static class ModelEvaluation
{
    /// <summary>Shots per job on Azure when none are given.</summary>
    public const int DefaultAzureShots = 1000;

    /// <summary>Seed of local shot sampling when none is given.</summary>
    public const int DefaultSamplingSeed = 1;

    /// <summary>Runs the evaluation; returns null after a dry run (the payloads are on disk).</summary>
    /// <param name="request">What to score and how.</param>
    /// <param name="circuits">QSANN's circuits (their Q# project compiles QIR payloads).</param>
    /// <param name="info">Receives the plan, the estimate and job progress lines.</param>
    /// <param name="cancellationToken">Stops waiting (and downloads).</param>
    public static async Task<EvaluationReport?> RunAsync(EvaluationRequest request, ICircuitSource circuits, Action<string>? info = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(circuits);
        request.Validate();
        info ??= _ => { };
        if (request.Backend?.AzureTarget is { } target)
        {
            var shots = request.Azure?.Shots ?? DefaultAzureShots;
            var azure = await RunOnAzureAsync(request, target, shots, circuits, info, cancellationToken).ConfigureAwait(false);
            var providerNoise = request.Azure?.ProviderNoise is { } p ? $", provider noise {p} (natively {p.SimulatorModel.Spec}; device preset {p.NativePreset.Spec})" : "";
            return azure is null ? null : Label(azure, string.Create(CultureInfo.InvariantCulture, $"{request.Backend}, {shots} shots{providerNoise}"));
        }
        var seed = request.SamplingSeed ?? DefaultSamplingSeed;
        var report = await ScoreAsync(request, circuits, null, null, cancellationToken).ConfigureAwait(false);
        return Label(report, request.Backend?.LocalShots is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{request.Backend} (seed {seed})")
            : (request.Backend ?? report.Options.BackendChoice).ToString());
    }

    private static EvaluationReport Label(EvaluationReport report, string engine) =>
        report with { Model = report.Options.Model.Kind == ModelKind.Qsann ? $"qsann on {engine}" : "csann" };

    private static async Task<EvaluationReport?> RunOnAzureAsync(EvaluationRequest r, string targetId, int shots, ICircuitSource circuits, Action<string> info,
        CancellationToken cancellationToken)
    {
        var settings = r.Azure ?? new AzureEvaluationSettings(new AzureSettingsInput());
        var target = TargetCatalog.Find(targetId);
        QuantumServiceClient? client = null;
        if (settings.DryRunDirectory is null)
        {
            // Connect first: the workspace's live target list decides whether the target exists and how many qubits it has,
            // and the plan must pack circuits exactly as the run will.
            var resolved = await AzureSettings.Resolve(settings.Workspace).DiscoverAsync(settings.ClientOptions, info, cancellationToken).ConfigureAwait(false);
            info($"Workspace {resolved.Connection.WorkspaceName} at {resolved.Connection.Endpoint} ({resolved.Credential.Description}, api-version {resolved.ApiVersion}).");
            client = resolved.Client(settings.ClientOptions);
            target = await AzureEngines.CheckTargetAsync(client, targetId, cancellationToken).ConfigureAwait(false);
            info(string.Create(CultureInfo.InvariantCulture, $"{target.Id}: {target.Availability ?? "availability unknown"}, {target.MaxQubits} qubits{(target.AverageQueueTime is { } q ? $", average queue {q} s" : "")}."));
        }
        var format = settings.Format is null ? PayloadFormat.Qir : PayloadEncoder.Parse(settings.Format, target);

        // Later layers' circuits depend on earlier results, so the plan answers with exact values; the sizes are exact.
        // The plan packs into the limit of the mode the jobs run in, as the engine will.
        var limit = RegisterLimit.For(target, settings.ProviderNoise, settings.MaxQubits, AzureEvaluationSettings.Setting(nameof(settings.MaxQubits)));
        info(limit.Describe(target.Id));
        var planner = new SubmissionPlanner(limit.Qubits, new ShotEngineOptions(shots));
        var splits = new List<(string Split, int FirstSubmission)>();
        var planned = await ScoreAsync(r, circuits, (_, _) => planner, split => splits.Add((split, planner.Submissions.Count)), cancellationToken).ConfigureAwait(false);
        var estimate = planner.Estimate(target);
        var submissions = planner.Submissions.Count;
        info(string.Create(CultureInfo.InvariantCulture, $"Evaluating {string.Join(", ", splits.Select(s => s.Split))} on {target.Id} takes {submissions} submission(s): {estimate.Describe()}"));
        var quantum = format == PayloadFormat.Qir
            ? circuits.Workspace ?? throw new ArgumentException($"QIR payloads are compiled from the Q# project, which this circuit source does not have; use {AzureEvaluationSettings.Setting(nameof(settings.Format))} native.")
            : null;

        if (settings.DryRunDirectory is { } directory)
        {
            var encoder = new PayloadEncoder(target, format, quantum is null ? null : new QirProgramCompiler(quantum.Bridge, quantum.Project, planned.Options.Model.Depth), settings.ProviderNoise);
            var files = DryRunWriter.Write(directory, encoder, planner.AllPrograms(), shots, estimate, DryRunDetails(r, planner, splits, planned.Options), limit);
            info($"Dry run: nothing sent. Wrote {files.Count} files to {Path.GetFullPath(directory)}.");
            return null;
        }
        if (!(settings.ConfirmCost || estimate.Cost == 0)) throw new SubmissionDeclinedException(estimate, AzureEvaluationSettings.Setting(nameof(settings.ConfirmCost)));

        var sent = 0;
        var wait = JobWaitOptions.Default;
        await using var session = await AzureSession.OpenAsync(client!, target, $"qsan evaluate {Path.GetFileName(Path.GetFullPath(r.RunDirectory))}", info, cancellationToken).ConfigureAwait(false);
        var engineSettings = new AzureEngineSettings(target.Id, settings.Workspace, shots, format, limit.Qubits,
            Wait: new JobWaitOptions(wait.InitialDelay, wait.Factor, wait.MaxDelay, settings.Timeout ?? wait.Timeout, settings.CancelOnTimeout),
            Confirm: e =>
            {
                sent++;
                info(string.Create(CultureInfo.InvariantCulture, $"Submission {sent} of {submissions}."));
                return settings.ConfirmCost || e.Cost == 0;
            },
            Progress: new LineProgress(info), Session: session, Cancellation: cancellationToken, ProviderNoise: settings.ProviderNoise);
        return await session.RunAsync(() => ScoreAsync(r, circuits, (_, depth) => AzureEngines.Create(client!, target, engineSettings, quantum, depth), null, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>What plan.json records besides the jobs: the run, the shots and which jobs score which split.</summary>
    private static JsonObject DryRunDetails(EvaluationRequest r, SubmissionPlanner planner, List<(string Split, int FirstSubmission)> splits, TrainingOptions options)
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
            ["runDir"] = Path.GetFullPath(r.RunDirectory),
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

    /// <summary>Scores the run's splits (or the request's dataset or file) on the request's backend; remote targets open through <paramref name="remoteTargets"/>.</summary>
    private static async Task<EvaluationReport> ScoreAsync(EvaluationRequest r, ICircuitSource circuits, Func<string, int, IQuantumEngine>? remoteTargets,
        Action<string>? beforeSplit, CancellationToken cancellationToken)
    {
        var rows = new List<SplitScore>();
        // A seed given for local sampling replaces the run's own sampling stream.
        int? samplingSeed = r.Backend?.LocalShots is not null ? r.SamplingSeed ?? DefaultSamplingSeed : null;
        SplitScore Score(string split, ITrainableClassifier model, EncodedSentences sentences)
        {
            beforeSplit?.Invoke(split);
            return new SplitScore(split, TrainingLoop.Evaluate(model, sentences));
        }

        // The model in the framework asked for (the run's own unless the request names another).
        ITrainableClassifier InFramework(SentenceClassifier model, TrainingOptions options, ITrainableClassifier? own) =>
            r.Framework is not { } framework || framework == options.Framework ? own ?? TrainingFrameworks.Create(model, options)
                : TrainingFrameworks.Create(model, options with { Framework = framework });

        if (r.Dataset is null && r.File is null)
        {
            var state = await TrainingRunState.OpenAsync(r.RunDirectory, circuits, r.Backend, remoteTargets, samplingSeed, cancellationToken).ConfigureAwait(false);
            var trainable = InFramework(state.Model, state.Options, state.Trainable);
            foreach (var (split, part) in new[] { ("train", state.Train), ("validation", state.Validation), ("test", state.Test) })
            {
                if (r.Split is not null && r.Split != split) continue;
                if (split == "validation" && part.Count == 0)
                {
                    if (r.Split is not null) throw new ArgumentException($"The run in '{r.RunDirectory}' has no validation split.");
                    continue;
                }
                rows.Add(Score(split, trainable, part));
            }
            return new EvaluationReport(rows, state.Options, "");
        }

        var (classifier, vocabulary, checkpoint) = TrainingRunState.LoadModel(r.RunDirectory, circuits, r.Backend, remoteTargets, samplingSeed);
        var tokenizer = checkpoint.Options.Data.CreateTokenizer();
        IReadOnlyList<LabelledSentence> sentences;
        string name;
        if (r.File is { } file)
        {
            if (!System.IO.File.Exists(file)) throw new FileNotFoundException($"The file '{file}' does not exist.", file);
            sentences = SentenceFileReader.ReadFile(file);
            name = Path.GetFileName(file);
        }
        else
        {
            var (splits, _, _) = await new DataSpec(r.Dataset, DataDirectory: r.DataDirectory).LoadAsync(checkpoint.Options.Seed, cancellationToken).ConfigureAwait(false);
            sentences = splits.Test;
            name = $"{r.Dataset} test";
        }
        rows.Add(Score(name, InFramework(classifier, checkpoint.Options, null), EncodedSentences.Encode(sentences, tokenizer, vocabulary)));
        return new EvaluationReport(rows, checkpoint.Options, "");
    }

    /// <summary>Timestamped progress lines, reported on the polling thread in order.</summary>
    private sealed class LineProgress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {value}");
    }
}
