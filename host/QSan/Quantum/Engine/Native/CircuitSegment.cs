using System.Collections.Immutable;

namespace QSan.Quantum.Engine.Native;

/// <summary>A straight-line piece of a compiled circuit: the shared prefix, or one branch with its measurement.</summary>
/// <param name="FromZero">Whether it starts from |0…0⟩ (then its first op is a <see cref="ProductLayerOp"/>).</param>
/// <param name="Ops">The steps.</param>
/// <param name="Measured">Qubits the branch measures (empty for the prefix).</param>
/// <param name="Observables">The branch's observables in order.</param>
/// <param name="ObservableOffset">Where they start in the circuit's concatenated observables.</param>
internal sealed record CircuitSegment(bool FromZero, ImmutableArray<NativeOp> Ops, ImmutableArray<MeasuredQubit> Measured,
    ImmutableArray<BranchObservable> Observables, int ObservableOffset);
