namespace QSan.Autograd;

/// <summary>
/// Everything an optimiser needs to resume exactly: a plain record of arrays that serialises with
/// System.Text.Json. Buffers are per parameter in the optimiser's parameter order (Adam: m₀, v₀, m₁, v₁, …;
/// SGD with momentum: one velocity per parameter; SGD without: none).
/// </summary>
/// <param name="Kind">"Adam" or "Sgd"; loading into the other kind is rejected.</param>
/// <param name="StepCount">Steps taken so far (Adam's bias correction depends on it).</param>
/// <param name="LearningRate">The learning rate at the time of saving (schedules may change it).</param>
/// <param name="Buffers">The optimiser's per-parameter buffers.</param>
public sealed record OptimizerState(string Kind, long StepCount, double LearningRate, double[][] Buffers);
