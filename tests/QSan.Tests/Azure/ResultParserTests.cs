using System.Text;
using QSan.Azure.Results;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Shots;

namespace QSan.Tests.Azure;

/// <summary>
/// Each provider's bit order, tested on a circuit with a known outcome: X on qubit 0 and qubit 2 of 4 (results 1, 0, 1, 0).
/// The native engine confirms ⟨Z⟩ = −1, +1, −1, +1; every format's text for that outcome must parse to the same.
/// </summary>
public sealed class ResultParserTests
{
    private const ulong Known = 0b0101; // qubits 0 and 2 are One

    private static readonly double[] ExpectedZ = [-1, 1, -1, 1];

    private static void AssertKnownOutcome(OutcomeHistogram histogram)
    {
        Assert.Equal(4, histogram.BitCount);
        var estimates = Enumerable.Range(0, 4).Select(q => ExpectationEstimate.FromOneProbability(histogram.OneProbability(q), histogram.Shots).Value);
        Assert.Equal(ExpectedZ, estimates);
    }

    [Fact]
    public void The_known_circuit_really_has_the_known_outcome()
    {
        var flip = new CircuitTemplate("flip", 4, 0, 0, [new Gate(GateKind.X, 0), new Gate(GateKind.X, 2)]);
        var circuit = new BranchedCircuit(flip, [new CircuitBranch("z", new CircuitTemplate("none", 4, 0, 0, []), [.. Enumerable.Range(0, 4).Select(q => new PauliTerm(Pauli.Z, q))])]);
        var native = new double[4];
        new NativeEngine().Forward(circuit, 1, [], [], native);
        var probabilities = StateVectorSimulator.Probabilities(flip);

        Assert.Equal(ExpectedZ, native.Select(v => Math.Round(v, 12)));
        Assert.Equal(1, probabilities[Known], 12);
    }

    [Fact]
    public void IonQ_keys_are_integers_with_qubit_zero_as_the_least_significant_bit()
    {
        // 0b0101 = 5: qubits 0 and 2.
        AssertKnownOutcome(ResultParser.Parse(OutputFormats.IonQ, """{"histogram": {"5": 1.0}}"""u8, 4, 100));
        Assert.Equal(100, ResultParser.Parse(OutputFormats.IonQ, """{"histogram": {"5": 1.0}}"""u8, 4, 100).Shots);
    }

    [Fact]
    public void Quantinuum_strings_put_the_highest_classical_bit_first()
    {
        // c[3] c[2] c[1] c[0] = 0 1 0 1.
        var histogram = ResultParser.Parse(OutputFormats.Quantinuum, """{"c": ["0101", "0101", "0101"]}"""u8, 4, 0);
        AssertKnownOutcome(histogram);
        Assert.Equal(3, histogram.Shots);
    }

    [Fact]
    public void Microsoft_V1_histograms_list_result_zero_first()
    {
        AssertKnownOutcome(ResultParser.Parse(OutputFormats.MicrosoftV1, """{"Histogram": ["[1, 0, 1, 0]", 1.0]}"""u8, 4, 10));
        AssertKnownOutcome(ResultParser.Parse(OutputFormats.MicrosoftV1, """{"Histogram": ["[One, Zero, One, Zero]", 1.0]}"""u8, 4, 10));
    }

    [Fact]
    public void Microsoft_V2_outcomes_are_result_arrays_with_counts()
    {
        AssertKnownOutcome(ResultParser.Parse(OutputFormats.MicrosoftV2,
            """{"DataFormat": "microsoft.quantum-results.v2", "Results": [{"Histogram": [{"Outcome": [1, 0, 1, 0], "Display": "[1, 0, 1, 0]", "Count": 7}], "Shots": []}]}"""u8, 4, 0));
    }

    [Fact]
    public void Microsofts_own_V2_example_parses_to_even_odds()
    {
        // azure-quantum-python tests/unit/test_job_results.py: test_job_for_microsoft_quantum_results_v2_success.
        var histogram = ResultParser.Parse(OutputFormats.MicrosoftV2,
            """{"DataFormat": "microsoft.quantum-results.v2", "Results": [{"Histogram": [{"Outcome": [0], "Display": "[0]", "Count": 2}, {"Outcome": [1], "Display": "[1]", "Count": 2}], "Shots": [[0], [1], [1], [0]]}]}"""u8, 1, 0);
        Assert.Equal(0.5, histogram.OneProbability(0));
        Assert.Equal(4, histogram.Shots);
    }

    [Theory]
    [InlineData(1e-5)]
    [InlineData(-1e-5)]
    [InlineData(0.009)]
    public void A_histogram_off_from_one_within_the_tolerance_is_renormalised(double offset)
    {
        // Real IonQ histograms are rounded probabilities (seen off by ~1e-5); a paid job must not be lost to that.
        var output = Encoding.UTF8.GetBytes("""{"histogram": {"5": """ + (0.75 + offset).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + """, "0": 0.25}}""");
        var histogram = ResultParser.Parse(OutputFormats.IonQ, output, 4, 100);

        Assert.Equal(1, histogram.Outcomes.Sum(o => o.Probability), 12);
        Assert.Equal((0.75 + offset) / (1 + offset), histogram.Outcomes.Single(o => o.Bits == Known).Probability, 12);
    }

    [Fact]
    public void A_histogram_off_by_more_than_the_tolerance_is_refused_as_broken()
    {
        var error = Assert.Throws<ResultFormatException>(() => ResultParser.Parse(OutputFormats.IonQ, """{"histogram": {"5": 0.98}}"""u8, 4, 100));
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
        Assert.Equal(1e-2, ResultParser.ProbabilityTolerance);
    }

    [Theory]
    [InlineData(OutputFormats.IonQ, """{"histogram": {"16": 1.0}}""", "more than the program's 4 qubits")]
    [InlineData(OutputFormats.IonQ, """{"histogram": {"1": 0.5}}""", "add up to 0.5")]
    [InlineData(OutputFormats.IonQ, """{"counts": {}}""", "no \"histogram\"")]
    [InlineData(OutputFormats.Quantinuum, """{"c": ["01"]}""", "not a 4-bit string")]
    [InlineData(OutputFormats.Quantinuum, """{"m": ["0101"]}""", "no \"c\" register")]
    [InlineData(OutputFormats.MicrosoftV1, """{"Histogram": ["[0, 0, 0, 0]"]}""", "alternating")]
    [InlineData(OutputFormats.MicrosoftV2, """{"DataFormat": "microsoft.quantum-results.v1", "Results": []}""", "declares DataFormat")]
    [InlineData(OutputFormats.MicrosoftV2, """{"Results": [{"Histogram": [{"Outcome": [0, "x", 1, 0], "Count": 1}]}]}""", "neither 0 or 1 nor a lost-qubit marker")]
    [InlineData(OutputFormats.MicrosoftV2, """{"Results": [{"Histogram": [{"Outcome": [0, "-", 1, 0], "Count": 3}]}]}""", "all 3 shots have lost-qubit markers")]
    [InlineData("unknown.format", "{}", "Unknown output format")]
    [InlineData(OutputFormats.IonQ, "not json", "not JSON")]
    public void Malformed_outputs_are_clear_errors(string format, string output, string message)
    {
        var error = Assert.Throws<ResultFormatException>(() => ResultParser.Parse(format, Encoding.UTF8.GetBytes(output), 4, 100));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slicing_a_programs_histogram_gives_each_slots_own_distribution()
    {
        var histogram = OutcomeHistogram.FromCounts(4, new Dictionary<ulong, int> { [0b0110] = 3, [0b1001] = 1 });
        var second = histogram.Slice(2, 2);

        Assert.Equal(0.75, second.OneProbability(0));
        Assert.Equal(0.25, second.OneProbability(1));
        Assert.Equal(4, second.Shots);
    }
}
