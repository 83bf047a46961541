namespace QSan.Model;

/// <summary>Which sentence classifier to build.</summary>
public enum ModelKind
{
    /// <summary>Quantum self-attention (docs/model.md): query, key and value from the Q# circuits.</summary>
    Qsann,

    /// <summary>The classical baseline: the same pipeline with linear query, key and value maps.</summary>
    Csann,
}

/// <summary>The attention kernel of CSANN's layers.</summary>
public enum AttentionKind
{
    /// <summary>Gaussian projected attention, exp(−‖q − k‖²) normalised (QSANN's kernel on vectors; the default).</summary>
    Gaussian,

    /// <summary>Scaled dot-product attention, softmax(q·k / √d) (Vaswani et al.; the CERN openlab talk's classical model).</summary>
    Softmax,
}
