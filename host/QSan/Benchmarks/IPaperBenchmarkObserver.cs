namespace QSan.Benchmarks;

/// <summary>Receives the paper benchmark's progress (for a live display or log lines).</summary>
public interface IPaperBenchmarkObserver
{
    /// <summary>Run <paramref name="index"/> (0-based) of <paramref name="total"/> is about to train.</summary>
    void OnRunStarting(PaperRunSpec run, int index, int total);

    /// <summary>A run (one seed, with its folds under cross-validation) finished.</summary>
    void OnRunFinished(PaperRunSpec run, PaperSeedResult result);

    /// <summary>All seeds of a dataset, model and variant finished.</summary>
    void OnRowFinished(PaperRow row);
}
