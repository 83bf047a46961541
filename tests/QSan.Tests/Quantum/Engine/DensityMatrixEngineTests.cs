using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Engine.Density;
using QSan.Quantum.Engine.Simd;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;
using QSan.Tests.Quantum.Noise;
using Xunit;

namespace QSan.Tests.Quantum.Engine;

public sealed class DensityMatrixEngineTests
{
    public static TheoryData<int, int> SizesAndBatches()
    {
        var data = new TheoryData<int, int>();
        for (var n = 1; n <= 6; n++)
            foreach (var batch in new[] { 1, 7 })
                data.Add(n, batch);
        // Registers beyond the benchmark's range (at n = 10 a state is too big for lanes: one circuit per block).
        foreach (var n in new[] { 7, 8, 10 }) data.Add(n, 2);
        return data;
    }

    public static TheoryData<string> Models() =>
    [
        "depolarizing:0.05", "amplitude-damping:0.1", "phase-damping:0.2", "bit-flip:0.03+phase-flip:0.04",
        "1q@pauli:0.01:0.02:0.03+2q@amplitude-damping:0.08+measure@depolarizing:0.1+readout:0.04",
        "microsoft@pauli:0.02:0.01:0.05", "ionq-aria", "ionq-forte", "quantinuum-h2", "amplitude-damping:0.05+depolarizing:0.02",
        "1q@depolarizing:0.03+pair-depolarizing:0.12", "pair-depolarizing:0.2+2q@amplitude-damping:0.05",
    ];

    [Theory]
    [MemberData(nameof(SizesAndBatches))]
    public void Without_noise_it_equals_the_state_vector_engine(int qubits, int batch)
    {
        var rng = new Random(17 * qubits + batch);
        var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 4 + 2 * qubits, branchGates: 3 + 2 * qubits);
        var inputs = RandomCircuits.Values(rng, batch * circuit.InputCount);
        var weights = RandomCircuits.Values(rng, circuit.WeightCount);
        var expected = new double[batch * circuit.ObservableCount];
        var actual = new double[expected.Length];
        new NativeEngine().Forward(circuit, batch, inputs, weights, expected);
        new DensityMatrixEngine(NoiseModel.None).Forward(circuit, batch, inputs, weights, actual);
        NativeEngineForwardTests.AssertClose(expected, actual, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Noisy_expectations_equal_an_independent_Kraus_sum_on_dense_matrices(string spec)
    {
        var noise = NoiseModel.Parse(spec);
        var rng = new Random(spec.Length);
        for (var qubits = 1; qubits <= 3; qubits++)
        {
            var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 3 + 2 * qubits, branchGates: 2 + 2 * qubits);
            var inputs = RandomCircuits.Values(rng, circuit.InputCount);
            var weights = RandomCircuits.Values(rng, circuit.WeightCount);
            var actual = new double[circuit.ObservableCount];
            new DensityMatrixEngine(noise).Forward(circuit, 1, inputs, weights, actual);
            NativeEngineForwardTests.AssertClose(DenseReference.Expectations(circuit, noise, inputs, weights), actual, 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Gradients_under_noise_match_finite_differences_and_parameter_shift(string spec)
    {
        var rng = new Random(3 * spec.Length);
        for (var qubits = 1; qubits <= 4; qubits++)
        {
            var engine = new DensityMatrixEngine(NoiseModel.Parse(spec));
            var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 4 + 2 * qubits, branchGates: 3 + 2 * qubits);
            var check = GradientCheck.Random(circuit, 3, rng);
            var adjoint = check.Vjp(engine);
            var differences = check.FiniteDifferences(engine);
            NativeEngineForwardTests.AssertClose(differences.Inputs, adjoint.Inputs, 1e-6);
            NativeEngineForwardTests.AssertClose(differences.Weights, adjoint.Weights, 1e-6);
            var shift = check.Vjp(new ParameterShiftGradient(engine));
            NativeEngineForwardTests.AssertClose(shift.Inputs, adjoint.Inputs, 1e-10);
            NativeEngineForwardTests.AssertClose(shift.Weights, adjoint.Weights, 1e-10);
            NativeEngineForwardTests.AssertClose(shift.Expectations, adjoint.Expectations, 1e-12);
        }
    }

    public static TheoryData<string> ChannelKinds() =>
    [
        "depolarizing:0.07", "amplitude-damping:0.15", "phase-damping:0.25", "bit-flip:0.06", "phase-flip:0.09",
        "pauli:0.02:0.05:0.03", "measure@amplitude-damping:0.2+readout:0.05", "2q@phase-damping:0.1+1q@bit-flip:0.02",
        "pair-depolarizing:0.15",
    ];

    [Theory]
    [MemberData(nameof(ChannelKinds))]
    public void Every_channel_kind_on_four_to_six_qubits_equals_the_dense_Kraus_sum(string spec)
    {
        var noise = NoiseModel.Parse(spec);
        var rng = new Random(7 * spec.Length);
        for (var qubits = 4; qubits <= 6; qubits++)
            AssertBatchEqualsDenseKrausSum(RandomCircuits.Branched(rng, qubits, prefixGates: 4 + 2 * qubits, branchGates: 3 + 2 * qubits), noise, 3, rng);
    }

    /// <summary>A batch of random inputs on the engine, each row against <see cref="DenseReference"/> to 1e-12.</summary>
    private static void AssertBatchEqualsDenseKrausSum(BranchedCircuit circuit, NoiseModel noise, int batch, Random rng)
    {
        var inputs = RandomCircuits.Values(rng, batch * circuit.InputCount);
        var weights = RandomCircuits.Values(rng, circuit.WeightCount);
        var actual = new double[batch * circuit.ObservableCount];
        new DensityMatrixEngine(noise).Forward(circuit, batch, inputs, weights, actual);
        for (var row = 0; row < batch; row++)
        {
            var rowInputs = inputs.AsSpan(row * circuit.InputCount, circuit.InputCount).ToArray();
            NativeEngineForwardTests.AssertClose(DenseReference.Expectations(circuit, noise, rowInputs, weights),
                actual.AsSpan(row * circuit.ObservableCount, circuit.ObservableCount).ToArray(), 1e-12);
        }
    }

    public static TheoryData<int, int> WidthsAndBatches()
    {
        var data = new TheoryData<int, int>();
        foreach (var width in new[] { LaneWidth.Scalar, LaneWidth.Vector256, LaneWidth.Vector512 })
            foreach (var batch in new[] { 1, 3, 5, 9, 13, 37 })
                data.Add((int)width, batch);
        return data;
    }

    [Theory]
    [MemberData(nameof(WidthsAndBatches))]
    public void Every_lane_width_thread_count_and_ragged_batch_gives_the_one_circuit_results(int width, int batch)
    {
        var noise = NoiseModel.Parse("1q@depolarizing:0.03+2q@amplitude-damping:0.05+measure@bit-flip:0.02+readout:0.01");
        var rng = new Random(31 * width + batch);
        foreach (var qubits in new[] { 2, 4 })
        {
            var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 4 + 2 * qubits, branchGates: 3 + 2 * qubits);
            var check = GradientCheck.Random(circuit, batch, rng);
            var wide = check.Vjp(new DensityMatrixEngine(noise, (LaneWidth)width, 2));
            // One circuit at a time on one thread: no lanes shared, no chunks.
            var expectations = new List<double>();
            var inputGradients = new List<double>();
            var weightGradients = new double[circuit.WeightCount];
            for (var row = 0; row < batch; row++)
            {
                var single = new GradientCheck(circuit, 1, check.Inputs.AsSpan(row * circuit.InputCount, circuit.InputCount).ToArray(), check.Weights,
                    check.Cotangents.AsSpan(row * circuit.ObservableCount, circuit.ObservableCount).ToArray());
                var one = single.Vjp(new DensityMatrixEngine(noise, LaneWidth.Scalar, 1));
                expectations.AddRange(one.Expectations);
                inputGradients.AddRange(one.Inputs);
                for (var s = 0; s < weightGradients.Length; s++) weightGradients[s] += one.Weights[s];
            }
            NativeEngineForwardTests.AssertClose([.. expectations], wide.Expectations, 1e-12);
            NativeEngineForwardTests.AssertClose([.. inputGradients], wide.Inputs, 1e-12);
            NativeEngineForwardTests.AssertClose(weightGradients, wide.Weights, 1e-11);
        }
    }

    [Fact]
    public void QSANN_token_circuit_gradients_under_depolarizing_noise_match_parameter_shift_on_a_full_block()
    {
        // The benchmark's circuit: product layer, a gathered CNOT ring, fused layers and reduced tails, 8 lanes and a ragged rest.
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var engine = new DensityMatrixEngine(NoiseModel.AfterEveryGate(NoiseChannel.Depolarizing(0.01)));
        var check = GradientCheck.Random(circuit, 11, new Random(2));
        var adjoint = check.Vjp(engine);
        var shift = check.Vjp(new ParameterShiftGradient(engine));
        NativeEngineForwardTests.AssertClose(shift.Expectations, adjoint.Expectations, 1e-12);
        NativeEngineForwardTests.AssertClose(shift.Inputs, adjoint.Inputs, 1e-10);
        NativeEngineForwardTests.AssertClose(shift.Weights, adjoint.Weights, 1e-10);
    }

    [Fact]
    public void Flops_per_circuit_grow_with_the_register_and_shrink_with_fusion()
    {
        var noise = NoiseModel.AfterEveryGate(NoiseChannel.Depolarizing(0.01));
        var engine = new DensityMatrixEngine(noise);
        var (two, four, six) = (engine.FlopsPerCircuit(QsannCircuits.TokenCircuit(2, 1)), engine.FlopsPerCircuit(QsannCircuits.TokenCircuit(4, 1)),
            engine.FlopsPerCircuit(QsannCircuits.TokenCircuit(6, 1)));
        Assert.True(two < four && four < six, $"{two} {four} {six}");
        // n = 4: four fused passes of 64 groups (15 flops each, unital) dominate; an unfused engine would make 16 such passes.
        Assert.InRange(four, 4 * 64 * 15, 8 * 64 * 15);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void Each_CNOT_ring_of_the_token_circuit_compiles_to_one_gather_and_each_layer_to_one_scaling(int qubits)
    {
        // The branch's ring follows four fused layers; flushed one gate at a time they would split it into several gathers.
        var program = new PauliProgram(QsannCircuits.TokenCircuit(qubits, 1), NoiseModel.AfterEveryGate(NoiseChannel.Depolarizing(0.01)));
        Assert.Equal([typeof(ProductOp), typeof(RunOp)], program.PrefixOps.Select(op => op.GetType()));
        var branch = Assert.Single(program.Branches);
        Assert.Equal(Enumerable.Repeat(typeof(FusedOp), qubits), branch.Ops.Select(op => op.GetType()));
        Assert.NotNull(branch.Readout);
        // Depolarizing commutes with the rotations: each fused layer scales once, after its three rotations.
        Assert.All(branch.Ops.Cast<FusedOp>(), op => Assert.Equal([true, true, true, false], op.Factors.Select(f => f.IsRotation)));
        // Only the encoder's rotation is per circuit: the rest of each layer is one shared matrix, turned per circuit.
        Assert.All(program.LaneMatrixOps, op => Assert.Equal((true, 1), (op.SharedSlot >= 0, op.Split)));
    }

    [Theory]
    [InlineData("depolarizing:0.03")]
    [InlineData("amplitude-damping:0.05+readout:0.02")]
    [InlineData("ionq-aria")]
    [InlineData("1q@phase-damping:0.04+pair-depolarizing:0.05")]
    public void The_QSANN_attention_circuit_under_noise_equals_the_dense_Kraus_sum(string spec)
    {
        // Input rotations then weight-only factors: the per-circuit matrices are the shared end turned by the input angle.
        var noise = NoiseModel.Parse(spec);
        var rng = new Random(spec.Length);
        foreach (var qubits in new[] { 3, 4 }) AssertBatchEqualsDenseKrausSum(QsannCircuits.AttentionCircuit(qubits, 1), noise, 9, rng);
    }

    [Fact]
    public void Native_flops_per_circuit_double_with_each_qubit_and_stay_below_the_noisy_count()
    {
        // A state vector's passes dominate from a few qubits on, and each qubit doubles them.
        var native = Enumerable.Range(6, 5).Select(n => NativeEngine.FlopsPerCircuit(QsannCircuits.TokenCircuit(n, 1))).ToArray();
        for (var i = 1; i < native.Length; i++) Assert.InRange((double)native[i] / native[i - 1], 1.8, 2.6);
        var noisy = new DensityMatrixEngine(NoiseModel.AfterEveryGate(NoiseChannel.Depolarizing(0.01)));
        Assert.True(NativeEngine.FlopsPerCircuit(QsannCircuits.TokenCircuit(4, 1)) < noisy.FlopsPerCircuit(QsannCircuits.TokenCircuit(4, 1)));
    }

    [Fact]
    public void The_QSANN_attention_circuit_loses_contrast_as_depolarizing_noise_grows()
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var rng = new Random(5);
        var inputs = RandomCircuits.Values(rng, circuit.InputCount);
        var weights = RandomCircuits.Values(rng, circuit.WeightCount);
        double Magnitude(double p)
        {
            var e = new double[circuit.ObservableCount];
            new DensityMatrixEngine(NoiseModel.AfterEveryGate(NoiseChannel.Depolarizing(p))).Forward(circuit, 1, inputs, weights, e);
            return e.Sum(Math.Abs);
        }
        var (clean, some, much) = (Magnitude(0), Magnitude(0.01), Magnitude(0.1));
        Assert.True(clean > some && some > much, $"{clean} {some} {much}");
    }

    [Fact]
    public void A_model_for_a_smaller_device_than_the_circuit_is_refused()
    {
        var small = NoiseModel.Parse("depolarizing:0.01") with { MaxQubits = 2 };
        var circuit = QsannCircuits.TokenCircuit(3, 1);
        var e = Assert.Throws<NoiseException>(() => new DensityMatrixEngine(small).Forward(circuit, 0, [], new double[circuit.WeightCount], []));
        Assert.Contains("2-qubit device", e.Message);
    }
}
