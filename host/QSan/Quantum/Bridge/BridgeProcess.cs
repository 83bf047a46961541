using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace QSan.Quantum.Bridge;

/// <summary>
/// One running <c>node bridge.mjs</c>: writes request lines to its stdin and hands out its stdout lines with a
/// timeout, noticing when it exits. A dedicated thread reads stdout so a wait can always give up.
/// </summary>
internal sealed class BridgeProcess : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly TextTail _errors = new();

    private BridgeProcess(Process process)
    {
        _process = process;
        Id = process.Id;
    }

    public int Id { get; }

    /// <summary>The last lines of stderr (and any stray stdout), for error messages.</summary>
    public string ErrorTail => _errors.ToString();

    public bool HasExited
    {
        get
        {
            try { return _process.HasExited; }
            catch (InvalidOperationException) { return true; }
        }
    }

    /// <exception cref="NodeNotFoundException">node could not be started.</exception>
    public static BridgeProcess Start(string nodePath, string bridgeDirectory)
    {
        var info = new ProcessStartInfo(nodePath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom, // a BOM would corrupt the first request line
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = bridgeDirectory,
        };
        info.ArgumentList.Add(Path.Combine(bridgeDirectory, BridgeLocator.ScriptName));

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new NodeNotFoundException(nodePath, e);
        }
        var bridge = new BridgeProcess(process);
        process.ErrorDataReceived += (_, e) => bridge._errors.Add(e.Data);
        process.BeginErrorReadLine();
        new Thread(bridge.ReadOutput) { IsBackground = true, Name = $"qsharp-bridge-{process.Id}-stdout" }.Start();
        return bridge;
    }

    /// <summary>Writes one line; false when the write did not complete in time (the pipe is full and nobody reads).</summary>
    /// <exception cref="IOException">The process has gone.</exception>
    public bool Send(string line, TimeSpan timeout)
    {
        var bytes = Utf8NoBom.GetBytes(line + "\n");
        var stream = _process.StandardInput.BaseStream;
        var write = Task.Run(async () =>
        {
            await stream.WriteAsync(bytes).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        });
        try
        {
            return write.Wait(timeout);
        }
        catch (AggregateException e) when (e.InnerException is IOException or ObjectDisposedException)
        {
            throw new IOException("The Q# bridge's stdin is closed.", e.InnerException);
        }
    }

    /// <summary>The next stdout line; null at end of output (the process exited); <paramref name="timedOut"/> when none came in time.</summary>
    public string? ReadLine(TimeSpan timeout, out bool timedOut)
    {
        timedOut = false;
        if (_lines.TryTake(out var line, timeout)) return line;
        if (_lines.IsCompleted) return null;
        timedOut = true;
        return null;
    }

    /// <summary>Keeps a stdout line that is not a protocol response, to show with errors.</summary>
    public void NoteStrayOutput(string line) => _errors.Add($"[stdout] {line}");

    /// <summary>Waits for the process to end and returns its exit code, or null if it does not end in time.</summary>
    public int? WaitForExitCode(TimeSpan timeout)
    {
        try
        {
            if (!_process.WaitForExit(timeout)) return null;
            _process.WaitForExit(); // lets the stderr reader drain
            return _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Kills the process; safe to call from any thread, any number of times.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        catch (Win32Exception) { }
    }

    public void Dispose()
    {
        Kill();
        WaitForExitCode(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private void ReadOutput()
    {
        try
        {
            var reader = _process.StandardOutput;
            while (reader.ReadLine() is { } line) _lines.Add(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process went away under the reader: same as end of output.
        }
        finally
        {
            _lines.CompleteAdding();
        }
    }
}
