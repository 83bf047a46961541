using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Quantum.Shots;

namespace QSan.Quantum.Qsann;

/// <summary>An engine built for a backend, and how to restart its shot sampling.</summary>
/// <param name="Engine">Evaluates and differentiates the circuits.</param>
/// <param name="Reseed">
/// Restarts local shot sampling with a seed (training reseeds every epoch, so a resumed run draws what an uninterrupted
/// one does); null for exact engines and remote targets.
/// </param>
public sealed record BackendEngine(IDifferentiableEngine Engine, Action<int>? Reseed);

/// <summary>
/// The one place where a <see cref="BackendChoice"/> becomes an engine for QSANN's circuits: the native engine,
/// Microsoft's simulator or local shots here, and a remote target through <paramref name="remoteTargets"/> (the Azure
/// Quantum client plugs in there, so this layer does not depend on it). Every engine but the native one is
/// differentiated by parameter shift. A backend with a noise model runs on the density-matrix engine (exact noisy
/// expectations, adjoint gradients), or samples its expectations with local shots.
/// </summary>
/// <param name="circuits">The circuits' Q# project (Microsoft's simulator runs its operations).</param>
/// <param name="remoteTargets">Opens a shot engine on a remote target for circuits of a depth; null: none configured.</param>
public sealed class EngineFactory(ICircuitSource circuits, Func<string, int, IQuantumEngine>? remoteTargets = null)
{
    /// <summary>The circuit source the engines run.</summary>
    public ICircuitSource Circuits { get; } = circuits ?? throw new ArgumentNullException(nameof(circuits));

    /// <summary>Builds the engine for circuits of ansatz depth <paramref name="depth"/>.</summary>
    /// <param name="backend">Which engine.</param>
    /// <param name="depth">D of the circuits (Microsoft's simulator and remote payloads are compiled for it).</param>
    /// <param name="samplingSeed">Seed of local shot sampling.</param>
    public BackendEngine Create(BackendChoice backend, int depth, int samplingSeed = 1)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (backend.IsNoisy)
        {
            // WithNoise refuses the backends that cannot simulate noise; a record built by hand is checked here too.
            var noise = backend.Noise!;
            backend.WithNoise(noise);
            var density = new DensityMatrixEngine(noise);
            if (backend.LocalShots is not { } noisyShots) return new BackendEngine(density, null);
            var sampled = new SampledExpectationEngine(density, noisyShots, samplingSeed);
            return new BackendEngine(new ParameterShiftGradient(sampled), sampled.Reseed);
        }
        if (backend.LocalShots is { } shots)
        {
            var sampler = new LocalShotBackend(samplingSeed);
            return new BackendEngine(new ParameterShiftGradient(new ShotEngine(sampler, new ShotEngineOptions(shots))), sampler.Reseed);
        }
        if (backend.AzureTarget is { } target)
        {
            if (remoteTargets is null)
                throw new ArgumentException($"{backend} runs on Azure Quantum: evaluate the model there (a workspace is needed), or use {BackendChoice.ShotsPrefix}<count> to sample locally.");
            return new BackendEngine(new ParameterShiftGradient(remoteTargets(target, depth)), null);
        }
        return backend.Exact switch
        {
            Backend.Native => new BackendEngine(new NativeEngine(), null),
            // The Q# simulator runs the Q# operations and reads only slot values; parameter shift moves the slots.
            Backend.QSharp => new BackendEngine(new ParameterShiftGradient(Circuits.SimulatorEngine(depth)), null),
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown backend."),
        };
    }
}
