namespace QSan.Quantum.Circuits;

/// <summary>Where a rotation angle comes from.</summary>
public enum SlotKind
{
    /// <summary>A fixed number compiled into the circuit.</summary>
    Constant,
    /// <summary>A per-circuit input, e.g. one of a token's encoder angles (differs across the batch).</summary>
    Input,
    /// <summary>A trainable weight, shared by every circuit of a batch.</summary>
    Weight,
}
