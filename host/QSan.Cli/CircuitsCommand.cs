using System.CommandLine;
using QSan.Quantum.Circuits;
using QSan.Quantum.Qsann;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>circuits</c>: prints the QSANN circuits imported from Q# (gate lists) and their base-profile QIR.</summary>
public static class CircuitsCommand
{
    /// <summary>Builds the command, which writes through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var qubits = CommonOptions.Qubits();
        var depth = CommonOptions.Depth();
        var quantumDir = CommonOptions.QuantumDirectory();
        var seed = new Option<int>("--seed") { Description = "Seed of the example angles compiled into the QIR.", DefaultValueFactory = _ => 1 };
        var noQir = new Option<bool>("--no-qir") { Description = "Print only the gate lists." };
        var command = new Command("circuits", "Print the QSANN circuits defined in Q# (gate lists with their angle sources) and their QIR.")
        {
            qubits, depth, quantumDir, seed, noQir,
        };
        command.SetAction((parse, _) => CliBoundary.RunAsync(context.Error, () => Task.FromResult(
            Run(context, parse.GetValue(qubits), parse.GetValue(depth), parse.GetValue(quantumDir), parse.GetValue(seed), !parse.GetValue(noQir)))));
        return command;
    }

    private static int Run(CliContext context, int n, int depth, string? quantumDir, int seed, bool printQir)
    {
        using var workspace = QuantumWorkspace.Open(quantumDir);
        var family = workspace.Circuits(n, depth);
        var circuit = family.Circuit;
        context.Console.MarkupLine($"[bold]QSANN circuits[/] n = {n}, D = {depth}: {family.TokenAngleCount} encoder angles (x), {circuit.Branches[0].Ansatz.WeightCount} weights per branch (w); from {Markup.Escape(workspace.Project.Directory ?? "(in memory)")} (sources {family.SourceHash[..12]}, qsharp-lang {family.CompilerVersion})");
        PrintTemplate(context, "encoder (prefix)", circuit.Prefix, []);
        foreach (var branch in circuit.Branches)
            PrintTemplate(context, branch.Name, branch.Ansatz, branch.Observables);
        if (!printQir) return 0;

        var random = new Random(seed);
        var angles = Enumerable.Range(0, family.TokenAngleCount).Select(_ => random.NextDouble() * Math.PI).ToArray();
        var weights = Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * Math.PI).ToArray();
        foreach (var hardware in new QsannHardwareCircuits(workspace.Bridge, workspace.Project).Compile(n, depth, angles, weights))
        {
            Heading(context.Console, $"QIR: {hardware.Name}");
            context.Output.WriteLine($"; {hardware.EntryExpression}");
            context.Output.WriteLine(hardware.Qir);
        }
        return 0;
    }

    private static void PrintTemplate(CliContext context, string title, CircuitTemplate template, IReadOnlyList<PauliTerm> observables)
    {
        Heading(context.Console, $"{title}: {template.Name}, {template.Gates.Length} gates");
        context.Output.WriteLine(string.Join(Environment.NewLine, template.Gates.Select((g, i) => $"{i,4}  {g}")));
        if (observables.Count > 0) context.Output.WriteLine($"      measure ⟨{string.Join("⟩, ⟨", observables)}⟩");
    }

    // A rule across a terminal; plain output has no width to fill, so there the title is a line of its own.
    private static void Heading(IAnsiConsole console, string title)
    {
        if (console.Profile.Capabilities.Interactive) console.Write(new Rule(Markup.Escape(title)) { Justification = Justify.Left });
        else console.WriteLine($"── {title}");
    }
}
