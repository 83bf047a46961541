using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Quantum.Estimation;
using QSan.Quantum.Qsann;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>estimate</c>: Microsoft's resource estimator on the QSANN circuits (one token, and a sentence of T tokens) for the
/// predefined qubit models: physical qubits, runtime, code distance, T and rotation counts. Local; no workspace needed.
/// </summary>
public static class EstimateCommand
{
    /// <summary>Builds the command, which writes through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var qubits = CommonOptions.Qubits();
        var depth = CommonOptions.Depth();
        var tokens = new Option<int?>("--tokens") { Description = $"Tokens of the sentence estimated besides one token (default {ResourceEstimation.DefaultSentenceTokens})." };
        var models = new Option<string[]>("--qubit-model") { Description = $"Predefined qubit model(s): {string.Join(", ", ResourceEstimation.QubitModels)} (default {string.Join(", ", ResourceEstimation.DefaultQubitModels)}; the µs models can take minutes).", AllowMultipleArgumentsPerToken = true };
        var budget = new Option<double?>("--error-budget") { Description = $"Total error budget (default {ResourceEstimation.DefaultErrorBudget.ToString(CultureInfo.InvariantCulture)})." };
        var seed = new Option<int>("--seed") { Description = "Seed of the token angles and weights (the counts do not depend on them).", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var command = new Command("estimate", "Resource estimates of the QSANN circuits on fault-tolerant machines (Microsoft's estimator, run locally).")
        {
            qubits, depth, tokens, models, budget, seed, json, quantumDir,
        };
        command.SetAction((parse, ct) => CliBoundary.RunAsync(context.Error, () =>
        {
            var request = new EstimationRequest(parse.GetValue(qubits), parse.GetValue(depth), parse.GetValue(tokens), parse.GetValue(models), parse.GetValue(budget), parse.GetValue(seed));
            using var workspace = QuantumWorkspace.Open(parse.GetValue(quantumDir));
            var rows = ResourceEstimation.Estimate(workspace, request);
            if (parse.GetValue(json))
                context.Output.WriteLine(JsonSerializer.Serialize(new { qubits = request.Qubits, depth = request.Depth, estimates = rows }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            else Print(context.Console, request, rows);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Print(IAnsiConsole console, EstimationRequest request, IReadOnlyList<ResourceEstimate> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"QSANN n = {request.Qubits}, D = {request.Depth}: Microsoft's resource estimator"));
        foreach (var column in new[] { "program", "circuits", "qubit model", "physical qubits", "runtime", "code distance", "logical qubits", "T count", "rotations", "rotation depth", "T states", "T factories" })
            table.AddColumn(column);
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Program), N(r.Circuits), r.QubitModel, N(r.PhysicalQubits), Runtime(r.RuntimeNanoseconds), N(r.CodeDistance), N(r.LogicalQubits),
                N(r.TCount), N(r.RotationCount), N(r.RotationDepth), N(r.TStates), N(r.TFactories));
        console.Write(table);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Runtime(long ns) => ns switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{ns} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.##} µs"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.##} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e9:0.##} s"),
    };
}
