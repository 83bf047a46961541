using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Azure.Payloads;
using QSan.Azure.Targets;
using QSan.Evaluation;
using QSan.Quantum.Engine;
using QSan.Training;
using Spectre.Console;

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
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = new Argument<string>("run") { Description = "The run folder (written by train)." };
        var dataset = new Option<string?>("--dataset", "-d") { Description = "Score the test split of this dataset (split with the run's seed)." };
        var file = new Option<string?>("--file") { Description = "Score every sentence of this file." };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Folder with the datasets' files." };
        var split = new Option<string?>("--split") { Description = "Score only this split of the run: train, validation or test (fewer circuits on hardware)." };
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
        var noise = CommonOptions.Noise();
        var seed = new Option<int?>("--seed") { Description = $"Seed of the local shot sampling (--backend shots:N; default {ModelEvaluation.DefaultSamplingSeed})." };
        var shots = new Option<int?>("--shots") { Description = $"Azure: shots per job (default {ModelEvaluation.DefaultAzureShots})." };
        var format = new Option<string?>("--format") { Description = "Azure: payload format, qir (default, compiled from Q#), native (ionq for IonQ, qasm for Quantinuum), ionq or qasm." };
        var maxQubits = new Option<int?>("--max-qubits") { Description = "Azure: register size to pack circuits into (default: the target's)." };
        var dryRun = new Option<string?>("--dry-run") { Description = "Azure: write the payloads of the whole evaluation to this folder and send nothing." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Azure: confirm the estimated cost of a paid target." };
        var timeout = new Option<double>("--timeout") { Description = "Azure: seconds to wait for each job.", DefaultValueFactory = _ => 7200 };
        var cancelOnTimeout = new Option<bool>("--cancel-on-timeout") { Description = "Azure: cancel a job that is still running when the timeout passes." };
        var providerNoise = CommonOptions.ProviderNoise();
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var framework = CommonOptions.Framework("the run's own");
        var workspace = new AzureOptions();
        var command = new Command("evaluate", "Score a saved run on its splits, another dataset, or a file; locally, with shots, or on Azure Quantum.")
        {
            directory, dataset, file, dataDirectory, split, backend, noise, seed, shots, format, maxQubits, dryRun, yes, timeout, cancelOnTimeout, providerNoise, framework, json, quantumDir,
        };
        workspace.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () => RunAsync(context, new EvaluationRequest(
            parse.GetValue(directory)!, BackendChoice.Resolve(parse.GetValue(backend) is { } text ? BackendChoice.Parse(text) : null, parse.GetValue(noise)), parse.GetValue(split), parse.GetValue(dataset),
            parse.GetValue(file), parse.GetValue(dataDirectory), parse.GetValue(seed),
            new AzureEvaluationSettings(workspace.Read(parse), parse.GetValue(shots), parse.GetValue(format), parse.GetValue(maxQubits), parse.GetValue(dryRun),
                parse.GetValue(yes), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(cancelOnTimeout), context.AzureClientOptions,
                parse.GetValue(providerNoise) is { } provider ? ProviderNoise.Parse(provider) : null), CommonOptions.ParseFramework(parse.GetValue(framework))),
            parse.GetValue(json), parse.GetValue(quantumDir), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, EvaluationRequest request, bool json, string? quantumDirectory, CancellationToken cancellationToken)
    {
        request.Validate();
        var circuits = context.CircuitSource(quantumDirectory);
        try
        {
            // The plan, the estimate and job progress go to standard error when standard output holds the JSON.
            var info = json ? context.Error : context.Output;
            var report = await ModelEvaluation.RunAsync(request, circuits, line => info.WriteLine(SettingFlags.ToFlags(line)), cancellationToken).ConfigureAwait(false);
            if (report is not null) await PrintAsync(context, request.RunDirectory, json, report).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            (circuits as IDisposable)?.Dispose();
        }
    }

    private static async Task PrintAsync(CliContext context, string directory, bool json, EvaluationReport report)
    {
        if (json)
        {
            var rows = report.Scores.Select(s => new { split = s.Split, accuracy = s.Score.Accuracy, loss = s.Score.Loss, sentences = s.Score.Count });
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { runDir = Path.GetFullPath(directory), model = report.Model, scores = rows }, Json.Compact)).ConfigureAwait(false);
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{directory}: {report.Model}"));
        table.AddColumn("split");
        table.AddColumn(new TableColumn("sentences").RightAligned());
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        table.AddColumn(new TableColumn("loss").RightAligned());
        foreach (var (split, score) in report.Scores)
            table.AddRow(Markup.Escape(split), score.Count.ToString(CultureInfo.InvariantCulture),
                score.Accuracy.ToString("0.00%", CultureInfo.InvariantCulture), score.Loss.ToString("0.####", CultureInfo.InvariantCulture));
        context.Console.Write(table);
    }
}
