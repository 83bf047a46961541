using System.Globalization;
using QSan.Quantum.Circuits;
using QSan.Quantum.Import;

namespace QSan.Tests.Quantum.Import;

public sealed class TemplateFromProbesTests
{
    // A QIR body in the shape qsharp-lang writes it, with angles computed from the probe's slot values.
    private static string Qir(int qubits, params string[] calls) =>
        "%Qubit = type opaque\n\ndefine i64 @ENTRYPOINT__main() #0 {\nblock_0:\n  call void @__quantum__rt__initialize(i8* null)\n"
        + string.Concat(calls.Select(c => "  call void @__quantum__qis__" + c + "\n"))
        + "  ret i64 0\n}\n\ndeclare void @__quantum__qis__h__body(%Qubit*)\n\n"
        + $"attributes #0 = {{ \"entry_point\" \"output_labeling_schema\" \"qir_profiles\"=\"base_profile\" \"required_num_qubits\"=\"{qubits}\" \"required_num_results\"=\"{qubits}\" }}\n";

    private static string Q(int id) => $"%Qubit* inttoptr (i64 {id} to %Qubit*)";

    private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static QirProgram[] Compile(double[][] probes, Func<double[], string> qir) =>
        probes.Select(p => QirProgram.Parse(qir(p), "test")).ToArray();

    [Fact]
    public void Angles_are_recovered_as_affine_functions_of_their_slots()
    {
        var probes = TemplateFromProbes.ProbeValues(3);
        var programs = Compile(probes, x => Qir(2,
            $"h__body({Q(0)})",
            $"rx__body(double {D(x[2])}, {Q(0)})",
            $"ry__body(double {D(2.0 * x[0])}, {Q(1)})",
            $"rz__body(double {D(0.5 * x[1] - 0.25)}, {Q(1)})",
            $"rz__body(double 0.75, {Q(0)})",
            $"cx__body({Q(0)}, {Q(1)})",
            $"m__body({Q(0)}, %Result* inttoptr (i64 0 to %Result*))",
            $"m__body({Q(1)}, %Result* inttoptr (i64 1 to %Result*))"));

        var template = TemplateFromProbes.Build("Test.Circuit", SlotKind.Weight, probes, programs, 2);

        Assert.Equal(3, template.WeightCount);
        Assert.Equal(0, template.InputCount);
        Assert.Equal(
            new Gate[]
            {
                new Gate(GateKind.H, 0),
                new Gate(GateKind.Rx, 0, -1, AngleSource.Weight(2)),
                new Gate(GateKind.Ry, 1, -1, AngleSource.Weight(0, 2.0)),
                new Gate(GateKind.Rz, 1, -1, AngleSource.Weight(1, 0.5, -0.25)),
                new Gate(GateKind.Rz, 0, -1, AngleSource.Constant(0.75)),
                new Gate(GateKind.Cx, 0, 1),
            },
            template.Gates.ToArray());
    }

    [Fact]
    public void An_angle_that_is_not_affine_in_one_slot_is_an_error_naming_the_gate()
    {
        var probes = TemplateFromProbes.ProbeValues(2);
        var programs = Compile(probes, x => Qir(1, $"ry__body(double {D(x[0] * x[1])}, {Q(0)})"));

        var error = Assert.Throws<CircuitImportException>(() => TemplateFromProbes.Build("Test.Product", SlotKind.Input, probes, programs, 1));

        Assert.Contains("__quantum__qis__ry__body", error.Message);
        Assert.Contains("not an affine function", error.Message);
    }

    [Fact]
    public void An_unsupported_gate_is_an_error_naming_the_gate()
    {
        var probes = TemplateFromProbes.ProbeValues(1);
        var programs = Compile(probes, _ => Qir(3, $"ccx__body({Q(0)}, {Q(1)}, {Q(2)})"));

        var error = Assert.Throws<CircuitImportException>(() => TemplateFromProbes.Build("Test.Toffoli", SlotKind.Input, probes, programs, 3));

        Assert.Contains("unsupported gate __quantum__qis__ccx__body", error.Message);
    }

    [Fact]
    public void A_gate_after_a_measurement_of_its_qubit_is_rejected()
    {
        var probes = TemplateFromProbes.ProbeValues(1);
        var programs = Compile(probes, _ => Qir(1, $"m__body({Q(0)}, %Result* inttoptr (i64 0 to %Result*))", $"h__body({Q(0)})"));

        var error = Assert.Throws<CircuitImportException>(() => TemplateFromProbes.Build("Test.Reuse", SlotKind.Input, probes, programs, 1));

        Assert.Contains("after it was measured", error.Message);
    }

    [Fact]
    public void Extra_qubits_from_mid_circuit_measurement_lowering_are_rejected()
    {
        var probes = TemplateFromProbes.ProbeValues(1);
        var programs = Compile(probes, _ => Qir(3, $"h__body({Q(0)})"));

        var error = Assert.Throws<CircuitImportException>(() => TemplateFromProbes.Build("Test.Extra", SlotKind.Input, probes, programs, 2));

        Assert.Contains("uses 3 qubits, expected 2", error.Message);
    }

    [Fact]
    public void A_gate_sequence_that_depends_on_the_angles_is_rejected()
    {
        var probes = TemplateFromProbes.ProbeValues(1);
        var programs = Compile(probes, x => x[0] > probes[0][0] - 1e-9 && x[0] < probes[0][0] + 1e-9 ? Qir(1, $"h__body({Q(0)})") : Qir(1, $"x__body({Q(0)})"));

        var error = Assert.Throws<CircuitImportException>(() => TemplateFromProbes.Build("Test.Branching", SlotKind.Input, probes, programs, 1));

        Assert.Contains("changes with the angle values", error.Message);
    }

    [Fact]
    public void Hexadecimal_doubles_in_QIR_are_read()
    {
        var bits = BitConverter.DoubleToInt64Bits(0.1).ToString("X16", CultureInfo.InvariantCulture);
        var program = QirProgram.Parse(Qir(1, $"rx__body(double 0x{bits}, {Q(0)})"), "test");

        Assert.Equal(0.1, program.Calls.Single().Angle);
    }

    [Fact]
    public void QIR_without_a_required_qubit_count_is_an_error()
    {
        var error = Assert.Throws<CircuitImportException>(() => QirProgram.Parse("define i64 @main() {\n}\n", "Some.Callable"));

        Assert.Contains("Some.Callable", error.Message);
    }
}
