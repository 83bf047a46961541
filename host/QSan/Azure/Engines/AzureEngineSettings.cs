using QSan.Azure.Connection;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;

namespace QSan.Azure.Engines;

/// <summary>Everything needed to evaluate circuits on an Azure Quantum target.</summary>
/// <param name="Target">The target id, e.g. "ionq.simulator".</param>
/// <param name="Workspace">Workspace settings given explicitly (the rest come from the environment or the config file).</param>
/// <param name="Shots">Shots per job.</param>
/// <param name="Format">Payload format (null: QIR).</param>
/// <param name="MaxQubits">Register size to pack into (null: the target's).</param>
/// <param name="Pack">Whether to pack several circuits into one job.</param>
/// <param name="Wait">Polling and timeout.</param>
/// <param name="Confirm">Sees every submission's estimate first; false stops it (null: submit without asking).</param>
/// <param name="Progress">Receives progress lines.</param>
/// <param name="ClientOptions">Azure.Core options (retries, transport).</param>
/// <param name="Credential">Overrides the credential the settings would choose.</param>
/// <param name="SessionId">Submit the jobs into this session (null: none).</param>
/// <param name="Submitted">Told of every job as soon as it is submitted.</param>
/// <param name="Cancellation">Stops submitting and waiting (Ctrl+C).</param>
/// <param name="ProviderNoise">IonQ's noise model on ionq.simulator, sent in every job's input parameters (null: none).</param>
/// <param name="Session">The session the jobs go into, renewed after a pause past Azure's idle timeout (overrides <paramref name="SessionId"/>).</param>
public sealed record AzureEngineSettings(string Target, AzureSettingsInput Workspace, int Shots = 1000, PayloadFormat? Format = null,
    int? MaxQubits = null, bool Pack = true, JobWaitOptions? Wait = null, Func<SubmissionEstimate, bool>? Confirm = null,
    IProgress<string>? Progress = null, QuantumClientOptions? ClientOptions = null, WorkspaceCredential? Credential = null,
    string? SessionId = null, Action<JobDetails>? Submitted = null, CancellationToken Cancellation = default, ProviderNoise? ProviderNoise = null, AzureSession? Session = null);
