using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using QSan.Cli;
using QSan.Quantum.Estimation;
using QSan.Quantum.Qsann;
using QSan.Tests.Quantum.Qsann;
using QSan.Tests.Training;

namespace QSan.Tests.Quantum.Estimation;

/// <summary><c>estimate</c>: Microsoft's resource estimator on the QSANN circuits, checked against a direct qsharp-lang call.</summary>
[Collection(QsannCollection.Name)]
public sealed class ResourceEstimationTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "qsan-estimate-" + Guid.NewGuid().ToString("N"));

    public ResourceEstimationTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Calls qsharp-lang's getEstimates from a Node script of its own, not through QSan's bridge.</summary>
    private JsonArray DirectEstimates(EstimationProgram program, JsonArray parameters)
    {
        using var workspace = QuantumWorkspace.Open();
        var packageRoot = new Uri(Path.Combine(workspace.Bridge.BridgeDirectory, "node_modules", "qsharp-lang") + "/");
        var input = Path.Combine(directory, "program.json");
        File.WriteAllText(input, new JsonObject
        {
            ["sources"] = new JsonArray([.. program.Project.Sources.Select(s => (JsonNode)new JsonArray(s.Name, s.Text))]),
            ["languageFeatures"] = new JsonArray([.. program.Project.LanguageFeatures.Select(f => (JsonNode)f)]),
            ["expr"] = program.Expression,
            ["params"] = parameters.ToJsonString(),
        }.ToJsonString());
        var script = Path.Combine(directory, "direct.mjs");
        File.WriteAllText(script, $$"""
            import fs from "node:fs";
            const root = new URL("{{packageRoot.AbsoluteUri}}");
            const { loadWasmModule, getCompiler } = await import(new URL("dist/main.js", root).href);
            const wasm = fs.readFileSync(new URL("lib/web/qsc_wasm_bg.wasm", root));
            await loadWasmModule(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
            const compiler = await getCompiler();
            const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
            process.stdout.write(await compiler.getEstimates({ sources: p.sources, languageFeatures: p.languageFeatures }, p.expr, p.params));
            """);
        var node = Environment.GetEnvironmentVariable("QSAN_NODE") is { Length: > 0 } n ? n : "node";
        using var process = Process.Start(new ProcessStartInfo(node, [script, input]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "node did not finish");
        Assert.True(process.ExitCode == 0, error.Result);
        return JsonNode.Parse(output.Result)!.AsArray();
    }

    [Fact]
    public void Estimate_json_on_n_4_D_1_gives_the_figures_of_a_direct_qsharp_lang_call()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["estimate", "--qubits", "4", "--depth", "1", "--tokens", "2", "--qubit-model", "qubit_gate_ns_e3", "qubit_maj_ns_e6", "--json"],
            CliContext.ForWriters(output, error, _ => new TemplateCircuitSource()));
        Assert.True(code == 0, error.ToString());
        var estimates = JsonNode.Parse(output.ToString())!["estimates"]!.AsArray();

        using var workspace = QuantumWorkspace.Open();
        foreach (var tokens in new[] { 1, 2 })
        {
            var program = ResourceEstimation.Program(workspace, 4, 1, tokens, seed: 1);
            var direct = DirectEstimates(program, ResourceEstimation.Parameters(["qubit_gate_ns_e3", "qubit_maj_ns_e6"], 1e-3));
            for (var m = 0; m < 2; m++)
            {
                var mine = estimates.Single(e => e!["program"]!.GetValue<string>() == program.Name && e["qubitModel"]!.GetValue<string>() == (m == 0 ? "qubit_gate_ns_e3" : "qubit_maj_ns_e6"))!;
                var theirs = direct[m]!;
                Assert.Equal(theirs["physicalCounts"]!["physicalQubits"]!.GetValue<long>(), mine["physicalQubits"]!.GetValue<long>());
                Assert.Equal(theirs["physicalCounts"]!["runtime"]!.GetValue<long>(), mine["runtimeNanoseconds"]!.GetValue<long>());
                Assert.Equal(theirs["logicalQubit"]!["codeDistance"]!.GetValue<int>(), mine["codeDistance"]!.GetValue<int>());
                Assert.Equal(theirs["logicalCounts"]!["tCount"]!.GetValue<long>(), mine["tCount"]!.GetValue<long>());
                Assert.Equal(theirs["logicalCounts"]!["rotationCount"]!.GetValue<long>(), mine["rotationCount"]!.GetValue<long>());
                Assert.Equal(theirs["physicalCounts"]!["breakdown"]!["numTstates"]!.GetValue<long>(), mine["tStates"]!.GetValue<long>());
            }
        }
        // One token runs query, key and the value in each basis: 5 circuits at n = 4, D = 1, each with rotations.
        Assert.Equal(5, estimates[0]!["circuits"]!.GetValue<int>());
        Assert.True(estimates[0]!["rotationCount"]!.GetValue<long>() > 0);
        Assert.Equal(2 * estimates[0]!["rotationCount"]!.GetValue<long>(), estimates[2]!["rotationCount"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("qubit_gate_xx", "Unknown qubit model")]
    [InlineData("0", "EstimationRequest.ErrorBudget")]
    public void Bad_settings_are_refused_naming_the_option(string value, string message)
    {
        var request = value == "0" ? new EstimationRequest(4, 1, ErrorBudget: 0) : new EstimationRequest(4, 1, QubitModels: [value]);

        Assert.Contains(message, Assert.Throws<ArgumentException>(() => request.Validate()).Message, StringComparison.Ordinal);
    }
}
