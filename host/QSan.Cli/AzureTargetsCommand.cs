using System.CommandLine;
using System.Globalization;
using QSan.Azure.Connection;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>azure targets</c>: the workspace's providers and targets with availability, next to QSan's catalogue.</summary>
public static class AzureTargetsCommand
{
    /// <summary>Builds the command, which writes through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = new AzureOptions();
        var offline = new Option<bool>("--offline") { Description = "Show QSan's catalogue only, without asking the workspace." };
        var command = new Command("targets", "List targets: availability and queue time from the workspace, register size and price from QSan's catalogue.") { offline };
        workspace.AddTo(command);
        command.SetAction((parse, ct) => AzureCliErrors.RunAsync(context, () => RunAsync(context.Console, parse.GetValue(offline) ? null : workspace, parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, AzureOptions? workspace, ParseResult parse, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProviderStatus> providers = [];
        if (workspace is not null)
        {
            try
            {
                providers = await workspace.Client(parse).GetProviderStatusAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AzureConfigurationException e)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(e.Message)}[/]\nShowing QSan's catalogue only.");
            }
        }
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "target", "provider", "availability", "avg queue", "qubits", "formats", "price (estimate)" }) table.AddColumn(column);
        var live = providers.SelectMany(p => (p.Targets ?? []).Select(t => (Provider: p.Id, Target: t))).ToList();
        var ids = live.Select(l => l.Target.Id).Concat(TargetCatalog.Known.Select(k => k.Id)).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids)
        {
            var status = live.FirstOrDefault(l => string.Equals(l.Target.Id, id, StringComparison.OrdinalIgnoreCase));
            var known = id.StartsWith("ionq.", StringComparison.OrdinalIgnoreCase) || id.StartsWith("quantinuum.", StringComparison.OrdinalIgnoreCase) ? TargetCatalog.Find(id) : null;
            table.AddRow(
                Markup.Escape(id),
                Markup.Escape(status.Provider ?? known?.ProviderId ?? ""),
                Markup.Escape(status.Target?.CurrentAvailability ?? (providers.Count == 0 ? "?" : "not in workspace")),
                status.Target?.AverageQueueTime is { } q ? string.Create(CultureInfo.InvariantCulture, $"{q} s") : "",
                known is null ? "" : known.MaxQubits.ToString(CultureInfo.InvariantCulture),
                known is null ? "(QSan does not run here)" : $"qir, {(known.ProviderId == "ionq" ? "ionq" : "qasm")}",
                known is null ? "" : Markup.Escape(Price(known)));
        }
        console.Write(table);
        return 0;
    }

    private static string Price(TargetInfo t) => t.Pricing switch
    {
        PricingModel.Free => "free",
        PricingModel.IonQGateShots => string.Create(CultureInfo.InvariantCulture, $"${t.Price1Q:0.#######}/1q-gate-shot, ${t.Price2Q:0.#######}/2q-gate-shot, min ${t.MinimumPrice:0.##}/job"),
        PricingModel.QuantinuumCredits => (t.IsEmulator ? "E" : "") + "HQC = 5 + shots·(N1q + 10·N2q + 5·Nm)/5000 per job",
        _ => "unknown",
    };
}
