using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QSan.Quantum.Bridge;

/// <summary>
/// Microsoft's Q# compiler and simulator (npm <c>qsharp-lang</c>) behind one long-lived Node process that speaks
/// JSON lines over stdio. Calls are synchronous and serialized; a crashed or stuck process is replaced on the next call.
/// </summary>
public sealed class QSharpBridge : IDisposable
{
    private readonly Lock _gate = new();
    private readonly QSharpBridgeOptions _options;
    private readonly string _nodePath;
    private volatile BridgeProcess? _process;
    private volatile bool _disposed;
    private long _nextId;

    private QSharpBridge(QSharpBridgeOptions options, string nodePath, string bridgeDirectory)
    {
        _options = options;
        _nodePath = nodePath;
        BridgeDirectory = bridgeDirectory;
    }

    /// <summary>The qsharp-lang version the bridge runs (e.g. <c>1.32.5-dev</c>); part of compiled-template cache keys.</summary>
    public string CompilerVersion { get; private set; } = "";

    /// <summary>The Node.js version the bridge runs on (e.g. <c>v20.11.1</c>).</summary>
    public string NodeVersion { get; private set; } = "";

    /// <summary>The folder holding <c>bridge.mjs</c>.</summary>
    public string BridgeDirectory { get; }

    /// <summary>The process id of the running Node process; null while none is running.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>
    /// Checks Node.js, installs the bridge's npm packages if they are missing, and starts the bridge process.
    /// </summary>
    /// <param name="options">Where node and the bridge are, and timeouts; defaults when null.</param>
    /// <exception cref="NodeNotFoundException">Node.js is not at the configured path.</exception>
    /// <exception cref="NodeTooOldException">Node.js is older than 18.</exception>
    /// <exception cref="NpmInstallException"><c>npm ci</c> was needed and failed.</exception>
    /// <exception cref="QSharpBridgeException">The bridge folder was not found or the process did not start.</exception>
    public static QSharpBridge Start(QSharpBridgeOptions? options = null)
    {
        options ??= new QSharpBridgeOptions();
        var nodePath = NodeRuntime.Resolve(NodeRuntime.Configured(options.NodePath), options.StartTimeout);
        var bridge = new QSharpBridge(options, nodePath, BridgeLocator.Find(options.BridgeDirectory));
        try
        {
            lock (bridge._gate) bridge.EnsureProcess();
        }
        catch
        {
            bridge.Dispose();
            throw;
        }
        return bridge;
    }

    /// <summary>Runs <paramref name="expression"/> (e.g. <c>QSan.Circuits.Sample([0.3, 0.7])</c>) for a number of shots.</summary>
    /// <param name="project">The program.</param>
    /// <param name="expression">A Q# entry expression calling into the program.</param>
    /// <param name="shots">How many times to run it (at least 1).</param>
    /// <param name="timeout">How long the whole call may take; <see cref="QSharpBridgeOptions.CallTimeout"/> when null.</param>
    /// <returns>One entry per shot, in order; a shot that fails at run time is reported, not thrown.</returns>
    /// <exception cref="QSharpCompileException">The program or the expression does not compile.</exception>
    public IReadOnlyList<QSharpShot> RunShots(QSharpProject project, string expression, int shots, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shots, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        return Call("run", project, timeout, w =>
        {
            w.WriteString("expr", expression);
            w.WriteNumber("shots", shots);
        }, r => r.GetProperty("shots").EnumerateArray().Select(BridgeProtocol.Shot).ToImmutableArray());
    }

    /// <summary>
    /// Runs <paramref name="expression"/> on Microsoft's noisy simulator (qsharp-lang's <c>runWithNoise</c>): each shot
    /// draws an X, Y or Z error with probabilities <paramref name="px"/>, <paramref name="py"/>, <paramref name="pz"/>
    /// after every gate on each qubit the gate touched and before every measurement on the measured qubit.
    /// </summary>
    /// <param name="project">The program.</param>
    /// <param name="expression">A Q# entry expression calling into the program.</param>
    /// <param name="shots">How many times to run it (at least 1).</param>
    /// <param name="px">Probability of an X error.</param>
    /// <param name="py">Probability of a Y error.</param>
    /// <param name="pz">Probability of a Z error.</param>
    /// <param name="qubitLoss">Probability that a qubit is lost at each of those points (0: none).</param>
    /// <param name="timeout">How long the whole call may take; <see cref="QSharpBridgeOptions.CallTimeout"/> when null.</param>
    /// <returns>One entry per shot, in order.</returns>
    /// <exception cref="QSharpCompileException">The program or the expression does not compile.</exception>
    public IReadOnlyList<QSharpShot> RunShotsWithNoise(QSharpProject project, string expression, int shots, double px, double py, double pz,
        double qubitLoss = 0, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shots, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        foreach (var p in new[] { px, py, pz, qubitLoss })
            if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(px), p, "Noise probabilities lie in [0, 1].");
        return Call("runWithNoise", project, timeout, w =>
        {
            w.WriteString("expr", expression);
            w.WriteNumber("shots", shots);
            w.WriteStartArray("pauliNoise");
            w.WriteNumberValue(px);
            w.WriteNumberValue(py);
            w.WriteNumberValue(pz);
            w.WriteEndArray();
            w.WriteNumber("qubitLoss", qubitLoss);
        }, r => r.GetProperty("shots").EnumerateArray().Select(BridgeProtocol.Shot).ToImmutableArray());
    }

    /// <summary>
    /// Runs <paramref name="expression"/> once and returns the states it dumped with <c>DumpMachine</c> as dense
    /// little-endian vectors (bit q of an index is qubit q).
    /// </summary>
    /// <param name="project">The program.</param>
    /// <param name="expression">A Q# entry expression that calls <c>DumpMachine()</c> at least once.</param>
    /// <param name="timeout">How long the call may take; <see cref="QSharpBridgeOptions.CallTimeout"/> when null.</param>
    /// <exception cref="QSharpCompileException">The program or the expression does not compile.</exception>
    /// <exception cref="QSharpRuntimeException">The run failed.</exception>
    public QSharpDump DumpState(QSharpProject project, string expression, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        return Call("dump", project, timeout, w => w.WriteString("expr", expression), r => new QSharpDump(
            BridgeProtocol.String(r, "result"),
            r.GetProperty("dumps").EnumerateArray().Select(BridgeProtocol.State).ToImmutableArray(),
            BridgeProtocol.Messages(r)));
    }

    /// <summary>
    /// Compiles the program's <c>@EntryPoint()</c> to base-profile QIR (LLVM text). Add a generated entry point with
    /// <see cref="QSharpProject.WithExtraSource"/>. Each call costs a full compile (about 0.1–0.3 s).
    /// </summary>
    /// <param name="project">The program, including exactly one entry point.</param>
    /// <param name="timeout">How long the call may take; <see cref="QSharpBridgeOptions.CallTimeout"/> when null.</param>
    /// <exception cref="QSharpCompileException">The program does not compile for the base profile.</exception>
    public string GetQir(QSharpProject project, TimeSpan? timeout = null) =>
        Call("qir", project, timeout, null, r => BridgeProtocol.String(r, "qir"));

    /// <summary>
    /// Runs Microsoft's resource estimator (qsharp-lang <c>getEstimates</c>) on <paramref name="expression"/>, once per
    /// parameter set of <paramref name="parameters"/> (a JSON array such as
    /// <c>[{"qubitParams":{"name":"qubit_gate_ns_e3"},"errorBudget":0.001}]</c>); returns the estimator's results in order.
    /// </summary>
    /// <param name="project">The program.</param>
    /// <param name="expression">A Q# entry expression calling into the program.</param>
    /// <param name="parameters">The estimator's parameter sets.</param>
    /// <param name="timeout">How long the call may take; <see cref="QSharpBridgeOptions.CallTimeout"/> when null.</param>
    /// <exception cref="QSharpCompileException">The program or the expression does not compile.</exception>
    public JsonArray GetEstimates(QSharpProject project, string expression, JsonArray parameters, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        ArgumentNullException.ThrowIfNull(parameters);
        return Call("estimates", project, timeout, w =>
        {
            w.WriteString("expr", expression);
            w.WriteString("params", parameters.ToJsonString());
        }, r => JsonNode.Parse(r.GetProperty("estimates").GetRawText())!.AsArray());
    }

    /// <summary>Finds the program's <c>@Test()</c> callables and runs each once on the simulator.</summary>
    /// <param name="project">The program.</param>
    /// <param name="timeout">How long the whole call may take; <see cref="QSharpBridgeOptions.CallTimeout"/> when null.</param>
    /// <returns>One result per test, sorted by name.</returns>
    /// <exception cref="QSharpCompileException">The program does not compile.</exception>
    public IReadOnlyList<QSharpTestResult> RunTests(QSharpProject project, TimeSpan? timeout = null) =>
        Call("tests", project, timeout, null, r => r.GetProperty("tests").EnumerateArray()
            .Select(t => new QSharpTestResult(BridgeProtocol.String(t, "name"), t.GetProperty("success").GetBoolean(), BridgeProtocol.OptionalString(t, "message")))
            .ToImmutableArray());

    /// <summary>Kills the Node process. A call in flight on another thread fails with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        _process?.Kill(); // unblocks a call in flight, which then releases the lock
        lock (_gate)
        {
            _process?.Dispose();
            _process = null;
        }
    }

    private T Call<T>(string command, QSharpProject project, TimeSpan? timeout, Action<Utf8JsonWriter>? fields, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(project);
        var limit = timeout ?? _options.CallTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureProcess();
            using var response = Exchange(command, project, fields, limit);
            return read(response.RootElement);
        }
    }

    /// <summary>Starts the process if none is running (first use, or after a crash or timeout) and reads its versions.</summary>
    private void EnsureProcess()
    {
        if (_process is { HasExited: false }) return;
        _process?.Dispose();
        _process = null;
        NpmInstaller.EnsureInstalled(BridgeDirectory, NpmInstaller.Configured(_options.NpmPath, _nodePath), _options.NpmInstallTimeout);
        _process = BridgeProcess.Start(_nodePath, BridgeDirectory);
        using var version = Exchange("version", null, null, _options.StartTimeout);
        CompilerVersion = BridgeProtocol.String(version.RootElement, "compilerVersion");
        NodeVersion = BridgeProtocol.String(version.RootElement, "node");
    }

    /// <summary>Sends one request and waits for its response; throws the typed error a failed response stands for.</summary>
    private JsonDocument Exchange(string command, QSharpProject? project, Action<Utf8JsonWriter>? fields, TimeSpan timeout)
    {
        var process = _process!;
        var id = ++_nextId;
        var clock = Stopwatch.StartNew();
        try
        {
            if (!process.Send(BridgeProtocol.Request(id, command, project, fields), timeout)) throw TimedOut(process, command, timeout);
        }
        catch (IOException)
        {
            throw Crashed(process, command);
        }

        while (true)
        {
            var remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero) throw TimedOut(process, command, timeout);
            var line = process.ReadLine(remaining, out var timedOut);
            if (timedOut) throw TimedOut(process, command, timeout);
            if (line is null) throw Crashed(process, command);

            var response = TryParseResponse(line, id);
            if (response is null)
            {
                process.NoteStrayOutput(line);
                continue;
            }
            var root = response.RootElement;
            if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True) return response;
            using (response) throw Failure(process, root, project);
        }
    }

    private static JsonDocument? TryParseResponse(string line, long id)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt64() == id) return doc;
            doc.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Exception Failure(BridgeProcess process, JsonElement response, QSharpProject? project)
    {
        if (response.TryGetProperty("restart", out var restart) && restart.ValueKind == JsonValueKind.True) Discard(process);
        var error = response.GetProperty("error");
        var kind = BridgeProtocol.String(error, "kind");
        var message = BridgeProtocol.String(error, "message");
        var diagnostics = BridgeProtocol.Diagnostics(error);
        string Located() => diagnostics.IsEmpty
            ? message
            : string.Join(Environment.NewLine, diagnostics.Select(d => d.Format(project?.DisplayPath(d.File))));
        return kind switch
        {
            "compile" => new QSharpCompileException(diagnostics, Located()),
            "runtime" => RuntimeFailure(error, Located()),
            _ => new BridgeProtocolException(kind, $"The Q# bridge reported a{(kind == "internal" ? "n internal" : " " + kind)} error: {message}"),
        };
    }

    private static QSharpRuntimeException RuntimeFailure(JsonElement error, string located)
    {
        var details = BridgeProtocol.Error(error);
        return new QSharpRuntimeException(details, details.WithCallStack(located));
    }

    private BridgeTimeoutException TimedOut(BridgeProcess process, string command, TimeSpan timeout)
    {
        Discard(process);
        return new BridgeTimeoutException(command, timeout);
    }

    private Exception Crashed(BridgeProcess process, string command)
    {
        var exitCode = process.WaitForExitCode(TimeSpan.FromSeconds(5));
        var errorTail = process.ErrorTail;
        Discard(process);
        if (_disposed) return new ObjectDisposedException(nameof(QSharpBridge), "The Q# bridge was disposed during the call.");
        var code = exitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
        var tail = errorTail.Length == 0 ? " It wrote nothing to stderr." : $"{Environment.NewLine}Its stderr ended with:{Environment.NewLine}{errorTail}";
        return new BridgeCrashedException(
            $"The Q# bridge's Node process (pid {process.Id}, {_nodePath} {BridgeLocator.ScriptName} in '{BridgeDirectory}') exited with code {code} " +
            $"during a '{command}' call; the next call starts a new one.{tail}", exitCode, errorTail);
    }

    private void Discard(BridgeProcess process)
    {
        process.Dispose();
        if (ReferenceEquals(_process, process)) _process = null;
    }
}
