namespace QSan.Benchmarks;

/// <summary>The named variants of the paper campaign (BENCHMARKS.md, "Paper"); <c>canonical</c> is DESIGN §1's model and training.</summary>
public static class PaperVariants
{
    /// <summary>DESIGN §1 as built: the paper's sizes, N(0, 0.01²) init, Adam 0.01, batch 16, MSE, 20 epochs, epoch chosen on validation.</summary>
    public static PaperVariant Canonical { get; } = new("canonical", "DESIGN §1: the paper's model and training, epoch selected on validation", []);

    /// <summary>Every named variant, in the order the benchmark lists them.</summary>
    public static IReadOnlyList<PaperVariant> All { get; } = [Canonical];

    /// <summary>The variant called <paramref name="name"/> (case-insensitive); throws listing the known names otherwise.</summary>
    public static PaperVariant Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown variant '{name}'. Known: {string.Join(", ", All.Select(v => v.Name))}.");
    }
}
