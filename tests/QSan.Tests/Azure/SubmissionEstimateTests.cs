using QSan.Azure.Engines;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Azure;

/// <summary>Sizes and cost estimates before submission, with the providers' published formulas.</summary>
public sealed class SubmissionEstimateTests
{
    private static IReadOnlyList<PackedProgram> OneToken(int maxQubits)
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        return new ShotEngine(new LocalShotBackend(maxQubits: maxQubits)).Programs(circuit, 1, new double[circuit.InputCount], new double[circuit.WeightCount]);
    }

    [Fact]
    public void One_QSANN_token_on_four_qubits_is_five_circuits_in_one_job()
    {
        var estimate = SubmissionEstimate.For(TargetCatalog.Find("ionq.simulator"), OneToken(29), 500);

        Assert.Equal(1, estimate.Jobs);
        Assert.Equal(5, estimate.Circuits);
        Assert.Equal(500, estimate.TotalShots);
        Assert.Equal(40, estimate.TwoQubitGates); // 5 circuits × (encoder ring + ansatz ring) of 4 CNOTs
        Assert.Equal(20, estimate.Measurements);
        Assert.Equal(0, estimate.Cost);
        Assert.Contains("free", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void IonQ_charges_gate_shots_with_a_minimum_per_job()
    {
        var programs = OneToken(8);
        var estimate = SubmissionEstimate.For(TargetCatalog.Find("ionq.qpu.aria-1"), programs, 1000);
        var expected = programs.Sum(p =>
        {
            var gates = p.ToConstantCircuit().Gates;
            return Math.Max(97.5, 1000 * (0.000220 * gates.Count(g => !QSan.Quantum.Circuits.GateKinds.IsTwoQubit(g.Kind)) + 0.000975 * gates.Count(g => QSan.Quantum.Circuits.GateKinds.IsTwoQubit(g.Kind))));
        });

        Assert.Equal(3, estimate.Jobs);
        Assert.Equal(expected, estimate.Cost!.Value, 9);
        Assert.Equal("USD", estimate.Currency);
        Assert.Contains("estimate", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quantinuum_charges_credits_per_job_and_emulator_credits_on_emulators()
    {
        var programs = OneToken(32);
        var emulator = SubmissionEstimate.For(TargetCatalog.Find("quantinuum.sim.h2-1e"), programs, 100);
        var machine = SubmissionEstimate.For(TargetCatalog.Find("quantinuum.qpu.h2-1"), programs, 100);
        var checker = SubmissionEstimate.For(TargetCatalog.Find("quantinuum.sim.h2-1sc"), programs, 100);

        // Learn's N_m counts state preparations and measurements: each qubit is prepared once and measured once.
        Assert.Equal(emulator.Measurements, emulator.StatePreparations);
        Assert.Equal(5 + 100 * (emulator.OneQubitGates + 10.0 * emulator.TwoQubitGates + 5.0 * (emulator.StatePreparations + emulator.Measurements)) / 5000, emulator.Cost!.Value, 9);
        Assert.Equal("EHQC", emulator.Currency);
        Assert.Equal("HQC", machine.Currency);
        Assert.Equal(0, checker.Cost);
    }

    [Fact]
    public void One_token_on_an_H2_emulator_is_quoted_80_2_eHQC_with_state_preparations_counted()
    {
        // 5 circuits of 4 qubits, 500 shots: N1q = 152, N2q = 40, N_m = 20 preparations + 20 measurements.
        var estimate = SubmissionEstimate.For(TargetCatalog.Find("quantinuum.sim.h2-1e"), OneToken(32), 500);

        Assert.Equal(152, estimate.OneQubitGates);
        Assert.Equal(20, estimate.StatePreparations);
        Assert.Equal(80.2, estimate.Cost!.Value, 9); // counting measurements alone gave 70.2
        Assert.Contains("20 state preparations", estimate.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ionq.qpu.forte-1")]
    [InlineData("ionq.qpu.forte-enterprise-1")]
    public void Forte_is_priced_as_Learn_s_pricing_page_gives_it(string target)
    {
        var programs = OneToken(36);
        var small = SubmissionEstimate.For(TargetCatalog.Find(target), programs, 100);
        var large = SubmissionEstimate.For(TargetCatalog.Find(target), programs, 1_000_000);

        Assert.Equal(168.195, small.Cost!.Value, 9); // the minimum per program
        Assert.Equal(1_000_000 * (0.0001645 * large.OneQubitGates + 0.001121 * large.TwoQubitGates), large.Cost!.Value, 6);
        Assert.Equal("USD", large.Currency);
    }

    [Fact]
    public void Targets_without_a_known_price_say_the_cost_is_unknown()
    {
        var estimate = SubmissionEstimate.For(TargetCatalog.Find("ionq.qpu.tempo-1"), OneToken(25), 100);

        Assert.Null(estimate.Cost);
        Assert.Contains("unknown", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_families_are_refused_with_the_known_targets() =>
        Assert.Contains("ionq.simulator", Assert.Throws<ArgumentException>(() => TargetCatalog.Find("rigetti.sim.qvm")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("ionq.qpu", "ionq.qpu.aria-1")]
    [InlineData("ionq.qpu.aria-2", "ionq.qpu.forte-1")]
    [InlineData("quantinuum.sim.h1-1e", "quantinuum.sim.h2-1e")]
    [InlineData("quantinuum.qpu.h1-1", "quantinuum.qpu.helios-1")]
    public void A_retired_target_is_refused_naming_the_current_ones(string retired, string current)
    {
        var error = Assert.Throws<TargetRetiredException>(() => TargetCatalog.Find(retired));

        Assert.Contains("retired", error.Message, StringComparison.Ordinal);
        Assert.Contains(current, error.Current);
        Assert.Contains(current, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(retired, error.Current);
    }

    [Fact]
    public void The_live_list_gives_the_workspaces_sizes_and_refuses_targets_it_does_not_offer()
    {
        ProviderStatus[] live =
        [
            new("ionq", "Available", [new("ionq.qpu.aria-1", "Degraded", 5400, null, NumQubits: 23), new("ionq.qpu.aria-2", "Unavailable", 0, null)]),
            new("microsoft-qc", "Available", [new("microsoft.estimator", "Available", 0, null)]),
        ];

        var aria = TargetCatalog.Check("ionq.qpu.aria-1", live);
        var error = Assert.Throws<TargetRetiredException>(() => TargetCatalog.Check("ionq.qpu.forte-1", live));

        Assert.Equal(23, aria.MaxQubits);
        Assert.Equal("Degraded", aria.Availability);
        Assert.Equal(["ionq.qpu.aria-1"], TargetCatalog.Live(live).Select(t => t.Id));
        Assert.Equal(["ionq.qpu.aria-1"], error.Current);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", TargetCatalog.AsOf);
    }
}
