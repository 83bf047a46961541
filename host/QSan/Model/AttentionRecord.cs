namespace QSan.Model;

/// <summary>
/// The queries and keys one attention head computed for a batch of sentences, from which its attention weights
/// ã_{s,j} = exp(−‖q_s − k_j‖²) / Σ_m exp(−‖q_s − k_m‖²) follow (see <see cref="AttentionTrace.Weights"/>).
/// </summary>
/// <param name="Layer">0-based layer.</param>
/// <param name="Head">0-based head.</param>
/// <param name="Queries">[tokens × Width].</param>
/// <param name="Keys">[tokens × Width].</param>
/// <param name="Width">Values per query and key: 1 for QSANN (⟨Z₀⟩), d for CSANN.</param>
/// <param name="Offsets">Sentence boundaries of the batch (see <see cref="Autograd.Functional"/>).</param>
public sealed record AttentionRecord(int Layer, int Head, double[] Queries, double[] Keys, int Width, int[] Offsets);
