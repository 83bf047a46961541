using System.Text.Json.Nodes;
using QSan.Azure.Payloads;
using QSan.Azure.Results;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Shots;

namespace QSan.Azure.Engines;

/// <summary>
/// Runs packed programs as Azure Quantum jobs: shows the submission's size and cost first (<see cref="AzureBackendOptions.Confirm"/>),
/// submits one job per program (all of them before waiting, so they queue together), waits for each, and reads the results.
/// </summary>
public sealed class AzureShotBackend : IShotBackend
{
    private readonly QuantumServiceClient client;
    private readonly PayloadEncoder encoder;
    private readonly AzureBackendOptions options;

    /// <summary>Creates the backend.</summary>
    public AzureShotBackend(QuantumServiceClient client, PayloadEncoder encoder, AzureBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        this.client = client;
        this.encoder = encoder;
        this.options = options;
    }

    /// <inheritdoc/>
    public string Name => $"azure:{encoder.Target.Id}";

    /// <summary>The register limit of the mode the jobs run in (<see cref="RegisterLimit.For"/>), or <see cref="AzureBackendOptions.MaxQubits"/> within it.</summary>
    public RegisterLimit Limit => RegisterLimit.For(encoder.Target, encoder.ProviderNoise, options.MaxQubits, $"{nameof(AzureBackendOptions)}.{nameof(AzureBackendOptions.MaxQubits)}");

    /// <inheritdoc/>
    public int MaxQubits => Limit.Qubits;

    /// <summary>Ids of every job this backend submitted, in order.</summary>
    public IReadOnlyList<string> SubmittedJobs => submitted;

    private readonly List<string> submitted = [];

    /// <summary>Shots dropped so far for lost-qubit markers (each job's count is reported as it is read).</summary>
    public long LostQubitShots { get; private set; }

    /// <summary>Shots so far that truncated hardware histograms did not account for.</summary>
    public long MissingShots { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<OutcomeHistogram> Run(IReadOnlyList<PackedProgram> programs, int shots, CancellationToken cancellationToken) =>
        RunAsync(programs, shots, cancellationToken).GetAwaiter().GetResult();

    /// <summary>The asynchronous form of <see cref="Run"/>.</summary>
    public async Task<IReadOnlyList<OutcomeHistogram>> RunAsync(IReadOnlyList<PackedProgram> programs, int shots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programs);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, options.Cancellation);
        cancellationToken = linked.Token;
        Limit.Check(programs, encoder.Target.Id);
        var estimate = SubmissionEstimate.For(encoder.Target, programs, shots);
        options.Progress?.Report(estimate.Describe());
        if (options.Confirm is { } confirm && !confirm(estimate)) throw new SubmissionDeclinedException(estimate, $"{nameof(AzureBackendOptions)}.{nameof(AzureBackendOptions.Confirm)}");
        var payloads = programs.Select(p => encoder.Encode(p, shots)).ToArray();
        var jobs = new List<JobDetails>(programs.Count);
        // A session idle past Azure's timeout since the last batch is replaced before this batch joins it.
        var sessionId = options.Session is { } session ? await session.ForNextJobsAsync(cancellationToken).ConfigureAwait(false) : options.SessionId;
        for (var i = 0; i < programs.Count; i++)
        {
            var job = await client.SubmitJobAsync(payloads[i], encoder.Target, $"{options.JobNamePrefix}-{programs[i].Index}", Metadata(programs[i]), sessionId, cancellationToken,
                recovered: line => options.Progress?.Report(line)).ConfigureAwait(false);
            submitted.Add(job.Id!);
            options.Session?.Add(job);
            options.Submitted?.Invoke(job);
            jobs.Add(job);
            options.Progress?.Report($"submitted job {job.Id} ({i + 1}/{programs.Count}, {programs[i].Slots.Length} circuit(s), {payloads[i].InputDataFormat}) to {encoder.Target.Id}");
        }
        var results = new List<OutcomeHistogram>(programs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            string? last = null;
            var progress = new InlineProgress<JobDetails>(j =>
            {
                if (j.Status == last) return;
                last = j.Status;
                options.Progress?.Report($"job {j.Id}: {j.Status}");
            });
            var done = await client.WaitForJobAsync(jobs[i].Id!, options.Wait, progress, cancellationToken).ConfigureAwait(false);
            if (!JobStatuses.IsSuccess(done.Status))
                throw await client.JobFailureAsync(done, options.FailedOutputDirectory ?? AzureBackendOptions.DefaultFailedOutputDirectory(), cancellationToken).ConfigureAwait(false);
            var result = await client.GetResultAsync(done, programs[i].QubitCount, cancellationToken).ConfigureAwait(false);
            if (result.Note is { } note) options.Progress?.Report($"job {done.Id}: {note}.");
            LostQubitShots += result.LostQubitShots;
            MissingShots += result.MissingShots;
            results.Add(result.Histogram);
        }
        return results;
    }

    /// <summary>What QSan records with each job: the program's layout, so results can be read without QSan's state.</summary>
    public static JsonObject Metadata(PackedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new JsonObject
        {
            ["qsan.qubitsPerSlot"] = program.QubitsPerSlot.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["qsan.slots"] = string.Join(",", program.Slots.Select(s => s.Name)),
        };
    }

    // Progress<T> posts to the thread pool; this reports on the polling thread, in order.
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
