using QSan.Quantum.Circuits;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// Everything that depends only on the shared weights, refreshed once per call: half-angle sines and cosines of
/// weight and constant rotations, and the fused matrices, product-state vectors and tails that read no input.
/// Stored in lane layout with one lane, ready to be broadcast into each workspace. Reused between calls.
/// </summary>
internal sealed class SharedValues
{
    public SharedValues(CompiledCircuit program)
    {
        Program = program;
        Cos = new double[program.Rotations.Length];
        Sin = new double[program.Rotations.Length];
        Factors = new double[program.SharedFactors.Length * 8];
        Matrices = new double[program.MatrixSlots * 8];
        Vectors = new double[program.QubitCount * 4];
        Tails = new double[program.TailSlots * 8];
        BlochRotations = new double[program.TailSlots * 9];
        TailDerivatives = new double[program.TailSlots][];
        foreach (var measured in program.SharedTails) TailDerivatives[measured.TailSlot] = new double[9 * measured.Tail.Length];
    }

    public CompiledCircuit Program { get; }

    public double[] Cos { get; }

    public double[] Sin { get; }

    public double[] Factors { get; }

    public double[] Matrices { get; }

    public double[] Vectors { get; }

    public double[] Tails { get; }

    /// <summary>Per shared tail u, the 3×3 matrix K (row-major) with Bloch(uρu†) = K · Bloch(ρ): K_ij = ½Tr(σ_i u σ_j u†).</summary>
    public double[] BlochRotations { get; }

    /// <summary>
    /// Per shared tail, for each of its gates (in order) the derivative of its Bloch rotation K with respect to the
    /// gate's angle (zeros for gates without one), 9 values per gate: the adjoint pass needs gᵀ(∂K/∂θ)b per lane.
    /// </summary>
    public double[]?[] TailDerivatives { get; }

    /// <summary>Recomputes every value for new weights.</summary>
    public void Update(ReadOnlySpan<double> weights)
    {
        var program = Program;
        foreach (var r in program.SharedRotations)
            (Sin[r], Cos[r]) = Math.SinCos(0.5 * program.Rotations[r].Source.Evaluate([], weights));

        for (var f = 0; f < program.SharedFactors.Length; f++)
            Product(program.SharedFactors[f]).Store(ref Factors[f * 8], 1);
        foreach (var op in program.SharedOps)
            Product(op.Gates).Store(ref Matrices[op.MatrixSlot * 8], 1);
        if (program.Product is { } layer)
        {
            for (var q = 0; q < program.QubitCount; q++)
            {
                if (layer.PerLane[q]) continue;
                var m = Product(layer.QubitGates[q]);
                (Vectors[4 * q], Vectors[4 * q + 1], Vectors[4 * q + 2], Vectors[4 * q + 3]) = (m.R00.Value, m.I00.Value, m.R10.Value, m.I10.Value);
            }
        }
        foreach (var measured in program.SharedTails)
        {
            var u = Product(measured.Tail);
            u.Store(ref Tails[measured.TailSlot * 8], 1);
            BlochMatrix(u, u, 0.5, BlochRotations.AsSpan(measured.TailSlot * 9, 9));
            BlochDerivatives(measured.Tail, u, TailDerivatives[measured.TailSlot]);
        }
    }

    /// <summary><c>scale · Re Tr(σ_i a σ_j b†)</c> for i, j over X, Y, Z, row-major into <paramref name="k"/>.</summary>
    private static void BlochMatrix(in LaneMatrix<Lanes1> a, in LaneMatrix<Lanes1> b, double scale, Span<double> k)
    {
        var one = Lanes1.Create(1);
        for (var j = 0; j < 3; j++)
        {
            var sigma = j switch
            {
                0 => new LaneMatrix<Lanes1> { R01 = one, R10 = one },
                1 => new LaneMatrix<Lanes1> { I01 = -one, I10 = one },
                _ => new LaneMatrix<Lanes1> { R00 = one, R11 = -one },
            };
            var m = LaneMatrix<Lanes1>.Multiply(LaneMatrix<Lanes1>.Multiply(a, sigma), b.Adjoint());
            k[j] = scale * (m.R01.Value + m.R10.Value);
            k[3 + j] = scale * (m.I10.Value - m.I01.Value);
            k[6 + j] = scale * (m.R00.Value - m.R11.Value);
        }
    }

    /// <summary>∂K/∂θ_j = Re Tr(σ_a ∂u σ_b u†) with ∂u = G_k⋯(−i/2 P_j G_j)⋯G_1, 9 values per tail gate.</summary>
    private void BlochDerivatives(System.Collections.Immutable.ImmutableArray<OpGate> tail, in LaneMatrix<Lanes1> u, double[]? result)
    {
        var half = Lanes1.Create(0.5);
        for (var j = 0; j < tail.Length; j++)
        {
            if (!tail[j].IsRotation) continue;
            var derivative = LaneMatrix<Lanes1>.Identity;
            for (var i = 0; i < tail.Length; i++)
            {
                derivative = LaneMatrix<Lanes1>.Multiply(Gate(tail[i]), derivative);
                if (i != j) continue;
                // −(i/2) P times what is there so far, P being the rotation's Pauli.
                var p = tail[i].Kind switch
                {
                    GateKind.Rx => new LaneMatrix<Lanes1> { I01 = -half, I10 = -half },
                    GateKind.Ry => new LaneMatrix<Lanes1> { R01 = -half, R10 = half },
                    _ => new LaneMatrix<Lanes1> { I00 = -half, I11 = half },
                };
                derivative = LaneMatrix<Lanes1>.Multiply(p, derivative);
            }
            BlochMatrix(derivative, u, 1, result.AsSpan(9 * j, 9));
        }
    }

    private LaneMatrix<Lanes1> Gate(OpGate g) => g.IsRotation
        ? LaneMatrix<Lanes1>.Gate(g.Kind, Lanes1.Create(Cos[g.Rotation]), Lanes1.Create(Sin[g.Rotation]))
        : LaneMatrix<Lanes1>.Fixed(g.Kind);

    private LaneMatrix<Lanes1> Product(System.Collections.Immutable.ImmutableArray<OpGate> gates)
    {
        var m = LaneMatrix<Lanes1>.Identity;
        foreach (var g in gates) m = LaneMatrix<Lanes1>.Multiply(Gate(g), m);
        return m;
    }
}
