using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using Xunit;

namespace QSan.Tests.Quantum.Engine;

/// <summary>
/// ForwardKeepingStates: the Vjp that follows starts from the kept states, and must give what a Vjp from scratch gives,
/// bit for bit; a Vjp with other arguments must not use them.
/// </summary>
public sealed class NativeEngineKeptStatesTests
{
    public static TheoryData<string, int> Circuits()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "qsann", "attention", "random", "no-prefix" })
            foreach (var batch in new[] { 1, 7, 40, 300 })
                data.Add(name, batch);
        return data;
    }

    [Theory]
    [MemberData(nameof(Circuits))]
    public void A_vjp_after_keeping_states_equals_one_from_scratch_bit_for_bit(string name, int batch)
    {
        var rng = new Random(name.Length * 100 + batch);
        var circuit = Circuit(name, rng);
        var check = GradientCheck.Random(circuit, batch, rng);
        foreach (var engine in NativeEngineForwardTests.Engines)
        {
            var fresh = check.Vjp(engine);
            var forward = new double[batch * circuit.ObservableCount];
            engine.ForwardKeepingStates(circuit, batch, check.Inputs, check.Weights, forward);
            var kept = check.Vjp(engine);
            Assert.Equal(fresh.Expectations, forward);
            Assert.Equal(fresh.Expectations, kept.Expectations);
            Assert.Equal(fresh.Inputs, kept.Inputs);
            Assert.Equal(fresh.Weights, kept.Weights);
            // The states are used up: the next Vjp starts from scratch and still agrees.
            Assert.Equal(fresh.Inputs, check.Vjp(engine).Inputs);
        }
    }

    [Fact]
    public void A_vjp_with_other_inputs_or_weights_ignores_the_kept_states()
    {
        var rng = new Random(3);
        var circuit = QsannCircuits.AttentionCircuit(3, 1);
        var first = GradientCheck.Random(circuit, 9, rng);
        var second = GradientCheck.Random(circuit, 9, rng);
        var engine = new NativeEngine();
        var expected = second.Vjp(new NativeEngine());
        var expectations = new double[9 * circuit.ObservableCount];

        engine.ForwardKeepingStates(circuit, 9, first.Inputs, first.Weights, expectations);
        Assert.Equal(expected.Inputs, second.Vjp(engine).Inputs);

        // Same inputs, one weight changed in its last bit.
        engine.ForwardKeepingStates(circuit, 9, second.Inputs, second.Weights, expectations);
        second.Weights[0] = Math.BitIncrement(second.Weights[0]);
        var changed = second.Vjp(engine);
        Assert.Equal(second.Vjp(new NativeEngine()).Weights, changed.Weights);
    }

    [Fact]
    public void The_default_keeps_nothing_and_is_the_plain_forward()
    {
        var rng = new Random(4);
        var circuit = QsannCircuits.TokenCircuit(2, 1);
        var check = GradientCheck.Random(circuit, 5, rng);
        IDifferentiableEngine engine = new ParameterShiftGradient(new NativeEngine());
        var kept = new double[5 * circuit.ObservableCount];
        var plain = new double[5 * circuit.ObservableCount];
        engine.ForwardKeepingStates(circuit, 5, check.Inputs, check.Weights, kept);
        engine.Forward(circuit, 5, check.Inputs, check.Weights, plain);
        Assert.Equal(plain, kept);
    }

    private static BranchedCircuit Circuit(string name, Random rng) => name switch
    {
        "qsann" => QsannCircuits.TokenCircuit(4, 1),
        "attention" => QsannCircuits.AttentionCircuit(3, 2),
        "random" => RandomCircuits.Branched(rng, 4, prefixGates: 12, branchGates: 8, branchCount: 3),
        // One branch: the compiler merges the prefix into it, so there is no prefix state.
        _ => RandomCircuits.Branched(rng, 3, prefixGates: 8, branchGates: 10, branchCount: 1),
    };
}
