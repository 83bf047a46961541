using System.CommandLine;
using QSan.Quantum.Noise;

namespace QSan.Cli;

/// <summary>Options several commands share, defined once so names, defaults and checks agree.</summary>
public static class CommonOptions
{
    /// <summary><c>--qubits</c>: n ≥ 1.</summary>
    public static Option<int> Qubits(int defaultValue = 4)
    {
        var option = new Option<int>("--qubits", "-n") { Description = "Number of qubits n per token.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--qubits must be at least 1."); });
        return option;
    }

    /// <summary><c>--depth</c>: D ≥ 0.</summary>
    public static Option<int> Depth(int defaultValue = 1)
    {
        var option = new Option<int>("--depth", "-D") { Description = "Ansatz depth D (entangling layers).", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--depth must be at least 0."); });
        return option;
    }

    /// <summary><c>--quantum-dir</c>: the Q# project.</summary>
    public static Option<string?> QuantumDirectory() =>
        new("--quantum-dir") { Description = "The Q# project folder (default: quantum/ of this repository, or $QSAN_QUANTUM)." };

    /// <summary><c>--noise</c>: a noise model for the circuits, parsed (and checked) with the command line.</summary>
    public static Option<NoiseModel?> Noise() => new("--noise")
    {
        Description = $"Simulate noise on the circuits (density matrices; with shots:N, sampled): {NoiseModel.AcceptedForms}.",
        CustomParser = r =>
        {
            try { return NoiseModel.Parse(r.Tokens.Single().Value); }
            catch (NoiseException e)
            {
                r.AddError(e.Message);
                return null;
            }
        },
    };

    /// <summary><c>--provider-noise</c>: IonQ's hardware noise model on azure:ionq.simulator, checked when parsed.</summary>
    public static Option<string?> ProviderNoise()
    {
        var option = new Option<string?>("--provider-noise")
        {
            Description = $"Azure, ionq.simulator only: IonQ's hardware noise model, sent as inputParams.noise ({QSan.Azure.Targets.ProviderNoise.AcceptedForms}); aria-1 corresponds to --noise ionq-aria, forte-1 to ionq-forte.",
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is not { } value) return;
            try { QSan.Azure.Targets.ProviderNoise.Parse(value); }
            catch (ArgumentException e) { r.AddError(SettingFlags.ToFlags(e.Message)); }
        });
        return option;
    }

    /// <summary><c>--framework</c>: what runs the classical half of the model (QSan's autograd or TorchSharp).</summary>
    public static Option<string?> Framework(string defaultText)
    {
        var option = new Option<string?>("--framework")
        {
            Description = $"qsan (QSan's own autograd and Adam) or torchsharp (the same model as TorchSharp modules, LibTorch's autograd and torch.optim.Adam); default {defaultText}.",
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } value && ParseFramework(value) is null) r.AddError($"Unknown value '{value}' for --framework: use qsan or torchsharp.");
        });
        return option;
    }

    /// <summary>The framework a <c>--framework</c> value names, or null.</summary>
    public static QSan.Training.TrainingFramework? ParseFramework(string? value) => value switch
    {
        "qsan" => QSan.Training.TrainingFramework.QSan,
        "torchsharp" => QSan.Training.TrainingFramework.TorchSharp,
        _ => null,
    };

    /// <summary><c>--json</c>: one JSON object on stdout instead of tables.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of tables." };
}
