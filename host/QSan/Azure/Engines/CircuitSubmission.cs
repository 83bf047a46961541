using System.Text.Json.Nodes;
using QSan.Azure.Connection;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Azure.Engines;

/// <summary>What <see cref="CircuitSubmission"/> runs: the QSANN token circuits of random tokens on a target.</summary>
/// <param name="Target">The target id, e.g. ionq.simulator.</param>
/// <param name="Workspace">Workspace settings given explicitly (the rest come from the environment or the config file).</param>
/// <param name="Qubits">n, qubits per token.</param>
/// <param name="Depth">D, the ansatz depth.</param>
/// <param name="Tokens">Random tokens to evaluate.</param>
/// <param name="Seed">Seed of the random angles and weights (uniform in [0, π)).</param>
/// <param name="Shots">Shots per job.</param>
/// <param name="Format">Payload format: qir (default, compiled from Q#), native, ionq or qasm.</param>
/// <param name="MaxQubits">Register size to pack circuits into, or null for the target's.</param>
/// <param name="Pack">Whether several circuits share a job.</param>
/// <param name="DryRunDirectory">Write the payloads here and send nothing, or null to submit.</param>
/// <param name="ConfirmCost">Whether the user accepted the estimated cost of a paid target.</param>
/// <param name="Timeout">How long to wait for the jobs, or null for the default.</param>
/// <param name="CancelOnTimeout">Cancel jobs still running when the timeout passes.</param>
/// <param name="QuantumDirectory">The Q# project, or null for the repository's.</param>
/// <param name="ClientOptions">Azure.Core options of the client (null: the defaults).</param>
/// <param name="ProviderNoise">IonQ's noise model on ionq.simulator (null: none); the exact values are then those of IonQ's model on the native engine.</param>
public sealed record CircuitSubmissionRequest(string Target, AzureSettingsInput Workspace, int Qubits = 4, int Depth = 1, int Tokens = 1, int Seed = 1,
    int Shots = 500, string? Format = null, int? MaxQubits = null, bool Pack = true, string? DryRunDirectory = null, bool ConfirmCost = false,
    TimeSpan? Timeout = null, bool CancelOnTimeout = false, string? QuantumDirectory = null, QuantumClientOptions? ClientOptions = null,
    ProviderNoise? ProviderNoise = null);

/// <summary>What a submission produced: the estimates with their standard errors next to the exact values, or the dry run's files.</summary>
/// <param name="Family">The circuits that ran.</param>
/// <param name="Tokens">Tokens evaluated.</param>
/// <param name="Estimates">Expectations estimated from shots (empty after a dry run).</param>
/// <param name="StandardErrors">Their standard errors (empty after a dry run).</param>
/// <param name="Exact">The native engine's exact values of the same expectations (under IonQ's noise model, <see cref="ProviderNoise.SimulatorModel"/>, if one was asked for).</param>
/// <param name="Jobs">The submitted jobs' ids.</param>
/// <param name="DryRunFiles">The files a dry run wrote (empty otherwise).</param>
public sealed record CircuitSubmissionResult(QsannCircuitFamily Family, int Tokens, IReadOnlyList<double> Estimates, IReadOnlyList<double> StandardErrors,
    IReadOnlyList<double> Exact, IReadOnlyList<string> Jobs, IReadOnlyList<string> DryRunFiles);

/// <summary>
/// Runs the QSANN circuits of random tokens on an Azure Quantum target — query, key and the value in each basis — packed
/// into as few jobs as the target's register allows: the workspace's live target list first, then the size and cost,
/// then either the payloads written (a dry run) or, once a paid target's cost is confirmed, the jobs in a session.
/// </summary>
public static class CircuitSubmission
{
    /// <summary>Runs the request; <paramref name="info"/> gets the workspace, the estimate and job progress.</summary>
    /// <exception cref="SubmissionDeclinedException">A paid target's cost was not confirmed; nothing was sent.</exception>
    public static async Task<CircuitSubmissionResult> RunAsync(CircuitSubmissionRequest r, Action<string> info, IProgress<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(progress);
        if (r.Tokens < 1 || r.Shots < 1) throw new ArgumentException($"{Setting(nameof(r.Tokens))} and {Setting(nameof(r.Shots))} must be at least 1.");
        var target = TargetCatalog.Find(r.Target);
        r.ProviderNoise?.CheckTarget(r.Target);
        QuantumServiceClient? client = null;
        if (r.DryRunDirectory is null)
        {
            // The workspace's live list decides whether the target exists and how many qubits the programs may use.
            var resolved = await AzureSettings.Resolve(r.Workspace).DiscoverAsync(r.ClientOptions, info, cancellationToken).ConfigureAwait(false);
            info($"Workspace {resolved.Connection.WorkspaceName} at {resolved.Connection.Endpoint} ({resolved.Credential.Description}, api-version {resolved.ApiVersion}).");
            client = resolved.Client(r.ClientOptions);
            target = await AzureEngines.CheckTargetAsync(client, r.Target, cancellationToken).ConfigureAwait(false);
        }
        var format = r.Format is null ? PayloadFormat.Qir : PayloadEncoder.Parse(r.Format, target);
        using var quantum = QuantumWorkspace.Open(r.QuantumDirectory);
        var family = quantum.Circuits(r.Qubits, r.Depth);
        var circuit = family.Circuit;
        var random = new Random(r.Seed);
        var inputs = Enumerable.Range(0, r.Tokens * circuit.InputCount).Select(_ => random.NextDouble() * Math.PI).ToArray();
        var weights = Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * Math.PI).ToArray();
        var exact = new double[r.Tokens * circuit.ObservableCount];
        // With IonQ's noise model the reference is that model itself on the density-matrix engine.
        IQuantumEngine reference = r.ProviderNoise is { SimulatorModel.IsNoiseless: false } noise ? new DensityMatrixEngine(noise.SimulatorModel) : new NativeEngine();
        reference.Forward(circuit, r.Tokens, inputs, weights, exact);
        if (r.ProviderNoise is { } requested)
            info($"Provider noise: IonQ's {requested.Model} model on {target.Id} (inputParams.noise); exact values: the native engine under IonQ's formula, {requested.SimulatorModel.Spec}; QSan's preset of the device: {requested.NativePreset.Spec}.");
        var encoder = new PayloadEncoder(target, format, format == PayloadFormat.Qir ? new QirProgramCompiler(quantum.Bridge, quantum.Project, r.Depth) : null, r.ProviderNoise);
        // Pack into the limit of the mode the jobs run in (an emulator's or a noise model's may be below the device's).
        var limit = RegisterLimit.For(target, r.ProviderNoise, r.MaxQubits, Setting(nameof(r.MaxQubits)));
        info(limit.Describe(target.Id));
        var maxQubits = limit.Qubits;
        var packing = new ShotEngineOptions(r.Shots, r.Pack ? int.MaxValue : 1);
        var programs = new ShotEngine(new LocalShotBackend(maxQubits: maxQubits), packing).Programs(circuit, r.Tokens, inputs, weights);
        var estimate = SubmissionEstimate.For(target, programs, r.Shots);
        info(estimate.Describe());

        if (r.DryRunDirectory is { } directory)
        {
            var extra = new JsonObject
            {
                ["qubits"] = r.Qubits, ["depth"] = r.Depth, ["tokens"] = r.Tokens, ["seed"] = r.Seed,
                ["inputs"] = new JsonArray([.. inputs.Select(v => (JsonNode)JsonValue.Create(v))]),
                ["weights"] = new JsonArray([.. weights.Select(v => (JsonNode)JsonValue.Create(v))]),
            };
            var files = DryRunWriter.Write(directory, encoder, programs, r.Shots, estimate, extra, limit);
            return new CircuitSubmissionResult(family, r.Tokens, [], [], exact, [], files);
        }

        if (!(r.ConfirmCost || estimate.Cost == 0)) throw new SubmissionDeclinedException(estimate, Setting(nameof(r.ConfirmCost)));
        await using var session = await AzureSession.OpenAsync(client!, target, "qsan azure submit", progress.Report, cancellationToken).ConfigureAwait(false);
        var wait = JobWaitOptions.Default;
        var backend = new AzureShotBackend(client!, encoder, new AzureBackendOptions(
            new JobWaitOptions(wait.InitialDelay, wait.Factor, wait.MaxDelay, r.Timeout ?? wait.Timeout, r.CancelOnTimeout),
            maxQubits, Confirm: e => r.ConfirmCost || e.Cost == 0, Progress: progress, Session: session, Cancellation: cancellationToken));
        var engine = new ShotEngine(backend, packing);
        var result = await session.RunAsync(() => Task.Run(() => engine.Estimate(circuit, r.Tokens, inputs, weights, cancellationToken), cancellationToken)).ConfigureAwait(false);
        return new CircuitSubmissionResult(family, r.Tokens, result.Expectations, result.StandardErrors, exact, [.. backend.SubmittedJobs], []);
    }

    /// <summary>How messages name a request's setting: <c>CircuitSubmissionRequest.Shots</c>.</summary>
    private static string Setting(string property) => $"{nameof(CircuitSubmissionRequest)}.{property}";
}
