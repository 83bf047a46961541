namespace QSan.Quantum.Circuits;

/// <summary>
/// A rotation angle as an affine function of one input slot: <c>angle = Scale * slot + Offset</c>.
/// The importer recovers it from probe compilations, because base-profile QIR folds all classical arithmetic.
/// </summary>
/// <param name="Kind">Which kind of slot feeds the angle; <see cref="SlotKind.Constant"/> ignores <paramref name="Slot"/>.</param>
/// <param name="Slot">Index into the input or weight vector.</param>
/// <param name="Scale">Coefficient of the slot value (0 for constants).</param>
/// <param name="Offset">Constant term.</param>
public readonly record struct AngleSource(SlotKind Kind, int Slot, double Scale, double Offset)
{
    /// <summary>A fixed angle.</summary>
    public static AngleSource Constant(double value) => new(SlotKind.Constant, -1, 0, value);

    /// <summary>The angle <c>slot</c> of the per-circuit inputs, unscaled.</summary>
    public static AngleSource Input(int slot, double scale = 1, double offset = 0) => new(SlotKind.Input, slot, scale, offset);

    /// <summary>The angle <c>slot</c> of the shared weights, unscaled.</summary>
    public static AngleSource Weight(int slot, double scale = 1, double offset = 0) => new(SlotKind.Weight, slot, scale, offset);

    /// <summary>Evaluates the angle for given input and weight vectors.</summary>
    public double Evaluate(ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights) => Kind switch
    {
        SlotKind.Input => Scale * inputs[Slot] + Offset,
        SlotKind.Weight => Scale * weights[Slot] + Offset,
        _ => Offset,
    };

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        SlotKind.Constant => Offset.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{(Scale == 1 ? "" : Scale.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "*")}{(Kind == SlotKind.Input ? "x" : "w")}[{Slot}]{(Offset == 0 ? "" : (Offset > 0 ? "+" : "") + Offset.ToString("R", System.Globalization.CultureInfo.InvariantCulture))}",
    };
}

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
