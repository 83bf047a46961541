using System.CommandLine;
using System.Text.Json;
using QSan.Benchmarks;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>bench</c>: measured figures (never asserted in tests), recorded in BENCHMARKS.md.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Measure speed (and, for the paper, accuracy); prints figures for BENCHMARKS.md.");
        command.Subcommands.Add(CreateEngine(context));
        command.Subcommands.Add(BenchPaperCommand.Create(context));
        command.Subcommands.Add(BenchNoiseCommand.Create(context));
        command.Subcommands.Add(BenchFrameworksCommand.Create(context));
        command.Subcommands.Add(GanCommand.CreateBench(context));
        return command;
    }

    private static Command CreateEngine(CliContext context)
    {
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var depth = CommonOptions.Depth();
        var qubits = new Option<int[]>("--qubits", "-n") { Description = "Qubit counts to measure.", DefaultValueFactory = _ => [4, 8], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<double>("--seconds") { Description = "Timed duration of each native repetition.", DefaultValueFactory = _ => 0.5 };
        var qsharpCircuits = new Option<int>("--qsharp-circuits") { Description = "Circuits in the larger of the two timed Q# simulator calls.", DefaultValueFactory = _ => 2000 };
        var noise = new Option<string>("--noise") { Description = $"The noise model of the noisy rows (density-matrix engine; n ≤ {EngineBenchmarkOptions.NoisyMaxQubits}).", DefaultValueFactory = _ => EngineBenchmarkOptions.DefaultNoise };
        var noisyShots = new Option<int>("--noisy-shots") { Description = $"Shots of the larger timed call of Microsoft's noisy simulator (runWithNoise) on the noisy rows; 0 skips it. ±0.01 takes {MicrosoftNoisyTiming.ShotsAtPlusMinusOnePercent:N0}.", DefaultValueFactory = _ => MicrosoftNoisyTiming.ShotsAtPlusMinusOnePercent };
        noisyShots.Validators.Add(r => { if (r.GetValueOrDefault<int>() is var s && s != 0 && s < 4) r.AddError("--noisy-shots must be 0 (skip) or at least 4."); });
        var command = new Command("engine", "Forward and VJP evaluations per second of the QSANN token circuits: native engine vs Microsoft's Q# simulator.")
        {
            qubits, depth, seconds, qsharpCircuits, noise, noisyShots, quantumDir, json,
        };
        command.SetAction((parse, _) => CliBoundary.RunAsync(context.Error, () => Task.FromResult(RunEngine(context,
            new EngineComparisonOptions(parse.GetValue(qubits)!, parse.GetValue(depth), parse.GetValue(seconds), parse.GetValue(qsharpCircuits),
                NoiseModel.Parse(parse.GetValue(noise)!), parse.GetValue(noisyShots)),
            parse.GetValue(quantumDir), parse.GetValue(json)))));
        return command;
    }

    private static int RunEngine(CliContext context, EngineComparisonOptions options, string? quantumDir, bool json)
    {
        using var workspace = QuantumWorkspace.Open(quantumDir);
        var noise = options.Noise;
        IReadOnlyList<EngineRow> rows = [];
        if (json)
        {
            rows = EngineBenchmark.Compare(workspace, options);
            context.Output.WriteLine(JsonSerializer.Serialize(new { results = rows }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            return 0;
        }
        context.Console.Status().Start("Measuring...", status => rows = EngineBenchmark.Compare(workspace, options, text => status.Status(text)));
        var table = new Table().Title($"QSANN token circuits (D = {options.Depth}), evaluations per second on {Environment.ProcessorCount} cores, SIMD {rows.FirstOrDefault()?.Simd}")
            .AddColumns("n", "native forward", "native VJP", "native QKV tokens", "native QKV VJP tokens", "Q# simulator", "native / Q#",
                "native flops/circuit", "native GFLOP/s", "of FMA peak",
                $"noisy forward ({noise.Spec})", "noisy VJP", "noiseless / noisy", "noisy flops/circuit", "noisy GFLOP/s", "of FMA peak");
        foreach (var r in rows)
            table.AddRow($"{r.Qubits}", $"{r.NativeForwardPerSecond:N0}", $"{r.NativeVjpPerSecond:N0}", $"{r.NativeQkvTokensPerSecond:N0}",
                $"{r.NativeQkvVjpTokensPerSecond:N0}", $"{r.QSharpForwardPerSecond:N0}", $"{r.Ratio:N0}×",
                $"{r.NativeFlopsPerCircuit:N0}", $"{r.NativeGflops:N1}", $"{r.NativePeakFraction:P1} of {r.FmaPeakGflops:N0}",
                r.NoisyForwardPerSecond is { } f ? $"{f:N0}" : "–", r.NoisyVjpPerSecond is { } v ? $"{v:N0}" : "–",
                r.NoiselessPerNoisy is { } ratio ? $"{ratio:N1}×" : "–",
                r.NoisyFlopsPerCircuit is { } c ? $"{c:N0}" : "–", r.NoisyGflops is { } g ? $"{g:N1}" : "–",
                r.NoisyPeakFraction is { } f2 ? $"{f2:P1} of {r.FmaPeakGflops:N0}" : "–");
        context.Console.Write(table);
        WriteMicrosoftNoisy(context, rows, noise);
        WriteNoisyKernels(context, rows, noise);
        return 0;
    }

    /// <summary>Each noisy row's full-state kernels alone, and the share of the peak a pass of only those could reach.</summary>
    private static void WriteNoisyKernels(CliContext context, IReadOnlyList<EngineRow> rows, NoiseModel noise)
    {
        if (!rows.Any(r => r.NoisyKernels is not null)) return;
        var table = new Table().Title(Markup.Escape($"Noisy forward pass ({noise.Spec}): its full-state kernels, each alone on one thread"))
            .AddColumns("n", "kernel", "flops/circuit", "GFLOP/s", "of one thread's FMA peak");
        foreach (var r in rows.Where(r => r.NoisyKernels is not null))
        {
            var k = r.NoisyKernels!;
            foreach (var kernel in k.Kernels)
                table.AddRow($"{r.Qubits}", Markup.Escape(kernel.Kernel), $"{kernel.FlopsPerCircuit:N0}", $"{kernel.Gflops:N1}", $"{kernel.Gflops / k.PeakGflops:P1} of {k.PeakGflops:N1}");
            table.AddRow($"{r.Qubits}", "all of them, nothing else", $"{k.Kernels.Sum(x => x.FlopsPerCircuit):N0}", "", $"{k.Bound:P1} (the bound)");
        }
        context.Console.Write(table);
    }

    /// <summary>The noisy rows beside Microsoft's noisy simulator (a table of its own: the main table is wide already).</summary>
    private static void WriteMicrosoftNoisy(CliContext context, IReadOnlyList<EngineRow> rows, NoiseModel noise)
    {
        if (!rows.Any(r => r.Microsoft is not null))
        {
            if (rows.Any(r => r.Noise is not null) && MicrosoftNoisyBenchmark.PauliEquivalent(noise) is null)
                context.Console.MarkupLine(Markup.Escape($"Microsoft's noisy simulator not timed: {noise.Spec} is not one Pauli channel after every gate (qsharp-lang has Pauli noise only)."));
            return;
        }
        var table = new Table().Title(Markup.Escape($"Noisy token circuits ({noise.Spec}): native density matrix (exact) vs Microsoft's runWithNoise at ±0.01 ({MicrosoftNoisyTiming.ShotsAtPlusMinusOnePercent:N0} shots per basis)"))
            .AddColumns("n", "timed shots", "µs per shot", "s per basis at ±0.01", "bases", "s per circuit at ±0.01", "native s per circuit", "Microsoft / native");
        foreach (var r in rows.Where(r => r.Microsoft is not null))
        {
            var m = r.Microsoft!;
            table.AddRow($"{r.Qubits}", $"{m.Shots:N0}", $"{m.SecondsPerShot * 1e6:N1}", $"{m.SecondsPerBasisAtOnePercent:N3}", $"{m.Bases}",
                $"{m.SecondsPerCircuitAtOnePercent:N3}", $"{m.NativeSecondsPerCircuit:E2}", $"{m.Ratio:N0}×");
        }
        context.Console.Write(table);
    }
}
