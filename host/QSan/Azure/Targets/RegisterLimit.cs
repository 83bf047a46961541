using System.Globalization;
using System.Text.RegularExpressions;
using QSan.Quantum.Shots;

namespace QSan.Azure.Targets;

/// <summary>
/// The most qubits one job may use in the mode it will run in, and where that number comes from. A device's register is
/// not always what a job gets: Microsoft Learn gives Quantinuum's H2 emulators as "56/32 qubits", 56 "only as a stabilizer
/// simulation", and QSANN's rotations are not Clifford gates, so its circuits get 32 there; IonQ's simulator takes 29
/// qubits, but with a hardware noise model only "the actual qubit capacity of the target hardware, which is 25 qubits for
/// the aria-1 noise model". Packing uses this limit, so no paid job fails on a size QSan could have known.
/// </summary>
/// <param name="Qubits">Qubits one job may use.</param>
/// <param name="Mode">The mode the job runs in, e.g. "state-vector emulation".</param>
/// <param name="Source">Where the number comes from.</param>
/// <param name="Known">False when the number is a guess (a target outside QSan's catalogue).</param>
public sealed partial record RegisterLimit(int Qubits, string Mode, string Source, bool Known = true)
{
    /// <summary>Qubits of the H2 emulators outside their stabilizer mode (Learn: "56/32 qubits").</summary>
    public const int QuantinuumEmulatorStateVectorQubits = 32;

    /// <summary>Microsoft Learn's Quantinuum provider page, the H2 emulators' row of the targets table.</summary>
    public const string QuantinuumEmulatorSource =
        "Microsoft Learn, Quantinuum provider (https://learn.microsoft.com/azure/quantum/provider-quantinuum): H2 emulators \"56/32 qubits ... 56 qubit simulation is only available as a stabilizer simulation\"";

    /// <summary>Microsoft Learn's IonQ provider page, "Noise model simulation", "Qubit capacity".</summary>
    public const string IonQNoiseSource =
        "Microsoft Learn, IonQ provider, Noise model simulation, Qubit capacity (https://learn.microsoft.com/azure/quantum/provider-ionq): \"the hardware specific noise models are limited to the actual qubit capacity of the target hardware, which is 25 qubits for the aria-1 noise model\"";

    /// <summary>How messages name a requested register size when the caller does not say: the property every Azure settings record has.</summary>
    public const string RequestedSetting = "MaxQubits";

    [GeneratedRegex(@"^quantinuum\.sim\.h2-\d+e$", RegexOptions.IgnoreCase)]
    private static partial Regex QuantinuumH2Emulator();

    /// <summary>
    /// The limit of a job on <paramref name="target"/> (with IonQ's <paramref name="noise"/> model, if any). With
    /// <paramref name="requested"/> that many qubits are used instead; more than a known limit is refused with an
    /// <see cref="ArgumentException"/> naming the setting, the limit and its source.
    /// </summary>
    /// <param name="target">The target.</param>
    /// <param name="noise">IonQ's noise model on its simulator, or null.</param>
    /// <param name="requested">The register size the caller asked for, or null for the mode's limit.</param>
    /// <param name="setting">How the caller's settings name <paramref name="requested"/> (<c>CircuitSubmissionRequest.MaxQubits</c>), for messages and <see cref="Source"/>.</param>
    public static RegisterLimit For(TargetInfo target, ProviderNoise? noise = null, int? requested = null, string setting = RequestedSetting)
    {
        ArgumentNullException.ThrowIfNull(target);
        var source = string.IsNullOrEmpty(target.QubitsSource) ? "QSan's target catalogue" : target.QubitsSource;
        var limit = new RegisterLimit(target.MaxQubits, "the device's register", source, target.QubitsKnown);
        if (QuantinuumH2Emulator().IsMatch(target.Id) && limit.Qubits > QuantinuumEmulatorStateVectorQubits)
            limit = new RegisterLimit(QuantinuumEmulatorStateVectorQubits, "state-vector emulation (QSANN's rotations are not Clifford, so the 56-qubit stabilizer mode does not apply)", QuantinuumEmulatorSource);
        if (noise is { Model: not "ideal" } && noise.SimulatorModel.MaxQubits is { } modelQubits && modelQubits < limit.Qubits)
            limit = new RegisterLimit(modelQubits, $"IonQ's {noise.Model} noise model", noise.Model == "aria-1" ? IonQNoiseSource
                : $"{IonQNoiseSource}; IonQ's simulator holds {modelQubits} (docs.ionq.com/guides/simulation-with-noise-models)");
        if (requested is not { } asked) return limit;
        if (asked < 1) throw new ArgumentException($"{setting} must be at least 1; got {asked}.", nameof(requested));
        if (asked > limit.Qubits && limit.Known)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{setting} {asked} is more than a job on {target.Id} may use: {limit.Qubits} qubits in {limit.Mode} ({limit.Source})."), nameof(requested));
        return new RegisterLimit(asked, limit.Mode, $"{setting} (the mode's limit is {limit.Qubits.ToString(CultureInfo.InvariantCulture)}: {limit.Source})");
    }

    /// <summary>Throws before anything is sent when a program is larger than this limit (a job the service would fail).</summary>
    public void Check(IEnumerable<PackedProgram> programs, string target)
    {
        ArgumentNullException.ThrowIfNull(programs);
        if (!Known) return;
        foreach (var program in programs)
            if (program.QubitCount > Qubits)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Program {program.Index} uses {program.QubitCount} qubits; a job on {target} may use {Qubits} in {Mode} ({Source}). Nothing was sent."));
    }

    /// <summary>One line for people: the limit, the mode and the source.</summary>
    public string Describe(string target) =>
        string.Create(CultureInfo.InvariantCulture, $"Jobs on {target} use at most {Qubits} qubits: {Mode}; source: {Source}.");
}
