namespace QSan.Benchmarks;

/// <summary>Throughput of an engine on the QSANN circuits of one size.</summary>
/// <param name="Engine">The engine's name.</param>
/// <param name="Qubits">n.</param>
/// <param name="Depth">D.</param>
/// <param name="Batch">Circuits per call.</param>
/// <param name="Threads">Processors available to the engine.</param>
/// <param name="Simd">The widest SIMD the hardware runs natively (what the native engine uses).</param>
/// <param name="ForwardPerSecond">Token circuits (encoder + one ansatz, n(D+2) Paulis) evaluated per second.</param>
/// <param name="VjpPerSecond">Token-circuit VJPs (expectations plus input and weight gradients) per second.</param>
/// <param name="AttentionForwardTokensPerSecond">Tokens per second through encoder + query, key and value branches.</param>
/// <param name="AttentionVjpTokensPerSecond">Tokens per second for the VJP of the query/key/value circuit.</param>
public sealed record EngineBenchmarkResult(string Engine, int Qubits, int Depth, int Batch, int Threads, string Simd,
    double ForwardPerSecond, double VjpPerSecond, double AttentionForwardTokensPerSecond, double AttentionVjpTokensPerSecond);
