using System.CommandLine;
using System.Globalization;
using QSan.Azure.Service;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>azure sessions [SESSION]</c>: the workspace's sessions, or one session with its jobs.</summary>
public static class AzureSessionsCommand
{
    /// <summary>Builds the command, which writes through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = new AzureOptions();
        var session = new Argument<string?>("session") { Description = "A session id; without it, the latest sessions are listed.", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "How many sessions (or jobs of a session) to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("sessions", "List the workspace's sessions (groups of jobs scheduled together), or show one with its jobs.") { session, top };
        workspace.AddTo(command);
        command.SetAction((parse, ct) => AzureCliErrors.RunAsync(context, async () =>
        {
            var client = await workspace.ClientAsync(parse, context.AzureClientOptions, line => context.Error.WriteLine(line), ct).ConfigureAwait(false);
            var console = context.Console;
            if (parse.GetValue(session) is { } id)
            {
                var details = await client.GetSessionAsync(id, ct).ConfigureAwait(false);
                console.MarkupLine(Markup.Escape($"Session {details.Id} ({details.Name}) on {details.Target}: {details.Status}, job failure policy {details.JobFailurePolicy}, opened {Time(details.CreationTime)}."));
                var jobs = await client.ListSessionJobsAsync(id, parse.GetValue(top), ct).ConfigureAwait(false);
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var column in new[] { "job", "name", "status", "created" }) table.AddColumn(column);
                foreach (var j in jobs) table.AddRow(Markup.Escape(j.Id ?? ""), Markup.Escape(j.Name ?? ""), Markup.Escape(j.Status ?? ""), Time(j.CreationTime));
                console.Write(table);
                return 0;
            }
            var sessions = await client.ListSessionsAsync(parse.GetValue(top), ct).ConfigureAwait(false);
            var list = new Table().Border(TableBorder.Rounded);
            foreach (var column in new[] { "session", "name", "target", "status", "created" }) list.AddColumn(column);
            foreach (var s in sessions.OrderByDescending(s => s.CreationTime))
                list.AddRow(Markup.Escape(s.Id ?? ""), Markup.Escape(s.Name ?? ""), Markup.Escape(s.Target ?? ""), Markup.Escape(s.Status ?? ""), Time(s.CreationTime));
            console.Write(list);
            return 0;
        }));
        return command;
    }

    private static string Time(DateTimeOffset? time) => time?.ToString("u", CultureInfo.InvariantCulture) ?? "";
}
