using System.CommandLine;

namespace QSan.Cli;

/// <summary>The <c>qsan</c> command line: <c>dotnet run --project host -- &lt;verb&gt;</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, CliContext.ForConsole());

    /// <summary>Runs a command line to completion (for tests and embedding).</summary>
    public static int Run(string[] args, CliContext context) => RunAsync(args, context).GetAwaiter().GetResult();

    /// <summary>
    /// Parses and runs a command line; a parse error is one line per problem on standard error and exit code 1.
    /// Ctrl+C cancels the running command (training stops after writing nothing partial; see <see cref="TrainCommand"/>).
    /// </summary>
    public static Task<int> RunAsync(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        // --framework torchsharp: the TorchSharp framework lives in QSan.Torch, which the library does not reference.
        QSan.Torch.Training.TorchSharpTraining.Register();
        var root = new RootCommand("QSan: quantum self-attention neural networks whose circuits are written in Q#. With no command: train (see qsan train --help).")
        {
            TrainCommand.Create(context),
            EvaluateCommand.Create(context),
            PredictCommand.Create(context),
            InspectCommand.Create(context),
            CompareCommand.Create(context),
            CircuitsCommand.Create(context),
            EstimateCommand.Create(context),
            BenchCommand.Create(context),
            GanCommand.Create(context),
            AzureCommand.Create(context),
        };
        var parse = root.Parse(TrainWithoutVerb(root, args));
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) context.Error.WriteLine("error: " + error.Message.ReplaceLineEndings(" "));
            return Task.FromResult(CliBoundary.Failure);
        }
        return parse.InvokeAsync(new InvocationConfiguration { Output = context.Output, Error = context.Error });
    }

    /// <summary>
    /// With no verb, <c>train</c>: the first <c>dotnet run --project host/QSan.Cli</c> shows QSANN learning, and options
    /// without a verb are train's. The root itself has only help and version, so <c>--help</c> lists the commands first.
    /// </summary>
    private static string[] TrainWithoutVerb(RootCommand root, string[] args) =>
        args.Length == 0 || (args[0].StartsWith('-') && !root.Options.Any(o => o.Name == args[0] || o.Aliases.Contains(args[0])))
            ? ["train", .. args]
            : args;
}
