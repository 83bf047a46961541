using System.CommandLine;
using System.Globalization;
using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Results;
using QSan.Azure.Service;
using QSan.Quantum.Shots;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>azure status</c>, <c>azure results</c> and <c>azure cancel</c>: a job's state, its outcomes, and stopping it.</summary>
public static class AzureJobCommands
{
    /// <summary><c>azure status [JOB]</c>: one job in detail, or the latest jobs.</summary>
    public static Command Status(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = new AzureOptions();
        var job = new Argument<string?>("job") { Description = "A job id; without it, the latest jobs are listed.", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "How many jobs to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("status", "Show a job's status (or list the latest jobs).") { job, top };
        workspace.AddTo(command);
        command.SetAction((parse, ct) => AzureCliErrors.RunAsync(context, async () =>
        {
            var client = await workspace.ClientAsync(parse, context.AzureClientOptions, line => context.Error.WriteLine(line), ct).ConfigureAwait(false);
            if (parse.GetValue(job) is { } id)
            {
                PrintJob(context.Console, await client.GetJobAsync(id, ct).ConfigureAwait(false));
                return 0;
            }
            var jobs = await client.ListJobsAsync(parse.GetValue(top), ct).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in new[] { "id", "name", "target", "status", "created", "cost" }) table.AddColumn(column);
            foreach (var j in jobs.OrderByDescending(j => j.CreationTime))
                table.AddRow(Markup.Escape(j.Id ?? ""), Markup.Escape(j.Name ?? ""), Markup.Escape(j.Target ?? ""), Markup.Escape(j.Status ?? ""),
                    j.CreationTime?.ToString("u", CultureInfo.InvariantCulture) ?? "", Markup.Escape(Cost(j)));
            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    /// <summary><c>azure results JOB</c>: downloads and reads a finished job's output.</summary>
    public static Command Results(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = new AzureOptions();
        var job = new Argument<string>("job") { Description = "The job id." };
        var bits = new Option<int?>("--bits") { Description = "Results per shot, for jobs QSan did not submit (QSan's jobs record it in their metadata)." };
        var keep = new Option<string?>("--output-dir") { Description = "Where a failed job's own output is kept (default: $XDG_STATE_HOME/qsan/azure/failed-jobs or ~/.local/state/qsan/azure/failed-jobs)." };
        var command = new Command("results", "Download a finished job's results: outcome frequencies and, for QSan's jobs, every slot's per-qubit expectation.") { job, bits, keep };
        workspace.AddTo(command);
        command.SetAction((parse, ct) => AzureCliErrors.RunAsync(context, async () =>
        {
            var client = await workspace.ClientAsync(parse, context.AzureClientOptions, line => context.Error.WriteLine(line), ct).ConfigureAwait(false);
            var details = await client.GetJobAsync(parse.GetValue(job)!, ct).ConfigureAwait(false);
            if (!JobStatuses.IsTerminal(details.Status))
            {
                context.Console.MarkupLine($"Job {Markup.Escape(details.Id ?? "")} is {Markup.Escape(details.Status ?? "?")}; no results yet.");
                return 3;
            }
            // A failed job's own output, if any, is downloaded and kept beside its error.
            if (!JobStatuses.IsSuccess(details.Status)) throw await client.JobFailureAsync(details, parse.GetValue(keep) ?? AzureBackendOptions.DefaultFailedOutputDirectory(), ct).ConfigureAwait(false);
            var slots = details.Metadata?["qsan.slots"]?.GetValue<string>()?.Split(',') ?? [];
            var perSlot = int.TryParse(details.Metadata?["qsan.qubitsPerSlot"]?.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var bitCount = parse.GetValue(bits) ?? (slots.Length * perSlot is > 0 and var b ? b : throw new ArgumentException("The job has no QSan metadata; pass --bits (results per shot)."));
            var result = await client.GetResultAsync(details, bitCount, ct).ConfigureAwait(false);
            var histogram = result.Histogram;
            context.Console.MarkupLine($"Job {Markup.Escape(details.Id ?? "")} on {Markup.Escape(details.Target ?? "")}: {histogram.Outcomes.Length} distinct outcomes over {histogram.Shots} shots ({Markup.Escape(details.OutputDataFormat ?? "")}); {Markup.Escape(Cost(details))}");
            if (result.Note is { } note) context.Console.MarkupLine(Markup.Escape(note + "."));
            var top = new Table().Border(TableBorder.Rounded).Title("most frequent outcomes (result 0 first)");
            top.AddColumn("outcome");
            top.AddColumn("frequency");
            foreach (var o in histogram.Outcomes.OrderByDescending(o => o.Probability).Take(16))
                top.AddRow(OutcomeHistogram.Format(o.Bits, bitCount), o.Probability.ToString("0.0000", CultureInfo.InvariantCulture));
            context.Console.Write(top);
            if (perSlot > 0 && slots.Length * perSlot == bitCount)
            {
                var table = new Table().Border(TableBorder.Rounded).Title("per slot: expectation of the measured basis on each qubit");
                table.AddColumn("slot");
                for (var q = 0; q < perSlot; q++) table.AddColumn($"qubit {q}");
                for (var j = 0; j < slots.Length; j++)
                    table.AddRow([Markup.Escape(slots[j]), .. Enumerable.Range(0, perSlot).Select(q =>
                    {
                        var e = ExpectationEstimate.FromOneProbability(histogram.OneProbability(j * perSlot + q), histogram.Shots);
                        return string.Create(CultureInfo.InvariantCulture, $"{e.Value:0.000} ± {e.StandardError:0.000}");
                    })]);
                context.Console.Write(table);
            }
            return 0;
        }));
        return command;
    }

    /// <summary><c>azure cancel JOB</c>.</summary>
    public static Command Cancel(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = new AzureOptions();
        var job = new Argument<string>("job") { Description = "The job id." };
        var command = new Command("cancel", "Ask the service to cancel a job.") { job };
        workspace.AddTo(command);
        command.SetAction((parse, ct) => AzureCliErrors.RunAsync(context, async () =>
        {
            var client = await workspace.ClientAsync(parse, context.AzureClientOptions, line => context.Error.WriteLine(line), ct).ConfigureAwait(false);
            var id = parse.GetValue(job)!;
            await client.CancelJobAsync(id, ct).ConfigureAwait(false);
            var details = await client.GetJobAsync(id, ct).ConfigureAwait(false);
            context.Console.MarkupLine($"Cancellation requested; job {Markup.Escape(id)} is now {Markup.Escape(details.Status ?? "?")}.");
            return 0;
        }));
        return command;
    }

    private static void PrintJob(IAnsiConsole console, JobDetails job)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value) { if (!string.IsNullOrEmpty(value)) grid.AddRow(name, Markup.Escape(value)); }
        Row("id", job.Id);
        Row("name", job.Name);
        Row("target", $"{job.Target} ({job.ProviderId})");
        Row("status", job.Status);
        Row("formats", $"{job.InputDataFormat} → {job.OutputDataFormat}");
        Row("input params", job.InputParams?.ToJsonString());
        Row("created", job.CreationTime?.ToString("u", CultureInfo.InvariantCulture));
        Row("began", job.BeginExecutionTime?.ToString("u", CultureInfo.InvariantCulture));
        Row("ended", job.EndExecutionTime?.ToString("u", CultureInfo.InvariantCulture));
        Row("cancelled", job.CancellationTime?.ToString("u", CultureInfo.InvariantCulture));
        Row("cost", Cost(job));
        Row("error", job.ErrorData is { } e ? $"{e.Code}: {e.Message}" : null);
        Row("slots", job.Metadata?["qsan.slots"]?.GetValue<string>());
        Row("output", SasRedaction.Redact(job.OutputDataUri));
        console.Write(grid);
    }

    private static string Cost(JobDetails job) =>
        job.CostEstimate is { EstimatedTotal: { } total } c ? string.Create(CultureInfo.InvariantCulture, $"{total:0.####} {c.CurrencyCode} (provider's estimate)") : "";
}
