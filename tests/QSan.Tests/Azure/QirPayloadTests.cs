using System.Text;
using System.Text.Json.Nodes;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Import;
using QSan.Tests.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Azure;

/// <summary>
/// QIR payloads compiled from the Q# project: the angle substitution into a layout's template equals a fresh compilation,
/// the native formats are the same circuits gate by gate, and QIR jobs run end to end on the fake service.
/// </summary>
[Collection(QsannCollection.Name)]
public sealed class QirPayloadTests(QsannFixture fixture)
{
    private static (double[] Inputs, double[] Weights) Random(BranchedCircuit circuit, int tokens, int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, tokens * circuit.InputCount).Select(_ => random.NextDouble() * 6 - 3)],
                [.. Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * 6 - 3)]);
    }

    private static IReadOnlyList<PackedProgram> Programs(BranchedCircuit circuit, int tokens, int seed, int maxQubits)
    {
        var (inputs, weights) = Random(circuit, tokens, seed);
        return new ShotEngine(new LocalShotBackend(maxQubits: maxQubits)).Programs(circuit, tokens, inputs, weights);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    public void Angles_written_into_a_layouts_template_equal_a_fresh_compilation(int n, int depth)
    {
        var circuit = fixture.Family(n, depth).Circuit;
        var compiler = new QirProgramCompiler(fixture.Bridge, fixture.Project, depth);
        var first = Programs(circuit, 2, 1, 29);
        var second = Programs(circuit, 2, 2, 29); // same layout, other angles

        compiler.Compile(first[0]);
        var substituted = compiler.Compile(second[0]);
        var fresh = compiler.CompileFresh(second[0]);

        Assert.Equal(2, compiler.Compilations); // the substitution compiled nothing
        var a = QirProgram.Parse(substituted, "substituted");
        var b = QirProgram.Parse(fresh, "fresh");
        Assert.Equal(b.QubitCount, a.QubitCount);
        Assert.Equal(b.Calls.Length, a.Calls.Length);
        for (var i = 0; i < a.Calls.Length; i++)
        {
            Assert.Equal(b.Calls[i].Intrinsic, a.Calls[i].Intrinsic);
            Assert.Equal(b.Calls[i].Qubits.ToArray(), a.Calls[i].Qubits.ToArray());
            Assert.Equal(b.Calls[i].Result, a.Calls[i].Result);
            Assert.Equal(b.Calls[i].Angle, a.Calls[i].Angle); // bit-for-bit
        }
        // Everything but the angle literals is the compiler's own text.
        static string Strip(string qir) => System.Text.RegularExpressions.Regex.Replace(qir, @"double [^,]+,", "double A,");
        Assert.Equal(Strip(fresh), Strip(substituted));
    }

    [Fact]
    public void IonQ_and_OpenQASM_payloads_are_the_same_circuits_as_the_QIR_gate_by_gate()
    {
        var circuit = fixture.Family(3, 1).Circuit;
        var program = Programs(circuit, 2, 4, 20)[0];
        var compiler = new QirProgramCompiler(fixture.Bridge, fixture.Project, 1);

        var qir = SubmittedProgram.Qir(compiler.Compile(program));
        var ionq = SubmittedProgram.IonQ(JsonNode.Parse(IonQCircuitWriter.Payload(program, 10).Data)!.AsObject());
        var qasm = SubmittedProgram.Qasm(Encoding.UTF8.GetString(OpenQasmWriter.Payload(program, 10).Data));

        Assert.Equal(program.QubitCount, qir.QubitCount);
        Assert.True(qir.Gates.Length > 4 * program.Slots.Length);
        foreach (var other in new[] { ionq, qasm })
        {
            Assert.Equal(qir.QubitCount, other.QubitCount);
            Assert.Equal(qir.Gates.Length, other.Gates.Length);
            for (var i = 0; i < qir.Gates.Length; i++)
            {
                Assert.Equal(qir.Gates[i].Kind, other.Gates[i].Kind);
                Assert.Equal(qir.Gates[i].Qubit, other.Gates[i].Qubit);
                Assert.Equal(qir.Gates[i].Target, other.Gates[i].Target);
                Assert.Equal(qir.Gates[i].Angle.Offset, other.Gates[i].Angle.Offset, 14);
            }
        }
    }

    [Fact]
    public async Task QIR_jobs_run_end_to_end_and_match_the_native_engine_within_their_standard_errors()
    {
        await using var fake = await FakeAzureQuantum.StartAsync();
        var family = fixture.Family(2, 1);
        var (inputs, weights) = Random(family.Circuit, 3, 11);
        var target = TargetCatalog.Find("ionq.simulator");
        var backend = new AzureShotBackend(fake.Client(), new PayloadEncoder(target, PayloadFormat.Qir, new QirProgramCompiler(fixture.Bridge, fixture.Project, 1)),
            new AzureBackendOptions(new JobWaitOptions(TimeSpan.FromMilliseconds(1), 1.5, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(60)), MaxQubits: 8));
        var engine = new ShotEngine(backend, new ShotEngineOptions(4000));

        var estimate = engine.Estimate(family.Circuit, 3, inputs, weights);
        var exact = new double[estimate.Expectations.Length];
        new NativeEngine().Forward(family.Circuit, 3, inputs, weights, exact);

        Assert.Empty(fake.Violations);
        Assert.Equal(4, backend.SubmittedJobs.Count); // 15 circuits, 4 per 8-qubit program
        Assert.All(fake.Jobs.Values, j => Assert.Equal("qir.v1", j.InputFormat));
        for (var i = 0; i < exact.Length; i++) Assert.InRange(Math.Abs(estimate.Expectations[i] - exact[i]), 0, 5 * estimate.StandardErrors[i] + 1e-12);
    }

    [Fact]
    public async Task QIR_results_with_lost_qubits_keep_the_other_shots()
    {
        await using var fake = await FakeAzureQuantum.StartAsync();
        fake.LostQubitShots = 9; // written 2 and "-" in the v2 outcomes
        var family = fixture.Family(2, 1);
        var (inputs, weights) = Random(family.Circuit, 1, 12);
        var lines = new List<string>();
        var backend = new AzureShotBackend(fake.Client(), new PayloadEncoder(TargetCatalog.Find("quantinuum.sim.h2-1e"), PayloadFormat.Qir, new QirProgramCompiler(fixture.Bridge, fixture.Project, 1)),
            new AzureBackendOptions(new JobWaitOptions(TimeSpan.FromMilliseconds(1), 1.5, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(60)), Progress: new SyncProgress<string>(lines.Add)));

        var estimate = new ShotEngine(backend, new ShotEngineOptions(300)).Estimate(family.Circuit, 1, inputs, weights);

        Assert.Empty(fake.Violations);
        Assert.Equal(9L * estimate.Programs, backend.LostQubitShots);
        Assert.Contains(lines, l => l.Contains("9 of 300 shots had lost-qubit markers", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dry_run_writes_the_exact_payloads_and_request_bodies()
    {
        var family = fixture.Family(2, 1);
        var programs = Programs(family.Circuit, 1, 3, 29);
        var target = TargetCatalog.Find("quantinuum.sim.h2-1e");
        var encoder = new PayloadEncoder(target, PayloadFormat.Qir, new QirProgramCompiler(fixture.Bridge, fixture.Project, 1));
        var directory = Path.Combine(Path.GetTempPath(), "qsan-dry-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = DryRunWriter.Write(directory, encoder, programs, 200, SubmissionEstimate.For(target, programs, 200));

            Assert.Equal(3, files.Count);
            Assert.Equal(encoder.Encode(programs[0], 200).Data, File.ReadAllBytes(Path.Combine(directory, "job-000.input.ll")));
            var request = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "job-000.request.json")))!;
            Assert.Equal("quantinuum", request["providerId"]!.GetValue<string>());
            Assert.Equal("qir.v1", request["inputDataFormat"]!.GetValue<string>());
            Assert.Equal(200, request["inputParams"]!["shots"]!.GetValue<int>());
            Assert.Equal("ENTRYPOINT__main", request["inputParams"]!["entryPoint"]!.GetValue<string>());
            var plan = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "plan.json")))!;
            Assert.Equal(5, plan["estimate"]!["circuits"]!.GetValue<int>());
            Assert.Equal("EHQC", plan["estimate"]!["currency"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_check_against_the_templates_rejects_QIR_that_is_not_the_program()
    {
        var circuit = fixture.Family(2, 0).Circuit;
        var programs = Programs(circuit, 1, 5, 4);
        var sameLayoutOtherAngles = Programs(circuit, 1, 6, 4)[0];
        var compiler = new QirProgramCompiler(fixture.Bridge, fixture.Project, 0);
        var qir = compiler.CompileFresh(programs[0]);
        var tampered = qir.Replace("__quantum__qis__h__body(%Qubit* inttoptr (i64 0", "__quantum__qis__x__body(%Qubit* inttoptr (i64 0", StringComparison.Ordinal);

        QirProgramCompiler.Verify(qir, programs[0]);
        Assert.NotEqual(qir, tampered);
        Assert.Contains("differs from the template gate", Assert.Throws<CircuitImportException>(() => QirProgramCompiler.Verify(tampered, programs[0])).Message, StringComparison.Ordinal);
        Assert.Contains("differs from the template gate", Assert.Throws<CircuitImportException>(() => QirProgramCompiler.Verify(qir, sameLayoutOtherAngles)).Message, StringComparison.Ordinal);
    }
}
