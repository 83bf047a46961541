using QSan.Quantum.Bridge;
using Xunit;

namespace QSan.Tests.Quantum.Bridge;

[Collection(QSharpBridgeCollection.Name)]
public sealed class QSharpBridgeQirTests(QSharpBridgeFixture fixture)
{
    [Fact]
    public void Qir_of_a_generated_entry_point_contains_the_expected_gate_calls()
    {
        var project = TempQSharpProject.Load("src/Circuit.qs", """
            namespace Circuit {
                operation Apply(theta : Double[], qs : Qubit[]) : Unit {
                    Ry(2.0 * theta[0], qs[0]);
                    Rz(theta[1], qs[1]);
                    CNOT(qs[0], qs[1]);
                }
            }
            """).WithExtraSource("src/Generated/Entry.qs", """
            namespace Generated {
                @EntryPoint()
                operation Main() : Result[] {
                    use qs = Qubit[2];
                    Circuit.Apply([0.25, 0.5], qs);
                    MResetEachZ(qs)
                }
            }
            """);

        var qir = fixture.Bridge.GetQir(project);

        // Base profile folds the classical arithmetic: Ry(2.0 * 0.25) appears as 0.5.
        Assert.Contains("call void @__quantum__qis__ry__body(double 0.5, %Qubit* inttoptr (i64 0 to %Qubit*))", qir);
        Assert.Contains("call void @__quantum__qis__rz__body(double 0.5, %Qubit* inttoptr (i64 1 to %Qubit*))", qir);
        Assert.Contains("call void @__quantum__qis__cx__body(%Qubit* inttoptr (i64 0 to %Qubit*), %Qubit* inttoptr (i64 1 to %Qubit*))", qir);
        Assert.Contains("call void @__quantum__qis__m__body(%Qubit* inttoptr (i64 1 to %Qubit*), %Result* inttoptr (i64 1 to %Result*))", qir);
        Assert.Contains("\"qir_profiles\"=\"base_profile\"", qir);
    }

    [Fact]
    public void Qir_of_a_program_without_an_entry_point_is_a_compile_error()
    {
        var project = TempQSharpProject.Load("src/Lib.qs", "namespace Lib { operation Op() : Unit {} }");

        var e = Assert.Throws<QSharpCompileException>(() => fixture.Bridge.GetQir(project));

        Assert.NotEmpty(e.Diagnostics);
    }
}
