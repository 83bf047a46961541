namespace QSan.Training;

/// <summary>Which engine evaluates the QSANN circuits.</summary>
public enum Backend
{
    /// <summary>The native batched state-vector engine with adjoint gradients (fast; default).</summary>
    Native,

    /// <summary>Microsoft's Q# simulator through the bridge, differentiated by parameter shift (slow; fine for MC).</summary>
    QSharp,
}
