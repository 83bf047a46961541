using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QSan.Quantum.Bridge;

/// <summary>
/// Installs the bridge's pinned npm packages with <c>npm ci</c> when <c>node_modules/qsharp-lang</c> is missing
/// (the build normally does this; this is the fallback for published folders and fresh checkouts run without a build).
/// </summary>
internal static class NpmInstaller
{
    public const string NpmEnvironmentVariable = "QSAN_NPM";

    public static bool IsInstalled(string bridgeDirectory) =>
        File.Exists(Path.Combine(bridgeDirectory, "node_modules", "qsharp-lang", "package.json"));

    /// <summary>The npm to use: the option, else <c>QSAN_NPM</c>, else the npm beside node, else <c>npm</c> on PATH.</summary>
    public static string Configured(string? optionPath, string nodePath)
    {
        if (!string.IsNullOrWhiteSpace(optionPath)) return optionPath;
        var fromEnvironment = Environment.GetEnvironmentVariable(NpmEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        var besideNode = Path.Combine(Path.GetDirectoryName(nodePath) ?? "", OperatingSystem.IsWindows() ? "npm.cmd" : "npm");
        return File.Exists(besideNode) ? besideNode : "npm";
    }

    /// <exception cref="NpmInstallException">npm is missing, failed, timed out, or did not install qsharp-lang.</exception>
    public static void EnsureInstalled(string bridgeDirectory, string npm, TimeSpan timeout)
    {
        if (IsInstalled(bridgeDirectory)) return;
        using var installLock = AcquireLock(bridgeDirectory, timeout);
        if (IsInstalled(bridgeDirectory)) return; // another process installed it while this one waited

        var npmPath = ProcessRunner.FindExecutable(npm)
            ?? throw new NpmInstallException(bridgeDirectory, $"npm was not found at '{npm}' (install Node.js with npm, or set {NpmEnvironmentVariable} to the npm executable)", "");
        ProcessRunner.Outcome outcome;
        try
        {
            outcome = ProcessRunner.Run(npmPath, ["ci", "--no-audit", "--no-fund"], bridgeDirectory, timeout);
        }
        catch (Win32Exception e)
        {
            throw new NpmInstallException(bridgeDirectory, $"'{npmPath}' could not be started ({e.Message})", "", e);
        }
        if (outcome.ExitCode is null)
            throw new NpmInstallException(bridgeDirectory, $"it did not finish within {timeout.TotalSeconds:0} s", outcome.ErrorTail);
        if (outcome.ExitCode != 0)
            throw new NpmInstallException(bridgeDirectory, $"npm exited with code {outcome.ExitCode.Value.ToString(CultureInfo.InvariantCulture)}", outcome.ErrorTail);
        if (!IsInstalled(bridgeDirectory))
            throw new NpmInstallException(bridgeDirectory, "npm succeeded but node_modules/qsharp-lang is still missing", outcome.ErrorTail);
        // The build's install target skips its own npm ci while this stamp is newer than package(-lock).json.
        File.WriteAllText(Path.Combine(bridgeDirectory, "node_modules", ".qsan-installed"), DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture));
    }

    /// <summary>The lock file of a bridge folder (left in place: deleting a lock file others may be waiting on races).</summary>
    internal static string LockPath(string bridgeDirectory)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(bridgeDirectory).TrimEnd('/', '\\'))))[..16];
        return Path.Combine(Path.GetTempPath(), $"qsan-npm-{key}.lock");
    }

    /// <summary>
    /// An exclusive lock per bridge folder, shared with the build's install task (same file name), so concurrent
    /// builds and hosts never run two <c>npm ci</c> in one folder at once.
    /// </summary>
    private static FileStream AcquireLock(string bridgeDirectory, TimeSpan timeout)
    {
        var path = LockPath(bridgeDirectory);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
            catch (IOException e)
            {
                throw new NpmInstallException(bridgeDirectory, $"another install held the lock '{path}' for longer than {timeout.TotalSeconds:0} s", "", e);
            }
        }
    }
}
