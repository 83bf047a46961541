using System.Diagnostics;
using QSan.Quantum.Bridge;
using Xunit;

namespace QSan.Tests.Quantum.Bridge;

/// <summary>Each failure mode ends in a typed exception with an actionable message, never a hang. Each test owns its bridge.</summary>
public sealed class QSharpBridgeFailureTests
{
    // About 50 s per 10^8 iterations on the simulator: far longer than any test waits.
    private static readonly QSharpProject Spinner = QSharpProject.FromSources([new("src/Spin.qs", """
        namespace Spin {
            operation Forever() : Unit {
                mutable n = 0;
                for i in 1..2000000000 {
                    set n += 1;
                }
            }

            operation Quick() : Result {
                use q = Qubit();
                X(q);
                MResetZ(q)
            }
        }
        """)]);

    [Fact]
    public void A_missing_node_is_reported_with_the_path_tried_and_how_to_set_QSAN_NODE()
    {
        var missing = Path.Combine(Path.GetTempPath(), "qsan-no-node-" + Guid.NewGuid().ToString("N"), "node");

        var e = Assert.Throws<NodeNotFoundException>(() => QSharpBridge.Start(new QSharpBridgeOptions { NodePath = missing }));

        Assert.Equal(missing, e.NodePath);
        Assert.Contains(missing, e.Message);
        Assert.Contains("QSAN_NODE", e.Message);
    }

    [Fact]
    public void A_node_older_than_18_is_refused_before_the_bridge_starts()
    {
        var dir = Directory.CreateTempSubdirectory("qsan-old-node-").FullName;
        try
        {
            var fakeNode = Path.Combine(dir, OperatingSystem.IsWindows() ? "node.cmd" : "node");
            if (OperatingSystem.IsWindows())
            {
                File.WriteAllText(fakeNode, "@echo v14.0.0\r\n");
            }
            else
            {
                File.WriteAllText(fakeNode, "#!/bin/sh\necho v14.0.0\n");
                File.SetUnixFileMode(fakeNode, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var e = Assert.Throws<NodeTooOldException>(() => QSharpBridge.Start(new QSharpBridgeOptions { NodePath = fakeNode }));

            Assert.Equal("v14.0.0", e.Version);
            Assert.Contains("v14.0.0", e.Message);
            Assert.Contains("18", e.Message);
            Assert.Contains(fakeNode, e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{ this is not a lock file")]
    public void A_failing_npm_install_names_the_folder_and_shows_what_npm_said(string? lockFile)
    {
        var original = BridgeLocator.Find(null);
        var dir = Directory.CreateTempSubdirectory("qsan-bridge-copy-").FullName;
        try
        {
            File.Copy(Path.Combine(original, "bridge.mjs"), Path.Combine(dir, "bridge.mjs"));
            File.Copy(Path.Combine(original, "package.json"), Path.Combine(dir, "package.json"));
            if (lockFile is not null) File.WriteAllText(Path.Combine(dir, "package-lock.json"), lockFile);

            var e = Assert.Throws<NpmInstallException>(() => QSharpBridge.Start(new QSharpBridgeOptions { BridgeDirectory = dir }));

            Assert.Equal(dir, e.Directory);
            Assert.Contains(dir, e.Message);
            Assert.Contains("npm ci", e.Message);
            Assert.Contains("package-lock.json", e.ErrorTail);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            File.Delete(NpmInstaller.LockPath(dir));
        }
    }

    [Fact]
    public async Task A_bridge_process_killed_mid_call_raises_BridgeCrashedException_and_the_next_call_restarts_it()
    {
        using var bridge = QSharpBridge.Start(new QSharpBridgeOptions { CallTimeout = TimeSpan.FromMinutes(2) });
        var firstPid = bridge.ProcessId!.Value;
        using var started = new ManualResetEventSlim();

        var call = Task.Run(() =>
        {
            started.Set();
            return bridge.RunShots(Spinner, "Spin.Forever()", 1);
        });
        Assert.True(started.Wait(TimeSpan.FromMinutes(1)));
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // lets the request reach the process
        using (var node = Process.GetProcessById(firstPid)) node.Kill();

        var e = await Assert.ThrowsAsync<BridgeCrashedException>(() => call);
        Assert.Contains($"pid {firstPid}", e.Message);
        Assert.Contains("'run'", e.Message);
        Assert.Contains("next call starts a new one", e.Message);
        Assert.Null(bridge.ProcessId);

        var shot = Assert.Single(bridge.RunShots(Spinner, "Spin.Quick()", 1));
        Assert.Equal("One", shot.Result);
        Assert.NotEqual(firstPid, bridge.ProcessId);
    }

    [Fact]
    public void A_call_that_times_out_kills_the_process_and_the_next_call_restarts_it()
    {
        using var bridge = QSharpBridge.Start();
        var firstPid = bridge.ProcessId!.Value;

        var e = Assert.Throws<BridgeTimeoutException>(() => bridge.RunShots(Spinner, "Spin.Forever()", 1, TimeSpan.FromSeconds(2)));

        Assert.Equal("run", e.Command);
        Assert.Contains("was killed", e.Message);
        Assert.False(IsRunning(firstPid));

        var shot = Assert.Single(bridge.RunShots(Spinner, "Spin.Quick()", 1));
        Assert.Equal("One", shot.Result);
        Assert.NotEqual(firstPid, bridge.ProcessId);
    }

    [Fact]
    public void Dispose_kills_the_bridge_process()
    {
        var bridge = QSharpBridge.Start();
        var pid = bridge.ProcessId!.Value;

        bridge.Dispose();

        Assert.False(IsRunning(pid));
        Assert.Throws<ObjectDisposedException>(() => bridge.RunShots(Spinner, "Spin.Quick()", 1));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
