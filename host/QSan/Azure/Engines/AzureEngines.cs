using QSan.Azure.Connection;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Azure.Engines;

/// <summary>
/// Entry points for running QSan's circuits with shots: on an Azure Quantum target (<c>--backend azure:&lt;target&gt;</c>) or
/// locally. The engines implement <see cref="IQuantumEngine"/>, so a model evaluates on them unchanged; wrap one in
/// <see cref="ParameterShiftGradient"/> (<see cref="Differentiable"/>) to train on shots.
/// </summary>
public static class AzureEngines
{
    /// <summary>The backend prefix: "azure:ionq.simulator".</summary>
    public const string BackendPrefix = "azure:";

    /// <summary>Whether <paramref name="backend"/> names an Azure target, and which.</summary>
    public static bool TryParseBackend(string? backend, out string target)
    {
        target = "";
        if (backend is null || !backend.StartsWith(BackendPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        target = backend[BackendPrefix.Length..].Trim();
        return target.Length > 0;
    }

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
        var client = new QuantumServiceClient(resolved.Connection, settings.Credential ?? resolved.Credential, settings.ClientOptions);
        var backend = new AzureShotBackend(client, new PayloadEncoder(target, format, compiler),
            new AzureBackendOptions(settings.Wait ?? JobWaitOptions.Default, settings.MaxQubits, Confirm: settings.Confirm, Progress: settings.Progress));
        return new ShotEngine(backend, new ShotEngineOptions(settings.Shots, settings.Pack ? int.MaxValue : 1));
    }

    /// <summary>A shot engine that samples locally from exact outcome distributions (no network).</summary>
    public static ShotEngine CreateLocal(int shots, int seed = 1, int maxQubits = 64, bool pack = true) =>
        new(new LocalShotBackend(seed, maxQubits), new ShotEngineOptions(shots, pack ? int.MaxValue : 1));

    /// <summary>Parameter-shift gradients on top of a shot engine (two evaluations per rotation gate).</summary>
    public static IDifferentiableEngine Differentiable(IQuantumEngine engine) => new ParameterShiftGradient(engine);
}
