using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Engine.Simd;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;
using Xunit;

namespace QSan.Tests.Quantum.Engine;

/// <summary>
/// A call is cut into chunks by its size alone, and the chunks' weight gradients are added in chunk order, so the lane
/// engines give the same numbers bit for bit on one thread, on the calling thread and ChunkTeam's helper, and on the
/// thread pool: training reproduces on a machine with another processor count.
/// </summary>
public sealed class EngineThreadCountTests
{
    // One chunk (12 circuits), two chunks through ChunkTeam (a Yelp minibatch's 120), many through the pool (4,000).
    public static TheoryData<int> Batches() => [12, 120, 4000];

    [Theory]
    [MemberData(nameof(Batches))]
    public void The_native_engine_gives_the_same_bits_on_any_number_of_threads(int batch)
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var check = GradientCheck.Random(circuit, batch, new Random(batch));
        var alone = new NativeEngine(LaneWidth.Vector512, 1);
        var expected = check.Vjp(alone);
        var expectedForward = Forward(alone, check, keepStates: false);
        foreach (var threads in new[] { 2, 3, 16 })
        {
            var engine = new NativeEngine(LaneWidth.Vector512, threads);
            Assert.Equal(expectedForward, Forward(engine, check, keepStates: false));
            Assert.Equal(expectedForward, Forward(engine, check, keepStates: true));
            var kept = check.Vjp(engine);
            var fresh = check.Vjp(engine);
            foreach (var actual in new[] { kept, fresh })
            {
                Assert.Equal(expected.Expectations, actual.Expectations);
                Assert.Equal(expected.Inputs, actual.Inputs);
                Assert.Equal(expected.Weights, actual.Weights);
            }
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(400)]
    public void The_density_matrix_engine_gives_the_same_bits_on_any_number_of_threads(int batch)
    {
        var circuit = QsannCircuits.AttentionCircuit(3, 1);
        var noise = NoiseModel.Parse("1q@depolarizing:0.03+2q@amplitude-damping:0.05+readout:0.01");
        var check = GradientCheck.Random(circuit, batch, new Random(batch));
        var expected = check.Vjp(new DensityMatrixEngine(noise, 1));
        foreach (var threads in new[] { 2, 16 })
        {
            var actual = check.Vjp(new DensityMatrixEngine(noise, threads));
            Assert.Equal(expected.Expectations, actual.Expectations);
            Assert.Equal(expected.Inputs, actual.Inputs);
            Assert.Equal(expected.Weights, actual.Weights);
        }
    }

    private static double[] Forward(NativeEngine engine, GradientCheck check, bool keepStates)
    {
        var expectations = new double[check.Batch * check.Circuit.ObservableCount];
        if (keepStates) engine.ForwardKeepingStates(check.Circuit, check.Batch, check.Inputs, check.Weights, expectations);
        else engine.Forward(check.Circuit, check.Batch, check.Inputs, check.Weights, expectations);
        return expectations;
    }
}
