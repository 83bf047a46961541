using System.Runtime.Intrinsics;

namespace QSan.Benchmarks;

/// <summary>What a measured figure needs beside it (BENCHMARKS.md): the CPU, its SIMD width, the cores and the load when measured.</summary>
/// <param name="Cpu">The CPU model as Linux names it (<c>/proc/cpuinfo</c>), or the architecture elsewhere.</param>
/// <param name="Simd">The widest vectors .NET accelerates here.</param>
/// <param name="Cores">Logical processors.</param>
/// <param name="Load">The 1-minute load average (<c>/proc/loadavg</c>), or null where there is none.</param>
public sealed record MachineDescription(string Cpu, string Simd, int Cores, double? Load)
{
    /// <summary>This machine, now.</summary>
    public static MachineDescription Now() => new(ReadCpu(), Vector512.IsHardwareAccelerated ? "AVX-512 (512-bit)" : Vector256.IsHardwareAccelerated ? "AVX2 (256-bit)" : "128-bit or none",
        Environment.ProcessorCount, ReadLoad());

    /// <summary>"AMD EPYC, AVX-512 (512-bit), 2 cores, load 0.52".</summary>
    public override string ToString() => $"{Cpu}, {Simd}, {Cores} cores{(Load is { } l ? $", load {l:F2}" : "")}";

    private static string ReadCpu()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
            foreach (var line in File.ReadLines(cpuinfo))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                    return line[(colon + 1)..].Trim();
        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static double? ReadLoad()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return null;
        var first = File.ReadAllText(loadavg).Split(' ')[0];
        return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : null;
    }
}
