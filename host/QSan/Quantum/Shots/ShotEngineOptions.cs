namespace QSan.Quantum.Shots;

/// <summary>How a <see cref="ShotEngine"/> turns a batch into programs.</summary>
/// <param name="Shots">Shots per program (every circuit of a program gets them all).</param>
/// <param name="MaxCircuitsPerProgram">Upper bound on circuits packed side by side into one program; 1 runs each circuit alone.</param>
public sealed record ShotEngineOptions(int Shots = 1000, int MaxCircuitsPerProgram = int.MaxValue)
{
    /// <summary>Checks the values; throws naming the bad one.</summary>
    public ShotEngineOptions Validate()
    {
        if (Shots < 1) throw new ArgumentOutOfRangeException(nameof(Shots), Shots, "At least one shot is needed.");
        if (MaxCircuitsPerProgram < 1) throw new ArgumentOutOfRangeException(nameof(MaxCircuitsPerProgram), MaxCircuitsPerProgram, "At least one circuit per program.");
        return this;
    }
}
