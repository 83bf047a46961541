using System.Numerics;
using QSan.Quantum.Bridge;
using Xunit;

namespace QSan.Tests.Quantum.Bridge;

[Collection(QSharpBridgeCollection.Name)]
public sealed class QSharpBridgeDumpTests(QSharpBridgeFixture fixture)
{
    private const string Source = """
        namespace Probe {
            import Std.Diagnostics.*;

            operation Rotated(a : Double, b : Double, c : Double) : Unit {
                use qs = Qubit[2];
                Rx(a, qs[0]);
                Rz(c, qs[0]);
                Ry(b, qs[1]);
                DumpMachine();
                CNOT(qs[0], qs[1]);
                DumpMachine();
                ResetAll(qs);
            }

            operation FirstQubitFlipped() : Unit {
                use qs = Qubit[3];
                X(qs[0]);
                DumpMachine();
                ResetAll(qs);
            }
        }
        """;

    private readonly QSharpProject _project = TempQSharpProject.Load("src/Probe.qs", Source);

    [Fact]
    public void X_on_qubit_0_puts_all_amplitude_at_index_1_so_qubit_0_is_the_least_significant_bit()
    {
        var state = Assert.Single(fixture.Bridge.DumpState(_project, "Probe.FirstQubitFlipped()").States);

        Assert.Equal(8, state.Length);
        for (var i = 0; i < state.Length; i++) Assert.Equal(i == 1 ? Complex.One : Complex.Zero, state[i]);
    }

    [Fact]
    public void Dumped_rotation_states_equal_the_analytic_amplitudes_including_global_phase()
    {
        const double a = 0.7, b = -1.3, c = 2.1;

        var dump = fixture.Bridge.DumpState(_project, "Probe.Rotated(0.7, -1.3, 2.1)");

        // Rz(c)·Rx(a)|0> on qubit 0 and Ry(b)|0> on qubit 1; index = q0 + 2·q1.
        Complex[] q0 =
        [
            Complex.FromPolarCoordinates(1, -c / 2) * Math.Cos(a / 2),
            Complex.FromPolarCoordinates(1, c / 2) * new Complex(0, -Math.Sin(a / 2)),
        ];
        double[] q1 = [Math.Cos(b / 2), Math.Sin(b / 2)];
        var product = new Complex[4];
        for (var i = 0; i < 4; i++) product[i] = q0[i & 1] * q1[i >> 1];
        // CNOT(control q0, target q1) moves amplitude (q0, q1) to (q0, q1 xor q0).
        var entangled = new Complex[4];
        for (var i = 0; i < 4; i++) entangled[i ^ ((i & 1) << 1)] = product[i];

        Assert.Equal("()", dump.Result);
        Assert.Equal(2, dump.States.Length);
        AssertClose(product, dump.States[0]);
        AssertClose(entangled, dump.States[1]);
    }

    [Fact]
    public void A_failing_dump_run_throws_a_runtime_exception_with_the_location()
    {
        var project = TempQSharpProject.Load("src/Failing.qs", """
            namespace Failing {
                operation Boom() : Unit {
                    fail "deliberate";
                }
            }
            """);

        var e = Assert.Throws<QSharpRuntimeException>(() => fixture.Bridge.DumpState(project, "Failing.Boom()"));

        Assert.Equal("Qdk.Qsc.Eval.UserFail", e.Error.Code);
        Assert.Contains("deliberate", e.Message);
        Assert.Contains("src/Failing.qs(3,", e.Message);
        Assert.Contains("at Failing.Boom in src/Failing.qs:3:", e.Message);
    }

    private static void AssertClose(Complex[] expected, Complex[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Complex.Abs(expected[i] - actual[i]) < 1e-12, $"amplitude {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
