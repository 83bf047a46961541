namespace QSan.Azure.Targets;

/// <summary>How a program is written for a target.</summary>
public enum PayloadFormat
{
    /// <summary>Base-profile QIR compiled from the Q# project (<c>qir.v1</c>), accepted by IonQ and Quantinuum.</summary>
    Qir,

    /// <summary>IonQ's JSON circuit with the "qis" gate set (<c>ionq.circuit.v1</c>).</summary>
    IonQCircuit,

    /// <summary>OpenQASM 2.0 for Quantinuum (<c>honeywell.openqasm.v1</c>).</summary>
    OpenQasm,
}
