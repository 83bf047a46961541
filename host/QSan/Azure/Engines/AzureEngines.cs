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
    /// depth <paramref name="depth"/>; the native formats need neither.
    /// </summary>
    public static ShotEngine Create(AzureEngineSettings settings, QuantumWorkspace? quantum, int depth)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var target = TargetCatalog.Find(settings.Target);
        var format = settings.Format ?? PayloadFormat.Qir;
        var compiler = format == PayloadFormat.Qir
            ? new QirProgramCompiler((quantum ?? throw new ArgumentException("QIR payloads need the Q# project; pass the QuantumWorkspace or choose the ionq/qasm format.", nameof(quantum))).Bridge, quantum.Project, depth)
            : null;
        var resolved = AzureSettings.Resolve(settings.Workspace);
        var client = resolved.Client(settings.ClientOptions, settings.Credential);
        var backend = new AzureShotBackend(client, new PayloadEncoder(target, format, compiler),
            new AzureBackendOptions(settings.Wait ?? JobWaitOptions.Default, settings.MaxQubits, Confirm: settings.Confirm, Progress: settings.Progress));
        return new ShotEngine(backend, new ShotEngineOptions(settings.Shots, settings.Pack ? int.MaxValue : 1));
    }

}
