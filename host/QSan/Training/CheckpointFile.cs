using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using QSan.Autograd;

namespace QSan.Training;

/// <summary>
/// Reads and writes <see cref="Checkpoint"/>s: the magic bytes <c>QSANCKPT</c>, a format version, a JSON header with
/// everything but the large arrays, then the arrays (weights, best weights, Adam's moments) as raw little-endian doubles,
/// so a checkpoint of a few hundred thousand values is written in about a millisecond and restores bit for bit.
/// Writes are atomic: a temporary file in the same folder, flushed to disk, then renamed over the old one.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The current format version.</summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "QSANCKPT"u8;

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var header = new Header(
            FormatVersion, checkpoint.Options, checkpoint.Vocabulary, checkpoint.DataFingerprint, checkpoint.Epoch, checkpoint.RandomState,
            checkpoint.Optimizer.Kind, checkpoint.Optimizer.StepCount, checkpoint.Optimizer.LearningRate, checkpoint.Optimizer.Buffers.Length,
            [.. checkpoint.Weights.Keys], [.. checkpoint.BestWeights.Keys],
            checkpoint.BestEpoch, checkpoint.BestValidationAccuracy, checkpoint.BestValidationLoss, checkpoint.EpochsWithoutImprovement,
            checkpoint.History, checkpoint.TrainSeconds, checkpoint.Stop, checkpoint.Result, checkpoint.CircuitSourceHash, checkpoint.CompilerVersion);
        RunFolder.WriteAtomically(path, writer =>
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            var json = JsonSerializer.SerializeToUtf8Bytes(header, Json.Compact);
            writer.Write(json.Length);
            writer.Write(json);
            foreach (var name in header.WeightNames) WriteArray(writer, checkpoint.Weights[name]);
            foreach (var name in header.BestWeightNames) WriteArray(writer, checkpoint.BestWeights[name]);
            foreach (var buffer in checkpoint.Optimizer.Buffers) WriteArray(writer, buffer);
        });
    }

    /// <summary>Reads the checkpoint of the run folder <paramref name="directory"/>.</summary>
    /// <exception cref="CheckpointException">There is no such folder, or its checkpoint cannot be read (see <see cref="Read"/>).</exception>
    public static Checkpoint ReadRun(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new CheckpointException($"There is no run folder '{directory}'.");
        return Read(RunFolder.CheckpointPath(directory));
    }

    /// <summary>Reads a checkpoint written by <see cref="Write"/>.</summary>
    /// <exception cref="CheckpointException">The file is missing, not a checkpoint, of another format version, or damaged.</exception>
    public static Checkpoint Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new CheckpointException($"There is no checkpoint '{path}'.");
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            Span<byte> magic = stackalloc byte[8];
            if (stream.Read(magic) != magic.Length || !magic.SequenceEqual(Magic))
                throw new CheckpointException($"'{path}' is not a QSan checkpoint.");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new CheckpointException($"'{path}' has checkpoint format {version}; this program reads format {FormatVersion}.");
            var headerLength = reader.ReadInt32();
            if (headerLength <= 0 || headerLength > stream.Length) throw new CheckpointException($"'{path}' is damaged (bad header length).");
            var header = JsonSerializer.Deserialize<Header>(reader.ReadBytes(headerLength), Json.Compact)
                ?? throw new CheckpointException($"'{path}' is damaged (empty header).");
            var weights = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var name in header.WeightNames) weights[name] = ReadArray(reader, path);
            var best = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var name in header.BestWeightNames) best[name] = ReadArray(reader, path);
            var buffers = new double[header.OptimizerBufferCount][];
            for (var i = 0; i < buffers.Length; i++) buffers[i] = ReadArray(reader, path);
            if (stream.Position != stream.Length) throw new CheckpointException($"'{path}' is damaged (trailing bytes).");
            return new Checkpoint(
                header.Options, header.Vocabulary, header.DataFingerprint, header.Epoch, header.RandomState,
                new OptimizerState(header.OptimizerKind, header.OptimizerSteps, header.OptimizerLearningRate, buffers),
                weights, best, header.BestEpoch, header.BestValidationAccuracy, header.BestValidationLoss, header.EpochsWithoutImprovement,
                header.History, header.TrainSeconds, header.Stop, header.Result, header.CircuitSourceHash, header.CompilerVersion);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or NotSupportedException)
        {
            throw new CheckpointException($"'{path}' is damaged or truncated: {e.Message}", e);
        }
    }

    private static void WriteArray(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }
        foreach (var v in values) writer.Write(v);
    }

    private static double[] ReadArray(BinaryReader reader, string path)
    {
        var length = reader.ReadInt32();
        if (length < 0 || (long)length * sizeof(double) > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new CheckpointException($"'{path}' is damaged (bad array length).");
        var values = new double[length];
        if (BitConverter.IsLittleEndian)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
        for (var i = 0; i < length; i++) values[i] = reader.ReadDouble();
        return values;
    }

    /// <summary>The JSON part of the file: the checkpoint without its large arrays, which follow in the listed order.</summary>
    private sealed record Header(
        int FormatVersion,
        TrainingOptions Options,
        IReadOnlyList<string> Vocabulary,
        string DataFingerprint,
        int Epoch,
        ulong[] RandomState,
        string OptimizerKind,
        long OptimizerSteps,
        double OptimizerLearningRate,
        int OptimizerBufferCount,
        string[] WeightNames,
        string[] BestWeightNames,
        int BestEpoch,
        double? BestValidationAccuracy,
        double? BestValidationLoss,
        int EpochsWithoutImprovement,
        IReadOnlyList<EpochMetrics> History,
        double TrainSeconds,
        TrainingStop? Stop,
        TrainingResult? Result,
        string? CircuitSourceHash,
        string? CompilerVersion);
}
