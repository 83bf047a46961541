using QSan.Quantum.Bridge;
using Xunit;

namespace QSan.Tests.Quantum.Bridge;

[Collection(QSharpBridgeCollection.Name)]
public sealed class QSharpBridgeCompileErrorTests(QSharpBridgeFixture fixture)
{
    private const string Broken = """
        namespace Broken {
            operation Op() : Unit {
                let x = ;
            }
        }
        """;

    [Fact]
    public void A_syntax_error_names_the_file_and_the_1_based_line_and_column()
    {
        var project = TempQSharpProject.Load("src/Broken.qs", Broken);

        var e = Assert.Throws<QSharpCompileException>(() => fixture.Bridge.RunShots(project, "Broken.Op()", 1));

        var first = e.Diagnostics[0];
        Assert.Equal("src/Broken.qs", first.File);
        Assert.Equal(3, first.Line);
        Assert.Equal(17, first.Column);
        Assert.Equal("Qdk.Qsc.Parse.Rule", first.Code);
        Assert.Contains("src/Broken.qs(3,17): error Qsc.Parse.Rule: syntax error", e.Message);
    }

    [Fact]
    public void Qir_and_tests_and_dump_report_compile_errors_the_same_way()
    {
        var project = TempQSharpProject.Load("src/Broken.qs", Broken);

        Assert.Equal(3, Assert.Throws<QSharpCompileException>(() => fixture.Bridge.GetQir(project)).Diagnostics[0].Line);
        Assert.Equal(3, Assert.Throws<QSharpCompileException>(() => fixture.Bridge.RunTests(project)).Diagnostics[0].Line);
        Assert.Equal(3, Assert.Throws<QSharpCompileException>(() => fixture.Bridge.DumpState(project, "Broken.Op()")).Diagnostics[0].Line);
    }

    [Fact]
    public void An_entry_expression_that_names_nothing_is_a_compile_error_in_the_entry()
    {
        var project = TempQSharpProject.Load("src/Fine.qs", "namespace Fine { operation Op() : Unit {} }");

        var e = Assert.Throws<QSharpCompileException>(() => fixture.Bridge.RunShots(project, "Fine.Missing()", 1));

        Assert.Equal("<entry>", e.Diagnostics[0].File);
        Assert.Contains("Fine.Missing", e.Message);
    }
}
