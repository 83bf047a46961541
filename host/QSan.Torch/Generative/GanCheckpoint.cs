using System.Text;
using System.Text.Json;
using QSan.Generative;
using QSan.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSan.Torch.Generative;

/// <summary>
/// A GAN run's <c>checkpoint.qsan</c>: a JSON header (options, epoch, the shuffling and noise generators' states,
/// history, seconds, result) and four sections in TorchSharp's own formats: both networks' state dictionaries (weights,
/// batch-norm statistics, spectral-norm vectors) and both Adam states (moments and step counts). Written through a
/// temporary file, flushed to disk and renamed, so a crash leaves the previous checkpoint whole.
/// </summary>
public sealed class GanCheckpoint
{
    private static readonly string[] SectionNames = ["generator", "discriminator", "generator-adam", "discriminator-adam"];

    private GanCheckpoint(GanCheckpointHeader header, byte[][] sections, string path)
    {
        Header = header;
        Sections = sections;
        Path = path;
    }

    /// <summary>What the header holds.</summary>
    public GanCheckpointHeader Header { get; }

    /// <summary>The file read.</summary>
    public string Path { get; }

    private byte[][] Sections { get; }

    private static ReadOnlySpan<byte> Magic => "QSANGAN2"u8;

    /// <summary>Writes <paramref name="state"/> to its folder's checkpoint, atomically.</summary>
    public static void Write(GanRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var header = new GanCheckpointHeader(state.Options, state.Epoch, state.Shuffling.State, state.Noise.State, [.. state.History],
            state.TrainSeconds, state.Result, state.CircuitSourceHash);
        var sections = new[]
        {
            Serialise(w => state.Generator.save(w)),
            Serialise(w => state.Discriminator.save(w)),
            Serialise(state.GeneratorOptimizer.save_state_dict),
            Serialise(state.DiscriminatorOptimizer.save_state_dict),
        };
        RunFolder.WriteAtomically(RunFolder.CheckpointPath(state.Directory), writer =>
        {
            writer.Write(Magic);
            var json = JsonSerializer.SerializeToUtf8Bytes(header);
            writer.Write(json.Length);
            writer.Write(json);
            for (var i = 0; i < sections.Length; i++)
            {
                writer.Write(SectionNames[i]);
                writer.Write(sections[i].LongLength);
                writer.Write(sections[i]);
            }
        });
    }

    /// <summary>Reads the checkpoint of the run folder <paramref name="directory"/>; a missing, foreign or damaged file is a <see cref="GanException"/> naming it.</summary>
    public static GanCheckpoint Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = RunFolder.CheckpointPath(directory);
        if (!File.Exists(path)) throw new GanException($"'{directory}' holds no GAN checkpoint ({RunFolder.CheckpointFileName}).");
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            Span<byte> magic = stackalloc byte[8];
            if (stream.Read(magic) != magic.Length || !magic.SequenceEqual(Magic))
                throw new GanException($"'{path}' is not a checkpoint of QSan's convolutional GAN (a run of an older QSan, or of QSANN?).");
            var length = reader.ReadInt32();
            if (length <= 0 || length > stream.Length) throw new GanException($"'{path}' is damaged (bad header length).");
            var header = JsonSerializer.Deserialize<GanCheckpointHeader>(reader.ReadBytes(length)) ?? throw new GanException($"'{path}' is damaged (empty header).");
            var sections = new byte[SectionNames.Length][];
            for (var i = 0; i < sections.Length; i++)
            {
                var name = reader.ReadString();
                var size = reader.ReadInt64();
                if (name != SectionNames[i] || size < 0 || size > stream.Length - stream.Position)
                    throw new GanException($"'{path}' is damaged (section {i} is '{name}' of {size} bytes; expected '{SectionNames[i]}').");
                sections[i] = reader.ReadBytes((int)size);
            }
            return new GanCheckpoint(header, sections, path);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or NotSupportedException or IOException)
        {
            throw new GanException($"'{path}' is damaged or truncated: {e.Message}", e);
        }
    }

    /// <summary>Loads the networks, optimisers, generators and progress into <paramref name="state"/> (built from the same options).</summary>
    public void Restore(GanRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            Deserialise(Sections[0], r => state.Generator.load(r, strict: true));
            Deserialise(Sections[1], r => state.Discriminator.load(r, strict: true));
            Deserialise(Sections[2], state.GeneratorOptimizer.load_state_dict);
            Deserialise(Sections[3], state.DiscriminatorOptimizer.load_state_dict);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new GanException($"'{Path}' does not fit the networks its options describe: {e.Message}", e);
        }
        // The step size comes from the options (a resumed run keeps them), whatever the saved state says.
        SetLearningRate(state.GeneratorOptimizer, state.Options.GeneratorLearningRate);
        SetLearningRate(state.DiscriminatorOptimizer, state.Options.DiscriminatorLearningRate);
        state.Shuffling = new TrainingRandom(Header.Shuffling);
        state.Noise = new TrainingRandom(Header.Noise);
        state.Epoch = Header.Epoch;
        state.TrainSeconds = Header.TrainSeconds;
        foreach (var epoch in Header.History) state.Record(epoch);
        // A finished run extended by --epochs is scored again at its new end.
        state.Result = Header.Epoch >= state.Options.Epochs ? Header.Result : null;
    }

    private static void SetLearningRate(Adam optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }

    private static byte[] Serialise(Action<BinaryWriter> write)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true)) write(writer);
        return memory.ToArray();
    }

    private static void Deserialise(byte[] bytes, Action<BinaryReader> read)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        read(reader);
        if (reader.BaseStream.Position != bytes.Length) throw new InvalidOperationException($"{bytes.Length - reader.BaseStream.Position} bytes left over in a section.");
    }
}

/// <summary>The JSON header of a <see cref="GanCheckpoint"/>.</summary>
/// <param name="Options">The run's options.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Shuffling">The shuffling generator's state.</param>
/// <param name="Noise">The noise generator's state.</param>
/// <param name="History">Per-epoch metrics.</param>
/// <param name="TrainSeconds">Seconds of training steps so far.</param>
/// <param name="Result">The final score, once written.</param>
/// <param name="CircuitSourceHash">Hash of the Q# sources (quantum attention).</param>
public sealed record GanCheckpointHeader(GanOptions Options, int Epoch, ulong[] Shuffling, ulong[] Noise, List<GanEpoch> History, double TrainSeconds,
    GanScore? Result, string? CircuitSourceHash);
