using System.Reflection;
using System.Text.Json.Nodes;

namespace QSan.Tests.Torch;

/// <summary>Where the copies of TorchSharp's glue library libLibTorchSharp.so are: the NuGet cache's, its .nupkg's and this build's.</summary>
internal static class TorchSharpFiles
{
    public const string GlueLibraryInPackage = "runtimes/linux-x64/native/libLibTorchSharp.so";

    /// <summary>NuGet's package folder as this build used it (NuGetPackageRoot, recorded in the test assembly).</summary>
    public static string NuGetPackageRoot { get; } = typeof(TorchSharpFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NuGetPackageRoot").Value!;

    /// <summary>TorchSharp's folder in the package cache, as the test's deps.json names it (e.g. torchsharp/0.107.0).</summary>
    public static string PackageFolder { get; } = Path.Combine(NuGetPackageRoot, TorchSharpLibraryPath());

    public static string CachedGlueLibrary => Path.Combine(PackageFolder, GlueLibraryInPackage);

    public static string Nupkg => Directory.GetFiles(PackageFolder, "*.nupkg").Single();

    /// <summary>The copy this build made for the test process.</summary>
    public static string OutputGlueLibrary => Path.Combine(AppContext.BaseDirectory, GlueLibraryInPackage);

    private static string TorchSharpLibraryPath()
    {
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "QSan.Tests.deps.json")))!;
        var library = deps["libraries"]!.AsObject().Single(l => l.Key.StartsWith("TorchSharp/", StringComparison.Ordinal));
        return (string)library.Value!["path"]!;
    }
}
