namespace QSan.Model;

/// <summary>Which sentence classifier to build.</summary>
public enum ModelKind
{
    /// <summary>Quantum self-attention (docs/model.md): query, key and value from the Q# circuits.</summary>
    Qsann,

    /// <summary>The classical baseline: the same pipeline with linear query, key and value maps.</summary>
    Csann,
}
