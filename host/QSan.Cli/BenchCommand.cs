using System.CommandLine;
using System.Text.Json;
using QSan.Benchmarks;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
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
        command.SetAction((parse, _) => CliBoundary.RunAsync(context.Error, () => Task.FromResult(RunEngine(context, parse.GetValue(qubits)!, parse.GetValue(depth), parse.GetValue(seconds), parse.GetValue(qsharpCircuits),
            QSan.Quantum.Noise.NoiseModel.Parse(parse.GetValue(noise)!), parse.GetValue(noisyShots), parse.GetValue(quantumDir), parse.GetValue(json)))));
        return command;
    }

    /// <summary>One row of <c>bench engine</c>.</summary>
    /// <param name="Qubits">n.</param>
    /// <param name="Depth">D.</param>
    /// <param name="NativeForwardPerSecond">Token circuits (encoder + one ansatz + all value Paulis) per second, native.</param>
    /// <param name="NativeVjpPerSecond">Vector-Jacobian products of token circuits per second, native (adjoint method).</param>
    /// <param name="NativeQkvTokensPerSecond">Tokens per second with query, key and value sharing one encoded state, forward.</param>
    /// <param name="NativeQkvVjpTokensPerSecond">The same with VJPs.</param>
    /// <param name="QSharpForwardPerSecond">Token circuits per second on Microsoft's simulator (one shot each, one Q# call looping).</param>
    /// <param name="Ratio">NativeForwardPerSecond / QSharpForwardPerSecond.</param>
    /// <param name="Threads">Cores used by the native engine.</param>
    /// <param name="Simd">The SIMD width the native engine ran with.</param>
    /// <param name="NativeFlopsPerCircuit">Floating-point operations of one native token circuit, counted from the kernels.</param>
    /// <param name="NativeGflops">NativeForwardPerSecond × NativeFlopsPerCircuit, in 10⁹ per second.</param>
    /// <param name="FmaPeakGflops">This machine's double-precision FMA rate on all cores, measured in the same run: the largest of samples taken before each register size and at the end.</param>
    /// <param name="Noise">The noise model of the noisy figures, or null where they were not measured (n above the limit).</param>
    /// <param name="NoisyForwardPerSecond">Token circuits per second on the density-matrix engine under <paramref name="Noise"/>.</param>
    /// <param name="NoisyVjpPerSecond">Their VJPs per second (adjoint on the density matrix).</param>
    /// <param name="NoisyFlopsPerCircuit">Floating-point operations of one noisy token circuit, counted from the kernels.</param>
    /// <param name="NoisyGflops">NoisyForwardPerSecond × NoisyFlopsPerCircuit, in 10⁹ per second.</param>
    /// <param name="NoiselessPerNoisy">NativeForwardPerSecond / NoisyForwardPerSecond, measured side by side.</param>
    /// <param name="Microsoft">Microsoft's noisy simulator on the same circuit and Pauli noise, where measured.</param>
    /// <param name="NoisyKernels">The noisy forward pass's full-state kernels, each timed alone on one thread, and the share of one thread's FMA peak a pass of only those could reach.</param>
    public sealed record EngineRow(int Qubits, int Depth, double NativeForwardPerSecond, double NativeVjpPerSecond,
        double NativeQkvTokensPerSecond, double NativeQkvVjpTokensPerSecond, double QSharpForwardPerSecond, double Ratio, int Threads, string Simd,
        long NativeFlopsPerCircuit, double NativeGflops, double FmaPeakGflops,
        string? Noise = null, double? NoisyForwardPerSecond = null, double? NoisyVjpPerSecond = null, long? NoisyFlopsPerCircuit = null, double? NoisyGflops = null,
        double? NoiselessPerNoisy = null, MicrosoftNoisyRow? Microsoft = null, KernelTiming? NoisyKernels = null)
    {
        /// <summary>NativeGflops / FmaPeakGflops.</summary>
        public double NativePeakFraction => NativeGflops / FmaPeakGflops;

        /// <summary>NoisyGflops / FmaPeakGflops.</summary>
        public double? NoisyPeakFraction => NoisyGflops / FmaPeakGflops;
    }

    /// <summary>Microsoft's noisy simulator (runWithNoise) timed beside a noisy row.</summary>
    /// <param name="Shots">Shots of the larger timed call.</param>
    /// <param name="Px">X error probability (Y and Z alike for depolarizing noise).</param>
    /// <param name="Py">Y error probability.</param>
    /// <param name="Pz">Z error probability.</param>
    /// <param name="SecondsPerShot">Marginal seconds per shot (one noisy trajectory, every qubit measured in one basis).</param>
    /// <param name="SecondsPerBasisAtOnePercent">SecondsPerShot × 10⁴: one basis's n expectations to ±0.01.</param>
    /// <param name="Bases">Measurement bases of the token circuit's observables (the value Paulis need one run each).</param>
    /// <param name="SecondsPerCircuitAtOnePercent">Bases × SecondsPerBasisAtOnePercent: every expectation the native engine computes, to ±0.01.</param>
    /// <param name="NativeSecondsPerCircuit">1 / NoisyForwardPerSecond, measured in the same run: those expectations exactly.</param>
    /// <param name="Ratio">SecondsPerCircuitAtOnePercent / NativeSecondsPerCircuit.</param>
    public sealed record MicrosoftNoisyRow(int Shots, double Px, double Py, double Pz, double SecondsPerShot, double SecondsPerBasisAtOnePercent, int Bases,
        double SecondsPerCircuitAtOnePercent, double NativeSecondsPerCircuit, double Ratio);

    private static int RunEngine(CliContext context, int[] qubitCounts, int depth, double seconds, int qsharpCircuits, QSan.Quantum.Noise.NoiseModel noise, int noisyShots, string? quantumDir, bool json)
    {
        using var workspace = QuantumWorkspace.Open(quantumDir);
        var rows = new List<EngineRow>();
        var options = EngineBenchmarkOptions.Default with { Duration = seconds };
        void Measure(Action<string> status)
        {
            // The peak is sampled before each register size and at the end, and the largest sample used for every row: on a
            // shared machine one sample can catch a slow moment, which would inflate every share computed from it.
            var peaks = new List<double>();
            foreach (var n in qubitCounts)
            {
                status($"n = {n}: the machine's FMA peak");
                peaks.Add(FmaPeak.Gflops(seconds));
                status($"n = {n}: importing the Q# circuits");
                var family = workspace.Circuits(n, depth);
                status($"n = {n}: native engine");
                var native = EngineBenchmark.Run(new NativeEngine(), TokenCircuit(family), family.Circuit, depth, options);
                status($"n = {n}: Microsoft's Q# simulator");
                var qsharp = QSharpSimulatorBenchmark.CircuitsPerSecond(workspace.Bridge, workspace.Project, n, depth, qsharpCircuits);
                var nativeFlops = NativeEngine.FlopsPerCircuit(TokenCircuit(family));
                var nativeGflops = native.ForwardPerSecond * nativeFlops / 1e9;
                var row = new EngineRow(n, depth, native.ForwardPerSecond, native.VjpPerSecond, native.AttentionForwardTokensPerSecond,
                    native.AttentionVjpTokensPerSecond, qsharp, native.ForwardPerSecond / qsharp, native.Threads, native.Simd,
                    nativeFlops, nativeGflops, FmaPeakGflops: double.NaN); // the run's peak, known once every sample is in
                if (n <= EngineBenchmarkOptions.NoisyMaxQubits)
                {
                    status($"n = {n}: density-matrix engine, {noise.Spec}");
                    var density = new DensityMatrixEngine(noise);
                    var noisy = EngineBenchmark.Run(density, TokenCircuit(family), family.Circuit, depth, options);
                    var flops = density.FlopsPerCircuit(TokenCircuit(family));
                    row = row with { Noise = noise.Spec, NoisyForwardPerSecond = noisy.ForwardPerSecond, NoisyVjpPerSecond = noisy.VjpPerSecond,
                        NoisyFlopsPerCircuit = flops, NoisyGflops = noisy.ForwardPerSecond * flops / 1e9,
                        NoiselessPerNoisy = native.ForwardPerSecond / noisy.ForwardPerSecond };
                    status($"n = {n}: the noisy pass's kernels alone");
                    row = row with { NoisyKernels = PauliKernelTiming.Measure(density, TokenCircuit(family), seconds) };
                    if (noisyShots > 0 && MicrosoftNoisyBenchmark.PauliEquivalent(noise) is { } pauli)
                    {
                        status($"n = {n}: Microsoft's noisy simulator, {noisyShots:N0} shots");
                        row = row with { Microsoft = MicrosoftRow(MicrosoftNoisyBenchmark.Measure(workspace.Bridge, workspace.Project, n, depth, noisyShots, pauli.Px, pauli.Py, pauli.Pz), TokenCircuit(family), noisy.ForwardPerSecond) };
                    }
                }
                rows.Add(row);
            }
            status("the machine's FMA peak");
            peaks.Add(FmaPeak.Gflops(seconds));
            var best = peaks.Max();
            for (var i = 0; i < rows.Count; i++)
                rows[i] = rows[i] with { FmaPeakGflops = best };
        }

        if (json)
        {
            Measure(_ => { });
            context.Output.WriteLine(JsonSerializer.Serialize(new { results = rows }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            return 0;
        }
        context.Console.Status().Start("Measuring...", status => Measure(text => status.Status(text)));
        var table = new Table().Title($"QSANN token circuits (D = {depth}), evaluations per second on {Environment.ProcessorCount} cores, SIMD {rows.FirstOrDefault()?.Simd}")
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
    private static void WriteNoisyKernels(CliContext context, List<EngineRow> rows, QSan.Quantum.Noise.NoiseModel noise)
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

    private static MicrosoftNoisyRow MicrosoftRow(MicrosoftNoisyTiming timing, BranchedCircuit token, double nativePerSecond)
    {
        var bases = token.Branches.Sum(b => b.Observables.Select(o => o.Pauli).Distinct().Count());
        var perCircuit = bases * timing.SecondsPerCircuitAtOnePercent;
        return new MicrosoftNoisyRow(timing.Shots, timing.Px, timing.Py, timing.Pz, timing.SecondsPerShot, timing.SecondsPerCircuitAtOnePercent, bases,
            perCircuit, 1 / nativePerSecond, perCircuit * nativePerSecond);
    }

    /// <summary>The noisy rows beside Microsoft's noisy simulator (a table of its own: the main table is wide already).</summary>
    private static void WriteMicrosoftNoisy(CliContext context, List<EngineRow> rows, QSan.Quantum.Noise.NoiseModel noise)
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

    /// <summary>The token circuit of the benchmark: the encoder and the value branch (d Pauli expectations).</summary>
    public static BranchedCircuit TokenCircuit(QsannCircuitFamily family) =>
        new(family.Circuit.Prefix, [family.Branch("value")]);
}
