using QSan.Quantum.Noise;
using Xunit;

namespace QSan.Tests.Quantum.Noise;

public sealed class NoiseModelTests
{
    [Fact]
    public void A_bare_channel_follows_every_gate_and_not_the_measurement()
    {
        var model = NoiseModel.Parse("amplitude-damping:0.02");
        Assert.Equal<NoiseChannel>([NoiseChannel.AmplitudeDamping(0.02)], model.AfterSingleQubitGates.ToArray());
        Assert.Equal<NoiseChannel>([NoiseChannel.AmplitudeDamping(0.02)], model.AfterTwoQubitGates.ToArray());
        Assert.Empty(model.BeforeMeasurement);
        Assert.Equal(0, model.ReadoutError);
    }

    [Fact]
    public void Placements_and_readout_combine_with_plus()
    {
        var model = NoiseModel.Parse("1q@depolarizing:0.001 + 2q@depolarizing:0.01 + measure@bit-flip:0.02 + readout:0.01");
        Assert.Equal<NoiseChannel>([NoiseChannel.Depolarizing(0.001)], model.AfterSingleQubitGates.ToArray());
        Assert.Equal<NoiseChannel>([NoiseChannel.Depolarizing(0.01)], model.AfterTwoQubitGates.ToArray());
        Assert.Equal<NoiseChannel>([NoiseChannel.BitFlip(0.02)], model.BeforeMeasurement.ToArray());
        Assert.Equal(0.01, model.ReadoutError, 15);
    }

    [Fact]
    public void The_microsoft_placement_adds_the_channel_before_measurements_too()
    {
        var model = NoiseModel.Parse("microsoft@pauli:0.01:0:0.02");
        Assert.Single(model.AfterSingleQubitGates);
        Assert.Single(model.AfterTwoQubitGates);
        Assert.Equal<NoiseChannel>([NoiseChannel.Pauli(0.01, 0, 0.02)], model.BeforeMeasurement.ToArray());
    }

    [Fact]
    public void Presets_are_found_by_name_and_carry_their_device_size()
    {
        var aria = NoiseModel.Parse("IonQ-Aria");
        Assert.Same(NoiseModel.IonQAria, aria);
        Assert.Equal(25, aria.MaxQubits);
        // 99.95 % single-qubit fidelity → p = 1.5 × 5e-4; SPAM 99.61 % → readout 3.9e-3.
        Assert.Equal(7.5e-4, aria.AfterSingleQubitGates[0].Probability, 12);
        Assert.Equal(0.0039, aria.ReadoutError, 12);
        Assert.Equal(56, NoiseModel.Parse("quantinuum-h2").MaxQubits);
    }

    [Fact]
    public void None_and_zero_strengths_are_noiseless()
    {
        Assert.True(NoiseModel.Parse("none").IsNoiseless);
        Assert.True(NoiseModel.Parse("depolarizing:0").IsNoiseless);
        Assert.False(NoiseModel.Parse("readout:0.1").IsNoiseless);
    }

    [Theory]
    [InlineData("ionq-harmony", "Unknown noise model")]
    [InlineData("everywhere@depolarizing:0.1", "Unknown noise placement")]
    [InlineData("readout:2", "[0, 1]")]
    [InlineData("depolarizing", "reads depolarizing:probability")]
    [InlineData("depolarizing:-1", "[0, 1]")]
    public void Bad_specifications_are_refused_with_a_clear_message(string spec, string expected)
    {
        var e = Assert.Throws<NoiseException>(() => NoiseModel.Parse(spec));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_model_reads_back_from_its_spec() =>
        Assert.Equal(NoiseModel.Parse("2q@depolarizing:0.01+readout:0.02"), NoiseModel.Parse(NoiseModel.Parse("2q@depolarizing:0.01+readout:0.02").Spec));
}
