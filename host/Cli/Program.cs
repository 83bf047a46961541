using System.CommandLine;

namespace QSan.Cli;

/// <summary>The <c>qsan</c> command line: <c>dotnet run --project host -- &lt;verb&gt;</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("QSan: quantum self-attention neural networks with Q# circuits.");
        return root.Parse(args).Invoke();
    }
}
