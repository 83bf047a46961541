using QSan.Quantum.Bridge;
using Xunit;

namespace QSan.Tests.Quantum.Bridge;

[Collection(QSharpBridgeCollection.Name)]
public sealed class QSharpBridgeTestCommandTests(QSharpBridgeFixture fixture)
{
    [Fact]
    public void RunTests_reports_a_passing_and_a_failing_Q_sharp_test_by_full_name()
    {
        using var folder = new TempQSharpProject(new Dictionary<string, string>
        {
            ["src/Checks.qs"] = """
                namespace QSan.Checks {
                    import Std.Diagnostics.*;

                    @Test()
                    operation ZeroStaysZero() : Unit {
                        use q = Qubit();
                        Fact(M(q) == Zero, "a fresh qubit measures Zero");
                    }

                    @Test()
                    function OnePlusOneIsThree() : Unit {
                        Fact(1 + 1 == 3, "arithmetic is broken");
                    }

                    function NotATest() : Unit {
                        fail "never run";
                    }
                }
                """,
        });
        var project = QSharpProject.Load(folder.Directory);

        var results = fixture.Bridge.RunTests(project);

        Assert.Equal(["QSan.Checks.OnePlusOneIsThree", "QSan.Checks.ZeroStaysZero"], results.Select(r => r.Name));
        var failing = results[0];
        Assert.False(failing.Success);
        Assert.Contains("arithmetic is broken", failing.Message);
        // Fact fails inside the standard library; the message points at the test's own line instead.
        Assert.Contains("src/Checks.qs(12,", failing.Message);
        var passing = results[1];
        Assert.True(passing.Success);
        Assert.Null(passing.Message);
    }

    [Fact]
    public void RunTests_finds_tests_in_files_without_a_namespace_block_by_their_implicit_namespace()
    {
        var project = TempQSharpProject.Load("src/Implicit.qs", "@Test() function Passes() : Unit { }");

        var result = Assert.Single(fixture.Bridge.RunTests(project));

        Assert.Equal("Implicit.Passes", result.Name);
        Assert.True(result.Success);
    }
}
