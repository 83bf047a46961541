using System.Diagnostics;

namespace QSan.Quantum.Bridge;

/// <summary>Runs a short-lived helper process (<c>node --version</c>, <c>npm ci</c>) to completion with a timeout.</summary>
internal static class ProcessRunner
{
    /// <summary>The exit code (null when it timed out and was killed), all of stdout, and the tail of stderr.</summary>
    public sealed record Outcome(int? ExitCode, string Output, string ErrorTail);

    /// <exception cref="System.ComponentModel.Win32Exception">The executable could not be started.</exception>
    public static Outcome Run(string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);

        var output = new System.Text.StringBuilder();
        var errors = new TextTail();
        using var process = new Process { StartInfo = info };
        // Both streams are drained asynchronously so a chatty child cannot block on a full pipe.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => errors.Add(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(TimeSpan.FromSeconds(10));
            lock (output) return new Outcome(null, output.ToString(), errors.ToString());
        }
        process.WaitForExit(); // flushes the asynchronous readers
        lock (output) return new Outcome(process.ExitCode, output.ToString(), errors.ToString());
    }

    /// <summary>Finds an executable: a path is taken as is; a bare name is looked up on PATH (with PATHEXT on Windows).</summary>
    public static string? FindExecutable(string nameOrPath)
    {
        if (nameOrPath.Length == 0) return null;
        if (Path.IsPathRooted(nameOrPath) || nameOrPath.Contains('/') || nameOrPath.Contains(Path.DirectorySeparatorChar))
            return File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
        var extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries).Prepend("")
            : [""];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, nameOrPath + ext);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
