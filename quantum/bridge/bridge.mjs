// QSan's bridge to Microsoft's Q# compiler and simulator (npm package qsharp-lang, WASM).
//
// Protocol: JSON lines over stdio, one request at a time, answered in order.
//   request:  {"id":N,"cmd":...,"sources":[[name,text],...],"languageFeatures":[...], ...command fields}
//   response: {"id":N,"ok":true, ...command results} or
//             {"id":N,"ok":false,"error":{"kind":"compile"|"runtime"|"protocol"|"internal","message":...,"diagnostics":[...]}}
//             ("restart":true beside an internal error: the WASM instance trapped and this process exits after answering).
// Diagnostics are {"file","line","column","code","message"}, line and column 1-based.
// Commands:
//   version                  -> {"compilerVersion","node"}                       (no program needed)
//   run   {"expr","shots"}   -> {"shots":[{"success","result","error","messages"}]} runtime failures per shot
//   runWithNoise {"expr","shots","pauliNoise":[px,py,pz],"qubitLoss"} -> as run, on qsharp-lang's noisy simulator: a Pauli
//                               error drawn after each gate on each qubit it touched and before each measurement
//   dump  {"expr"}           -> {"result","dumps":[{"qubitCount","amplitudes":[[re,im] x 2^n]}],"messages"}
//                               dense and little-endian: bit q of an index is qubit q
//   qir                      -> {"qir"}    base profile, from the program's @EntryPoint()
//   tests                    -> {"tests":[{"name","success","message"}]}  every @Test() callable, one shot each
//   estimates {"expr","params"} -> {"estimates":[...]}  Microsoft's resource estimator (getEstimates); params is the
//                               JSON text of an array of estimator parameter sets, one result per set, in order
// stdout carries only protocol lines; everything else (logs, warnings) goes to stderr.

import fs from "node:fs";
import readline from "node:readline";

// Libraries that log to stdout would corrupt the protocol, so console output all goes to stderr.
for (const level of ["log", "info", "debug", "trace"]) console[level] = console.error;

const { loadWasmModule, getCompiler, QscEventTarget } = await import("qsharp-lang");

const packageRoot = new URL("./node_modules/qsharp-lang/", import.meta.url);
const compilerVersion = JSON.parse(fs.readFileSync(new URL("package.json", packageRoot), "utf8")).version;

// loadWasmModule takes a string as a URL to fetch, so the module is handed over as bytes.
const wasmBytes = fs.readFileSync(new URL("lib/web/qsc_wasm_bg.wasm", packageRoot));
await loadWasmModule(wasmBytes.buffer.slice(wasmBytes.byteOffset, wasmBytes.byteOffset + wasmBytes.byteLength));
const compiler = await getCompiler();

/** An error answered to the host as {"ok":false,"error":...}. */
class BridgeError extends Error {
  constructor(kind, message, diagnostics = [], extra = {}) {
    super(message);
    this.kind = kind;
    this.diagnostics = diagnostics;
    this.extra = extra;
  }
}

/** Converts qsharp-lang's {document, diagnostic:{range,message,code}} errors to protocol diagnostics. */
function toDiagnostics(errors) {
  return (errors ?? []).map((e) => {
    const d = e.diagnostic ?? e;
    const start = d.range?.start ?? { line: 0, character: 0 };
    return {
      file: e.document ?? "",
      line: start.line + 1,
      column: start.character + 1,
      code: d.code ?? "",
      message: d.message ?? String(e),
    };
  });
}

function program(request, profile) {
  const sources = request.sources;
  if (!Array.isArray(sources) || sources.some((s) => !Array.isArray(s) || s.length !== 2 || typeof s[0] !== "string" || typeof s[1] !== "string")) {
    throw new BridgeError("protocol", "'sources' must be an array of [name, text] string pairs");
  }
  const languageFeatures = request.languageFeatures ?? [];
  if (!Array.isArray(languageFeatures) || languageFeatures.some((f) => typeof f !== "string")) {
    throw new BridgeError("protocol", "'languageFeatures' must be an array of strings");
  }
  return { sources, languageFeatures, profile };
}

function requireString(request, field) {
  if (typeof request[field] !== "string" || request[field].length === 0) {
    throw new BridgeError("protocol", `'${field}' must be a non-empty string`);
  }
  return request[field];
}

/** A compile error thrown by getQir/getHir (QdkDiagnostics) or any other failure. */
function compileError(e) {
  if (e && Array.isArray(e.diagnostics)) {
    const diagnostics = toDiagnostics(e.diagnostics);
    return new BridgeError("compile", diagnostics[0]?.message ?? "Q# compilation failed", diagnostics);
  }
  return e;
}

/** Runs `expr` for `shots` shots; compile errors fail the whole call, runtime errors are per shot. */
async function simulate(prog, expr, shots, withDumps = false, noise = null) {
  const events = new QscEventTarget(true);
  try {
    if (noise) await compiler.runWithNoise(prog, expr, shots, noise.pauli, noise.loss, events);
    else await compiler.run(prog, expr, shots, events);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) throw e;
    if (e && Array.isArray(e.diagnostics)) throw compileError(e);
    // A rejected run reports its compile diagnostics as a failed result rather than in the exception.
    const failed = events.getResults().find((r) => !r.success && r.result && typeof r.result === "object");
    const diagnostics = toDiagnostics(failed?.result?.errors);
    throw new BridgeError("compile", diagnostics[0]?.message ?? String(e?.message ?? e), diagnostics);
  }
  return events.getResults().map((r) => {
    const messages = r.events.filter((ev) => ev.type === "Message").map((ev) => ev.message);
    const dumps = withDumps ? r.events.filter((ev) => ev.type === "DumpMachine").map(denseState) : [];
    if (r.success) return { success: true, result: r.result, error: null, messages, dumps };
    const failure = r.result ?? {};
    const stack = failure.errors?.find((e) => e.stack)?.stack ?? null;
    return {
      success: false,
      result: null,
      error: {
        code: failure.code ?? "",
        message: failure.message ?? "Q# runtime error",
        diagnostics: leadWithProgramFrame(toDiagnostics(failure.errors), stack, prog, failure.code ?? "", failure.message ?? ""),
        stack,
      },
      messages,
      dumps,
    };
  });
}

/**
 * A failure raised inside the standard library (e.g. by Fact) is located there; the innermost call-stack frame
 * in the program's own sources goes first instead, since that is the line a user can act on.
 */
function leadWithProgramFrame(diagnostics, stack, prog, code, message) {
  const own = new Set(prog.sources.map(([name]) => name));
  if (diagnostics.length > 0 && own.has(diagnostics[0].file)) return diagnostics;
  for (const frame of (stack ?? "").split("\n")) {
    const m = /^\s*at \S+ in (.+):(\d+):(\d+)$/.exec(frame);
    if (m && own.has(m[1])) {
      return [{ file: m[1], line: Number(m[2]), column: Number(m[3]), code, message }, ...diagnostics];
    }
  }
  return diagnostics;
}

/**
 * Expands a DumpMachine event's sparse labelled state into a dense little-endian array.
 * Labels read "|q0 q1 ... q(n-1)⟩" (qubit 0 is the leftmost character), so bit q of the index is qubit q.
 */
function denseState(event) {
  const n = event.qubitCount;
  const amplitudes = Array.from({ length: 2 ** n }, () => [0, 0]);
  for (const [label, value] of Object.entries(event.state)) {
    const bits = label.replace(/^\|/, "").replace(/⟩$/, "");
    if (bits.length !== n || /[^01]/.test(bits)) {
      throw new BridgeError("internal", `unexpected DumpMachine label '${label}' for ${n} qubits`);
    }
    let index = 0;
    for (let q = 0; q < n; q++) if (bits[q] === "1") index |= 1 << q;
    amplitudes[index] = [value[0], value[1]];
  }
  return { qubitCount: n, amplitudes };
}

/**
 * Finds @Test() callables from the compiler's HIR listing, which names each namespace exactly
 * (including implicit ones derived from file names) and marks test callables with a "Test" line.
 */
function testCallables(hir) {
  const items = new Map();
  let current = null;
  for (const line of hir.split("\n")) {
    const item = /^ {4}Item (\d+) /.exec(line);
    if (item) {
      current = { parent: null, test: false, name: null, namespace: null };
      items.set(item[1], current);
      continue;
    }
    if (!current) continue;
    let m;
    // One-part namespaces print as "Namespace (Ident ...)", longer ones as "Namespace ([Ident ..., ...])".
    if ((m = /^ {8}Namespace \((.*)\):/.exec(line))) {
      current.namespace = [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]).join(".");
    } else if ((m = /^ {8}Parent: (\d+)$/.exec(line))) {
      current.parent = m[1];
    } else if (/^ {8}Test$/.test(line)) {
      current.test = true;
    } else if ((m = /^ {12}name: Ident \d+ \[[^\]]*\] "([^"]*)"$/.exec(line)) && current.name === null) {
      current.name = m[1];
    }
  }
  const tests = [];
  for (const item of items.values()) {
    if (!item.test || item.name === null) continue;
    const ns = items.get(item.parent)?.namespace;
    tests.push(ns ? `${ns}.${item.name}` : item.name);
  }
  return tests.sort();
}

const handlers = {
  async version() {
    return { compilerVersion, node: process.version };
  },

  async run(request) {
    const expr = requireString(request, "expr");
    const shots = request.shots;
    if (!Number.isInteger(shots) || shots < 1) throw new BridgeError("protocol", "'shots' must be a positive integer");
    const results = await simulate(program(request, "unrestricted"), expr, shots);
    return { shots: results.map(({ dumps: _, ...shot }) => shot) };
  },

  async runWithNoise(request) {
    const expr = requireString(request, "expr");
    const shots = request.shots;
    if (!Number.isInteger(shots) || shots < 1) throw new BridgeError("protocol", "'shots' must be a positive integer");
    const pauli = request.pauliNoise;
    if (!Array.isArray(pauli) || pauli.length !== 3 || pauli.some((p) => typeof p !== "number" || !(p >= 0 && p <= 1))) {
      throw new BridgeError("protocol", "'pauliNoise' must be [px, py, pz], each in [0, 1]");
    }
    const loss = request.qubitLoss ?? 0;
    if (typeof loss !== "number" || !(loss >= 0 && loss <= 1)) throw new BridgeError("protocol", "'qubitLoss' must be a number in [0, 1]");
    const results = await simulate(program(request, "unrestricted"), expr, shots, false, { pauli, loss });
    return { shots: results.map(({ dumps: _, ...shot }) => shot) };
  },

  async dump(request) {
    const expr = requireString(request, "expr");
    const [shot] = await simulate(program(request, "unrestricted"), expr, 1, true);
    if (!shot.success) {
      throw new BridgeError("runtime", shot.error.message, shot.error.diagnostics, { code: shot.error.code, stack: shot.error.stack });
    }
    return { result: shot.result, dumps: shot.dumps, messages: shot.messages };
  },

  async qir(request) {
    try {
      return { qir: await compiler.getQir(program(request, "base")) };
    } catch (e) {
      throw compileError(e);
    }
  },

  async estimates(request) {
    const expr = requireString(request, "expr");
    const params = requireString(request, "params");
    let text;
    try {
      text = await compiler.getEstimates(program(request, "unrestricted"), expr, params);
    } catch (e) {
      throw compileError(e);
    }
    const estimates = JSON.parse(text);
    return { estimates: Array.isArray(estimates) ? estimates : [estimates] };
  },

  async tests(request) {
    const prog = program(request, "unrestricted");
    // getHir lists what it could build even from a program with errors, so compiling the unit expression checks first.
    await simulate(prog, "()", 1);
    let hir;
    try {
      hir = await compiler.getHir(prog);
    } catch (e) {
      throw compileError(e);
    }
    const tests = [];
    for (const name of testCallables(hir)) {
      try {
        const [shot] = await simulate(prog, `${name}()`, 1);
        tests.push({ name, success: shot.success, message: shot.success ? null : describeFailure(shot.error) });
      } catch (e) {
        if (!(e instanceof BridgeError)) throw e;
        tests.push({ name, success: false, message: e.message });
      }
    }
    return { tests };
  },
};

function describeFailure(error) {
  const d = error.diagnostics[0];
  const where = d ? `${d.file}(${d.line},${d.column}): ` : "";
  return `${where}${error.message}`;
}

function send(response) {
  return new Promise((resolve) => process.stdout.write(JSON.stringify(response) + "\n", resolve));
}

async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    await send({ id: null, ok: false, error: { kind: "protocol", message: `request is not JSON: ${e.message}`, diagnostics: [] } });
    return;
  }
  const id = request?.id ?? null;
  try {
    const handler = Object.hasOwn(handlers, request?.cmd) ? handlers[request.cmd] : null;
    if (!handler) throw new BridgeError("protocol", `unknown command '${request?.cmd}'`);
    await send({ id, ok: true, ...(await handler(request)) });
  } catch (e) {
    if (e instanceof BridgeError) {
      await send({ id, ok: false, error: { kind: e.kind, message: e.message, diagnostics: e.diagnostics, ...e.extra } });
      return;
    }
    console.error(e?.stack ?? String(e));
    // A trapped WASM instance may be left inconsistent, so the host is told to start a fresh process.
    const restart = e instanceof WebAssembly.RuntimeError;
    await send({ id, ok: false, restart, error: { kind: "internal", message: String(e?.message ?? e), diagnostics: [] } });
    if (restart) process.exit(70);
  }
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim().length > 0) await handle(line);
}
