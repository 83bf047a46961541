namespace QSan.Training;

/// <summary>The files of a run folder.</summary>
public static class RunFolder
{
    /// <summary>Model, optimiser, vocabulary, options, epoch and generator state (binary, see <see cref="CheckpointFile"/>).</summary>
    public const string CheckpointFileName = "checkpoint.qsan";

    /// <summary>The options and the model's sizes, for people.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Per-epoch metrics.</summary>
    public const string MetricsFileName = "metrics.json";

    /// <summary>The final scores.</summary>
    public const string ResultFileName = "result.json";

    /// <summary>Loss and accuracy per epoch.</summary>
    public const string TrainingCurveFileName = "training-curve.svg";

    /// <summary>Attention weights of a few test sentences.</summary>
    public const string AttentionFileName = "attention.svg";

    /// <summary>The checkpoint's path in <paramref name="directory"/>.</summary>
    public static string CheckpointPath(string directory) => Path.Combine(directory, CheckpointFileName);

    /// <summary>
    /// A fresh folder under <paramref name="root"/> (by default <c>runs/</c> of the current directory) named by dataset,
    /// model, seed and a timestamp.
    /// </summary>
    public static string DefaultDirectory(TrainingOptions options, string root = "runs")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var name = $"{options.Data.DisplayName}-{options.Model.Kind.ToString().ToLowerInvariant()}-seed{options.Seed}-{stamp}";
        var path = Path.Combine(root, name);
        for (var i = 2; Directory.Exists(path); i++) path = Path.Combine(root, $"{name}-{i}");
        return path;
    }

    /// <summary>
    /// Writes a binary file through a temporary file in the same folder (created if needed), flushed to disk and renamed
    /// over <paramref name="path"/>, so a crash leaves either the old file or the new one whole.
    /// </summary>
    public static void WriteAtomically(string path, Action<BinaryWriter> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8))
            {
                write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes text through a temporary file and a rename, so readers never see half a file.</summary>
    public static void WriteAllTextAtomically(string path, string contents)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, contents);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
