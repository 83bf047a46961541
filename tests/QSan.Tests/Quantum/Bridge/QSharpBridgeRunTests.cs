using QSan.Quantum.Bridge;
using Xunit;

namespace QSan.Tests.Quantum.Bridge;

[Collection(QSharpBridgeCollection.Name)]
public sealed class QSharpBridgeRunTests(QSharpBridgeFixture fixture)
{
    private const string Source = """
        namespace Probe {
            operation Flipped() : Result {
                use q = Qubit();
                X(q);
                MResetZ(q)
            }

            operation Coin() : Result {
                use q = Qubit();
                H(q);
                MResetZ(q)
            }

            operation Pair(angles : Double[]) : Result[] {
                use qs = Qubit[2];
                Rx(angles[0], qs[0]);
                Rx(angles[1], qs[1]);
                Message($"angles {angles}");
                MResetEachZ(qs)
            }

            operation Leaky() : Unit {
                use q = Qubit();
                X(q);
            }
        }
        """;

    private readonly QSharpProject _project = TempQSharpProject.Load("src/Probe.qs", Source);

    [Fact]
    public void The_bridge_reports_the_pinned_compiler_version()
    {
        Assert.Equal("1.32.5-dev", fixture.Bridge.CompilerVersion);
        Assert.StartsWith("v", fixture.Bridge.NodeVersion);
    }

    [Fact]
    public void X_then_MResetZ_gives_One_on_every_shot()
    {
        var shots = fixture.Bridge.RunShots(_project, "Probe.Flipped()", 50);

        Assert.Equal(50, shots.Count);
        Assert.All(shots, s =>
        {
            Assert.True(s.Success);
            Assert.Equal("One", s.Result);
            Assert.Null(s.Error);
        });
    }

    [Fact]
    public void H_then_MResetZ_gives_both_outcomes_over_200_shots()
    {
        var results = fixture.Bridge.RunShots(_project, "Probe.Coin()", 200).Select(s => s.Result).ToList();

        Assert.Equal(200, results.Count);
        Assert.Contains("Zero", results);
        Assert.Contains("One", results);
        Assert.All(results, r => Assert.True(r is "Zero" or "One"));
    }

    [Fact]
    public void Arguments_in_the_expression_reach_the_operation_and_messages_come_back_per_shot()
    {
        var shots = fixture.Bridge.RunShots(_project, "Probe.Pair([3.141592653589793, 0.0])", 3);

        Assert.All(shots, s =>
        {
            Assert.Equal("[One, Zero]", s.Result);
            Assert.Equal<string>(["angles [3.141592653589793, 0.0]"], s.Messages);
        });
    }

    [Fact]
    public void A_runtime_failure_is_reported_per_shot_with_its_location()
    {
        var shot = Assert.Single(fixture.Bridge.RunShots(_project, "Probe.Leaky()", 1));

        Assert.False(shot.Success);
        Assert.Null(shot.Result);
        var error = Assert.IsType<QSharpError>(shot.Error);
        Assert.Equal("Qdk.Qsc.Eval.ReleasedQubitNotZero", error.Code);
        var where = Assert.Single(error.Diagnostics);
        Assert.Equal("src/Probe.qs", where.File);
        Assert.Equal(23, where.Line); // the `use` whose release found the qubit in |1⟩
        Assert.StartsWith("src/Probe.qs(23,", error.Describe());
        Assert.Contains("at Probe.Leaky in src/Probe.qs:23:", error.Describe());
    }

    [Fact]
    public async Task Calls_from_several_threads_are_serialized_and_each_gets_its_own_answer()
    {
        var calls = Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            fixture.Bridge.RunShots(_project, $"Probe.Pair([{(i % 2 == 0 ? "3.141592653589793" : "0.0")}, 0.0])", 2 + i))).ToList();

        var answers = await Task.WhenAll(calls);

        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal(2 + i, answers[i].Count);
            Assert.All(answers[i], s => Assert.Equal(i % 2 == 0 ? "[One, Zero]" : "[Zero, Zero]", s.Result));
        }
    }
}
