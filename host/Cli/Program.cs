using System.CommandLine;

namespace QSan.Cli;

/// <summary>The <c>qsan</c> command line: <c>dotnet run --project host -- &lt;verb&gt;</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("QSan: quantum self-attention neural networks whose circuits are written in Q#.")
        {
            CompareCommand.Create(),
            CircuitsCommand.Create(),
            AzureCommand.Create(),
        };
        // With no verb, show the Q# circuits running on Microsoft's simulator and on the native engine.
        root.SetAction(_ => CompareCommand.Run(4, 1, null, 4, 1));
        return root.Parse(args).Invoke();
    }
}
