using System.Collections.Immutable;

namespace QSan.Quantum.Shots;

/// <summary>What a shot-based evaluation of a batch returned.</summary>
/// <param name="Expectations">Row-major [batch × observables], like the exact engines.</param>
/// <param name="StandardErrors">Same shape: each estimate's standard error (0 for identities).</param>
/// <param name="Programs">Programs (jobs) that ran.</param>
/// <param name="Circuits">Circuits they held.</param>
/// <param name="ShotsPerProgram">Shots per program.</param>
public sealed record ShotEstimate(ImmutableArray<double> Expectations, ImmutableArray<double> StandardErrors, int Programs, int Circuits, int ShotsPerProgram);
