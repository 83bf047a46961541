using System.Globalization;
using System.Text.Json.Nodes;
using QSan.Quantum.Noise;

namespace QSan.Azure.Targets;

/// <summary>
/// IonQ's hardware noise model on its simulator, asked for through the Azure job's input parameters
/// (<c>ProviderNoise.Parse("aria-1")</c>; <c>--provider-noise aria-1</c> on the command line): <c>"inputParams": {"shots": N, "noise": {"model": "aria-1", "seed": S}}</c>.
/// Sources, read 2026-11-29:
/// <list type="bullet">
/// <item>Microsoft Learn, IonQ provider, "Noise model simulation" (https://learn.microsoft.com/azure/quantum/provider-ionq;
/// MicrosoftDocs/quantum-docs articles/provider-ionq.md, ms.date 09/17/2025, commit bdaf6226): capabilities are used "via
/// pass-through parameters in the Azure Quantum Q# and Qiskit providers"; parameter <c>noise</c> with <c>model</c>
/// (<c>ideal</c>, <c>aria-1</c>) and <c>seed</c> ("Integer between 1 and 2^31"); <c>shots</c> "is required for aria-1
/// noise models"; example <c>option_params = {"noise": {"model": "aria-1", "seed": 1000}}</c> passed as
/// <c>target.submit(..., shots=10, input_params=option_params)</c>.</item>
/// <item>azure-quantum-python (commit e7c9490a) <c>azure/quantum/target/ionq.py</c> <c>IonQ.submit(circuit, name, shots,
/// input_params)</c> hands <c>input_params</c> to the job unchanged, and <c>qiskit/backends/backend.py</c>
/// <c>_get_input_params</c> ("Backend options are mapped to input_params") puts <c>update_options(noise=…)</c> there too:
/// the noise object is a key of the job's <c>inputParams</c>, beside <c>shots</c>.</item>
/// <item>IonQ, "Simulation with noise models" (https://docs.ionq.com/guides/simulation-with-noise-models): the simulator's
/// models are <c>aria-1</c>, <c>aria-2</c>, <c>forte-1</c>, <c>harmony</c> and <c>ideal</c>; each is a depolarizing
/// channel after every gate, one-qubit K₀ = √(1 − 3r₁/4) I, Kᵢ = √(r₁/4) σᵢ and two-qubit K₀₀ = √(1 − 15r₂/16) I⊗I,
/// Kᵢⱼ = √(r₂/16) σᵢ⊗σⱼ, with r₁, r₂ = 0.0005, 0.0133 (Aria 1) and 0.000266…, 0.004949… (Forte 1).</item>
/// </list>
/// Microsoft lists only <c>ideal</c> and <c>aria-1</c> (checked again 2026-11-29: provider-ionq.md last changed in commit
/// 767bdcb1, 2026-08-13); <c>forte-1</c> is IonQ's name for its Forte model, accepted here
/// with that caveat in the dry run. Aria 2 and Harmony are retired targets (Harmony's model has an unpublished formula)
/// and are refused. Only <c>ionq.simulator</c> runs the models: on a QPU target the key would describe nothing.
/// </summary>
/// The exact values such a job estimates are those of <see cref="SimulatorModel"/> (IonQ's formula, native); the device's
/// hardware preset (<see cref="NativePreset"/>) is shown beside it.
/// <param name="Model">The IonQ model name: ideal, aria-1 or forte-1.</param>
/// <param name="Seed">The seed of IonQ's noise and shot sampling (1 … 2³¹), or null for a random one chosen by the service.</param>
public sealed record ProviderNoise(string Model, long? Seed = null)
{
    /// <summary>The one target that runs IonQ's noise models.</summary>
    public const string Target = "ionq.simulator";

    /// <summary>The largest seed Microsoft's page allows (2³¹).</summary>
    public const long MaxSeed = 1L << 31;

    /// <summary>The forms <see cref="Parse"/> accepts, for messages.</summary>
    public const string AcceptedForms = "ideal, aria-1 or forte-1, optionally with a seed: aria-1:42";

    /// <summary>
    /// The models accepted: the native preset of the same device, IonQ's published depolarizing parameters (r₁, r₂), and the
    /// qubits IonQ's simulator allows with the model (25 for Aria 1; "up to 29" for Forte 1).
    /// </summary>
    private static readonly Dictionary<string, (NoiseModel Native, double R1, double R2, int Qubits, bool ListedByMicrosoft)> Models = new(StringComparer.Ordinal)
    {
        ["ideal"] = (NoiseModel.None, 0, 0, 29, true),
        ["aria-1"] = (NoiseModel.IonQAria, 0.0005, 0.0133, 25, true),
        ["forte-1"] = (NoiseModel.IonQForte, 0.0002666666666666667, 0.004949333333333333, 29, false),
    };

    /// <summary>Reads <c>model</c> or <c>model:seed</c>; throws <see cref="ArgumentException"/> naming <c>ProviderNoise</c>.</summary>
    public static ProviderNoise Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        var model = parts[0].Trim().ToLowerInvariant();
        if (!Models.ContainsKey(model))
        {
            var why = model switch
            {
                "aria-2" => " (Aria 2 is retired on Azure Quantum)",
                "harmony" => " (Harmony is retired, and IonQ does not publish its model's formula, so there is no native preset to compare with)",
                _ => "",
            };
            throw new ArgumentException($"Unknown value '{parts[0]}' for {nameof(ProviderNoise)}{why}: use {AcceptedForms}.");
        }
        if (parts.Length == 1) return new ProviderNoise(model);
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seed) || seed < 1 || seed > MaxSeed)
            throw new ArgumentException($"{nameof(ProviderNoise)} '{text}': the seed after ':' must be a whole number from 1 to {MaxSeed} (IonQ's range on Azure).");
        return new ProviderNoise(model, seed);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <c>ProviderNoise</c> unless <paramref name="target"/> is IonQ's simulator.</summary>
    public ProviderNoise CheckTarget(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.Equals(Target, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{nameof(ProviderNoise)} asks IonQ's simulator for a hardware noise model; it needs target {Target} (backend azure:{Target}), not {target}.");
        return this;
    }

    /// <summary>QSan's preset for the same device (ionq-aria for aria-1, ionq-forte for forte-1; none for ideal).</summary>
    public NoiseModel NativePreset => Models[Model].Native;

    /// <summary>
    /// IonQ's simulator model itself as a QSan model, what a job with it estimates: K₀ = √(1 − 3r₁/4) I, Kᵢ = √(r₁/4) σᵢ
    /// is depolarizing with error probability 3r₁/4 after every one-qubit gate, and the two-qubit Kraus set is
    /// <c>pair-depolarizing</c> with 15r₂/16; IonQ's model has no readout error. For Aria 1 it is noisier than the preset
    /// built from Microsoft's fidelity table (two-qubit 99.0 % against 99.6 %), so a comparison with the hardware needs both.
    /// </summary>
    public NoiseModel SimulatorModel
    {
        get
        {
            var (_, r1, r2, qubits, _) = Models[Model];
            if (Model == "ideal") return NoiseModel.None;
            // Rounded to 12 decimals so the spec reads as the figures (15/16 · 0.0133 is 0.012468749999999999 in binary).
            return NoiseModel.Parse(string.Create(CultureInfo.InvariantCulture,
                $"1q@depolarizing:{Math.Round(0.75 * r1, 12):R}+{NoiseModel.PairDepolarizingName}:{Math.Round(15.0 / 16 * r2, 12):R}")) with { MaxQubits = qubits };
        }
    }

    /// <summary>Adds <c>"noise": {"model": …, "seed": …}</c> to a job's input parameters.</summary>
    public void WriteTo(JsonObject inputParams)
    {
        ArgumentNullException.ThrowIfNull(inputParams);
        var noise = new JsonObject { ["model"] = Model };
        if (Seed is { } seed) noise["seed"] = seed;
        inputParams["noise"] = noise;
    }

    /// <summary>The provider model, its native equivalent and the device's preset, for dry runs.</summary>
    public JsonObject Describe()
    {
        var (native, r1, r2, _, listed) = Models[Model];
        return new JsonObject
        {
            ["model"] = Model,
            ["seed"] = Seed,
            ["inputParams"] = "noise: {model, seed}, beside shots",
            ["ionqModel"] = Model == "ideal" ? "no noise" : string.Create(CultureInfo.InvariantCulture,
                $"depolarizing after every gate, r1q = {r1:R}, r2q = {r2:R} (two-qubit channel on the pair; docs.ionq.com/guides/simulation-with-noise-models)"),
            ["nativeEquivalent"] = SimulatorModel.Spec,
            ["nativePreset"] = native.Spec,
            ["nativeChannels"] = new JsonObject
            {
                ["afterOneQubitGates"] = string.Join(" + ", native.AfterSingleQubitGates),
                ["afterTwoQubitGates"] = string.Join(" + ", (native.PairDepolarizing == 0 ? [] : new[] { string.Create(CultureInfo.InvariantCulture, $"{NoiseModel.PairDepolarizingName}:{native.PairDepolarizing:R}") })
                    .Concat(native.AfterTwoQubitGates.Select(c => c + " (on each qubit)"))),
                ["readoutError"] = native.ReadoutError,
            },
            ["documentedBy"] = listed ? "Microsoft (provider-ionq) and IonQ" : "IonQ only; Microsoft's provider page lists ideal and aria-1",
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Seed is { } seed ? string.Create(CultureInfo.InvariantCulture, $"{Model}:{seed}") : Model;
}
