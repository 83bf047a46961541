namespace QSan.Quantum.Import;

/// <summary>A Q# circuit could not be turned into a circuit template: an unsupported gate, an angle that is
/// not affine in one input slot, qubit reuse, or QIR the importer does not understand.</summary>
public sealed class CircuitImportException(string message) : QSanException(message);
