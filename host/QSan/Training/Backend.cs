namespace QSan.Training;

/// <summary>Which engine evaluates the QSANN circuits.</summary>
public enum Backend
{
    /// <summary>The native batched state-vector engine with adjoint gradients (fast; default).</summary>
    Native,

    /// <summary>Microsoft's Q# simulator through the bridge, differentiated by parameter shift (slow; fine for MC).</summary>
    QSharp,

    /// <summary>
    /// Expectations estimated from <see cref="TrainingOptions.Shots"/> shots sampled locally (the estimator of the Azure
    /// Quantum backend), gradients by parameter shift through it: training as hardware would see it, without the network.
    /// </summary>
    Shots,
}
