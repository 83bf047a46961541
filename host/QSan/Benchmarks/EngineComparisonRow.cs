using QSan.Quantum.Noise;

namespace QSan.Benchmarks;

/// <summary>What <see cref="EngineBenchmark.Compare"/> (<c>bench engine</c>) measures.</summary>
/// <param name="Qubits">Qubit counts n to measure.</param>
/// <param name="Depth">Ansatz depth D.</param>
/// <param name="Seconds">Timed duration of each repetition of the native and noisy figures, and of each FMA peak sample.</param>
/// <param name="QSharpCircuits">Circuits in the larger of the two timed Q# simulator calls.</param>
/// <param name="Noise">The noise model of the noisy rows (the density-matrix engine, n ≤ <see cref="EngineBenchmarkOptions.NoisyMaxQubits"/>).</param>
/// <param name="NoisyShots">Shots of the larger timed call of Microsoft's noisy simulator beside the noisy rows; 0 skips it, otherwise at least 4.</param>
public sealed record EngineComparisonOptions(IReadOnlyList<int> Qubits, int Depth, double Seconds, int QSharpCircuits, NoiseModel Noise, int NoisyShots)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the property that is out of range.</summary>
    public EngineComparisonOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Qubits);
        ArgumentNullException.ThrowIfNull(Noise);
        if (NoisyShots != 0 && NoisyShots < 4) throw new ArgumentException($"{nameof(NoisyShots)} must be 0 (skip) or at least 4; got {NoisyShots}.");
        return this;
    }
}

/// <summary>One row of <c>bench engine</c>: the engines on the QSANN token circuits of one size.</summary>
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
