using System.CommandLine;
using System.Globalization;
using QSan.Azure.Connection;
using QSan.Azure.Payloads;
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
        command.SetAction((parse, ct) => AzureCliErrors.RunAsync(context, () => RunAsync(context, parse.GetValue(offline) ? null : workspace, parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, AzureOptions? workspace, ParseResult parse, CancellationToken cancellationToken)
    {
        var console = context.Console;
        IReadOnlyList<ProviderStatus>? providers = null;
        if (workspace is not null)
        {
            try
            {
                var client = await workspace.ClientAsync(parse, context.AzureClientOptions, line => context.Error.WriteLine(line), cancellationToken).ConfigureAwait(false);
                providers = await client.GetProviderStatusAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AzureConfigurationException e)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(SettingFlags.ToFlags(e.Message))}[/]\nShowing QSan's catalogue only.");
            }
        }
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "target", "provider", "availability", "avg queue", "qubits", "formats", "price (estimate)" }) table.AddColumn(column);
        // Connected: the workspace's own list and sizes; offline: QSan's dated catalogue.
        var targets = providers is null ? TargetCatalog.Known : TargetCatalog.Live(providers);
        foreach (var t in targets)
            table.AddRow(
                Markup.Escape(t.Id),
                Markup.Escape(t.ProviderId),
                Markup.Escape(t.Availability ?? "?"),
                t.AverageQueueTime is { } q ? string.Create(CultureInfo.InvariantCulture, $"{q} s") : "",
                Qubits(t),
                t.ProviderId == "ionq" ? "qir, ionq" : PayloadEncoder.TakesOpenQasm(t) ? "qir, qasm" : "qir",
                Markup.Escape(Price(t)));
        console.Write(table);
        console.MarkupLine(Markup.Escape(providers is null
            ? $"QSan's offline catalogue as of {TargetCatalog.AsOf}; connect to a workspace for its live list and sizes."
            : "Live list and sizes from the workspace (providerStatus); prices are QSan's estimates."));
        console.MarkupLine(Markup.Escape($"Retired (refused): {string.Join(", ", TargetCatalog.Retired.Keys)}."));
        return 0;
    }

    // The device's register, and the mode's limit QSan packs into where it is smaller (the H2 emulators' 32).
    private static string Qubits(TargetInfo t)
    {
        var limit = RegisterLimit.For(t);
        return limit.Qubits == t.MaxQubits
            ? t.MaxQubits.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{t.MaxQubits} ({limit.Qubits} for QSANN: state-vector)");
    }

    private static string Price(TargetInfo t) => t.Pricing switch
    {
        PricingModel.Free => "free",
        PricingModel.IonQGateShots => string.Create(CultureInfo.InvariantCulture, $"${t.Price1Q:0.#######}/1q-gate-shot, ${t.Price2Q:0.#######}/2q-gate-shot, min ${t.MinimumPrice:0.####}/job"),
        PricingModel.QuantinuumCredits => (t.IsEmulator ? "E" : "") + "HQC = 5 + shots·(N1q + 10·N2q + 5·Nm)/5000 per job, Nm = state preparations + measurements",
        _ => "unknown",
    };
}
