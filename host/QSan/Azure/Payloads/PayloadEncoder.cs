using QSan.Azure.Targets;
using QSan.Quantum.Shots;

namespace QSan.Azure.Payloads;

/// <summary>Writes programs in one <see cref="PayloadFormat"/> for one target.</summary>
public sealed class PayloadEncoder
{
    private readonly QirProgramCompiler? qir;

    /// <summary>
    /// Creates an encoder; QIR needs <paramref name="qir"/>, and the native formats need the matching provider.
    /// <paramref name="providerNoise"/> (IonQ's simulator only) goes into every job's input parameters.
    /// </summary>
    public PayloadEncoder(TargetInfo target, PayloadFormat format, QirProgramCompiler? qir = null, ProviderNoise? providerNoise = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        providerNoise?.CheckTarget(target.Id);
        if (format == PayloadFormat.Qir && qir is null) throw new ArgumentException("QIR payloads need the Q# project (a QirProgramCompiler).", nameof(qir));
        if (format == PayloadFormat.IonQCircuit && target.ProviderId != "ionq") throw new ArgumentException($"{target.Id} does not take IonQ circuits; use qir or qasm.", nameof(format));
        if (format == PayloadFormat.OpenQasm && target.ProviderId != "quantinuum") throw new ArgumentException($"{target.Id} does not take OpenQASM through QSan; use qir or ionq.", nameof(format));
        // azure-quantum-python's OpenQASM backends (qiskit/backends/quantinuum.py) list H2 only; Helios is QIR-only there.
        if (format == PayloadFormat.OpenQasm && !TakesOpenQasm(target))
            throw new ArgumentException($"{nameof(PayloadFormat)}.{nameof(PayloadFormat.OpenQasm)}: OpenQASM is confirmed for Quantinuum's H2 targets only (azure-quantum-python's OpenQASM backends list H2, its QIR backends Helios too); use {nameof(PayloadFormat)}.{nameof(PayloadFormat.Qir)} for {target.Id}.", nameof(format));
        Target = target;
        Format = format;
        ProviderNoise = providerNoise;
        this.qir = qir;
    }

    /// <summary>Whether QSan sends OpenQASM to <paramref name="target"/>: Quantinuum's H2 targets only.</summary>
    public static bool TakesOpenQasm(TargetInfo target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.ProviderId == "quantinuum" && target.Id.Contains(".h2-", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>IonQ's noise model requested from its simulator, or null.</summary>
    public ProviderNoise? ProviderNoise { get; }

    /// <summary>The target.</summary>
    public TargetInfo Target { get; }

    /// <summary>The format.</summary>
    public PayloadFormat Format { get; }

    /// <summary>The payload of <paramref name="program"/> with <paramref name="shots"/> shots.</summary>
    public JobPayload Encode(PackedProgram program, int shots)
    {
        var payload = Format switch
        {
            PayloadFormat.Qir => qir!.Payload(program, shots),
            PayloadFormat.IonQCircuit => IonQCircuitWriter.Payload(program, shots),
            _ => OpenQasmWriter.Payload(program, shots),
        };
        ProviderNoise?.WriteTo(payload.InputParams);
        return payload;
    }

    /// <summary>Reads "qir", "ionq" or "qasm" (null: the target's native format).</summary>
    public static PayloadFormat Parse(string? text, TargetInfo target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return text?.ToLowerInvariant() switch
        {
            null or "" or "native" => target.NativeFormat,
            "qir" => PayloadFormat.Qir,
            "ionq" or "ionq.circuit.v1" => PayloadFormat.IonQCircuit,
            "qasm" or "openqasm" => PayloadFormat.OpenQasm,
            _ => throw new ArgumentException($"Unknown payload format '{text}': use qir, ionq or qasm."),
        };
    }
}
