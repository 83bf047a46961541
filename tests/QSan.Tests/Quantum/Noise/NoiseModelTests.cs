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
    public void The_forte_preset_carries_ionq_s_benchmarked_error_rates_as_channels()
    {
        var forte = NoiseModel.Parse("ionq-forte");
        Assert.Same(NoiseModel.IonQForte, forte);
        Assert.Equal(36, forte.MaxQubits);
        // DRB error rates 2.0e-4 (1q) and 46.4e-4 (2q) are Pauli-error probabilities: each is the p of its channel, the
        // two-qubit one on the gate's pair.
        Assert.Equal(2.0e-4, Assert.Single(forte.AfterSingleQubitGates).Probability, 12);
        Assert.Empty(forte.AfterTwoQubitGates);
        Assert.Equal(46.4e-4, forte.PairDepolarizing, 12);
        Assert.Equal(0, forte.ReadoutError);
        Assert.False(forte.IsNoiseless);
        // Forte's figures sit between Aria's and H2's: a check that no preset swapped its single- and two-qubit figures.
        Assert.True(NoiseModel.QuantinuumH2.PairDepolarizing < forte.PairDepolarizing);
        Assert.True(forte.AfterSingleQubitGates[0].Probability < NoiseModel.IonQAria.AfterSingleQubitGates[0].Probability);
    }

    [Fact]
    public void The_h2_preset_carries_quantinuum_s_spec_sheet_figures()
    {
        var h2 = NoiseModel.QuantinuumH2;
        Assert.Equal(1.5 * 3.4e-5, h2.AfterSingleQubitGates[0].Probability, 12);
        Assert.Equal(1.25 * 1.36e-3, h2.PairDepolarizing, 12);
        Assert.Equal(1.5e-3, h2.ReadoutError, 12);
    }

    [Fact]
    public void Every_preset_is_named_in_the_accepted_forms_and_fits_its_device_only()
    {
        foreach (var preset in NoiseModel.Presets)
        {
            Assert.Contains(preset.Spec, NoiseModel.AcceptedForms);
            Assert.Same(preset, NoiseModel.Parse(preset.Spec.ToUpperInvariant()));
            preset.CheckQubits(preset.MaxQubits!.Value);
            var e = Assert.Throws<NoiseException>(() => preset.CheckQubits(preset.MaxQubits.Value + 1));
            Assert.Contains(preset.Spec, e.Message);
        }
        Assert.Equal(NoiseModel.Presets.Length, NoiseModel.Presets.Select(p => p.Spec).Distinct().Count());
    }

    [Fact]
    public void None_and_zero_strengths_are_noiseless()
    {
        Assert.True(NoiseModel.Parse("none").IsNoiseless);
        Assert.True(NoiseModel.Parse("depolarizing:0").IsNoiseless);
        Assert.False(NoiseModel.Parse("readout:0.1").IsNoiseless);
        Assert.True(NoiseModel.Parse("pair-depolarizing:0").IsNoiseless);
        Assert.False(NoiseModel.Parse("pair-depolarizing:0.01").IsNoiseless);
    }

    [Fact]
    public void A_pair_channel_follows_two_qubit_gates_and_two_in_a_row_compose()
    {
        var model = NoiseModel.Parse("1q@depolarizing:0.001+pair-depolarizing:0.03");
        Assert.Equal<NoiseChannel>([NoiseChannel.Depolarizing(0.001)], model.AfterSingleQubitGates.ToArray());
        Assert.Empty(model.AfterTwoQubitGates);
        Assert.Equal(0.03, model.PairDepolarizing, 15);
        Assert.Equal(1 - 16.0 / 15 * 0.03, model.PairShrink, 15);
        Assert.Equal(0.03, NoiseModel.Parse("2q@pair-depolarizing:0.03").PairDepolarizing, 15);
        // Strings on the pair shrink by the product of the two channels' factors.
        var twice = NoiseModel.Parse("pair-depolarizing:0.03+pair-depolarizing:0.05");
        Assert.Equal((1 - 16.0 / 15 * 0.03) * (1 - 16.0 / 15 * 0.05), twice.PairShrink, 15);
    }

    [Theory]
    [InlineData("ionq-harmony", "Unknown noise model")]
    [InlineData("ionq-fort", "ionq-forte")]
    [InlineData("everywhere@depolarizing:0.1", "Unknown noise placement")]
    [InlineData("readout:2", "[0, 1]")]
    [InlineData("depolarizing", "reads depolarizing:probability")]
    [InlineData("depolarizing:-1", "[0, 1]")]
    [InlineData("pair-depolarizing:1.5", "[0, 1]")]
    [InlineData("1q@pair-depolarizing:0.01", "pair of a two-qubit gate")]
    public void Bad_specifications_are_refused_with_a_clear_message(string spec, string expected)
    {
        var e = Assert.Throws<NoiseException>(() => NoiseModel.Parse(spec));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_model_reads_back_from_its_spec() =>
        Assert.Equal(NoiseModel.Parse("2q@depolarizing:0.01+readout:0.02"), NoiseModel.Parse(NoiseModel.Parse("2q@depolarizing:0.01+readout:0.02").Spec));
}
