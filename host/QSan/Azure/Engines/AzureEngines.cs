using QSan.Azure.Connection;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Azure.Engines;

/// <summary>
/// Runs QSan's circuits with shots on an Azure Quantum target (<c>--backend azure:&lt;target&gt;</c>). The engine implements
/// <see cref="IQuantumEngine"/>, so a model evaluates on it unchanged (<see cref="QSan.Quantum.Qsann.EngineFactory"/> plugs it in).
/// </summary>
public static class AzureEngines
{
    /// <summary>
    /// A shot engine on an Azure Quantum target. QIR payloads are compiled from <paramref name="quantum"/>'s Q# project at
    /// depth <paramref name="depth"/>; the native formats need neither. Connects to the workspace and checks the target
    /// against its live list first (<see cref="CheckTargetAsync"/>).
    /// </summary>
    public static ShotEngine Create(AzureEngineSettings settings, QuantumWorkspace? quantum, int depth)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TargetCatalog.Find(settings.Target);
        settings.ProviderNoise?.CheckTarget(settings.Target);
        var client = AzureSettings.Resolve(settings.Workspace).ConnectAsync(settings.ClientOptions, settings.Progress is { } p ? p.Report : null, settings.Cancellation, settings.Credential)
            .GetAwaiter().GetResult();
        var target = CheckTargetAsync(client, settings.Target, settings.Cancellation).GetAwaiter().GetResult();
        return Create(client, target, settings, quantum, depth);
    }

    /// <summary>A shot engine on <paramref name="target"/> through <paramref name="client"/> (already connected and checked).</summary>
    public static ShotEngine Create(QuantumServiceClient client, TargetInfo target, AzureEngineSettings settings, QuantumWorkspace? quantum, int depth)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var format = settings.Format ?? PayloadFormat.Qir;
        var compiler = format == PayloadFormat.Qir
            ? new QirProgramCompiler((quantum ?? throw new ArgumentException("QIR payloads need the Q# project; pass the QuantumWorkspace or choose the ionq/qasm format.", nameof(quantum))).Bridge, quantum.Project, depth)
            : null;
        var backend = new AzureShotBackend(client, new PayloadEncoder(target, format, compiler, settings.ProviderNoise),
            new AzureBackendOptions(settings.Wait ?? JobWaitOptions.Default, settings.MaxQubits, Confirm: settings.Confirm, Progress: settings.Progress,
                SessionId: settings.SessionId, Submitted: settings.Submitted, Cancellation: settings.Cancellation, Session: settings.Session));
        return new ShotEngine(backend, new ShotEngineOptions(settings.Shots, settings.Pack ? int.MaxValue : 1));
    }

    /// <summary>
    /// The target <paramref name="id"/> as the workspace offers it now: refused when retired or not offered (the message
    /// names the current targets), with the live register size and availability (<see cref="TargetCatalog.Check"/>).
    /// </summary>
    public static async Task<TargetInfo> CheckTargetAsync(QuantumServiceClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        TargetCatalog.Find(id);
        return TargetCatalog.Check(id, await client.GetProviderStatusAsync(cancellationToken).ConfigureAwait(false));
    }
}
