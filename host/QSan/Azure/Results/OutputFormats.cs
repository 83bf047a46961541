namespace QSan.Azure.Results;

/// <summary>
/// The output data formats Azure Quantum jobs produce for the targets QSan uses. Names as in azure-quantum-python
/// (azure/quantum/qiskit/job.py: MICROSOFT_OUTPUT_DATA_FORMAT(_V2), IONQ_OUTPUT_DATA_FORMAT, QUANTINUUM_OUTPUT_DATA_FORMAT).
/// </summary>
public static class OutputFormats
{
    /// <summary>IonQ's histogram: {"histogram": {"&lt;integer&gt;": probability}}, qubit 0 the least significant bit.</summary>
    public const string IonQ = "ionq.quantum-results.v1";

    /// <summary>Quantinuum's per-shot register strings: {"c": ["0110", …]}, highest classical bit first.</summary>
    public const string Quantinuum = "honeywell.quantum-results.v1";

    /// <summary>{"Histogram": ["[0, 1]", probability, …]}: display strings of the entry point's result array, each followed by its probability.</summary>
    public const string MicrosoftV1 = "microsoft.quantum-results.v1";

    /// <summary>{"DataFormat": …, "Results": [{"Histogram": [{"Outcome": [0, 1], "Display": "[0, 1]", "Count": n}], "Shots": […]}]}.</summary>
    public const string MicrosoftV2 = "microsoft.quantum-results.v2";
}
