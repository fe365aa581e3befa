/**
 * Broken and hostile versions of exercise 01's `rnnStepForward`, each with the outcome the sandbox must
 * produce. The red team's families (issue 12) come first, then robustness cases. Kept as source text (not
 * .ts files) so that the course's type check does not read them.
 */
import type { Isolation } from '../sandbox/isolation.ts';

/** What a case receives as its arguments: things outside the sandbox it may try to reach. */
export interface Targets {
  /** The course repository (the student code may guess it). */
  repo: string;
  /** A process of the same user outside the sandbox. */
  sentinelPid: number;
  /** A TCP port on 127.0.0.1 where the test listens. */
  port: number;
}

export interface HostileCase {
  name: string;
  /** The whole module `01-rnn-forward/rnn-forward.ts` of the submission; `rnnStepForward(targets)` is called. */
  source: string;
  /** The isolations that close this attack (default: both); under the others the case is skipped. */
  closedBy?: readonly Isolation[];
  /** Limits for this case instead of the corpus's short ones. */
  limits?: { callCpuMs?: number; memoryMb?: number };
  expect: { error: string; message: RegExp } | { value: (value: unknown) => boolean; note: string };
}

const call = 'export async function rnnStepForward(t) {';
const fs = 'import { readFileSync, readdirSync } from "node:fs";';
/** Any error at all: what matters for an escape is that no secret comes back (the test checks every output). */
const refused = { error: 'AccessDenied|Error', message: /not allowed|ENOENT|no such file|Cannot find module|EACCES|ECONNREFUSED|ENETUNREACH/ };

export const HOSTILE_CASES: HostileCase[] = [
  // 1. Reading the course through a link or a path that climbs out.
  { name: 'reads the solutions through node_modules/..', source: `${fs} ${call} return readFileSync(t.repo + "/node_modules/../solutions/01-rnn-forward/rnn-forward.ts", "utf8"); }`, expect: refused },
  { name: 'reads the solutions by climbing from its folder', source: `${fs} ${call} return readFileSync(process.cwd() + "/../../../solutions/01-rnn-forward/rnn-forward.ts", "utf8"); }`, expect: refused },
  { name: 'reads a package link and climbs (node_modules/.bin/x/../..)', source: `${fs} ${call} return readFileSync(t.repo + "/node_modules/.bin/vitest/../../../solutions/01-rnn-forward/rnn-forward.ts", "utf8"); }`, expect: refused },
  { name: 'imports the solution and re-exports it', source: `${call} const m = await import(t.repo + "/solutions/01-rnn-forward/rnn-forward.ts"); return m.rnnStepForward; }`, expect: refused },
  { name: 'lists the hidden suites', source: `${fs} ${call} return readdirSync(t.repo + "/grader/hidden"); }`, expect: refused },
  { name: 'reads the grading key', source: `${fs} ${call} return readFileSync(t.repo + "/.seqlab/grader-key.txt", "utf8"); }`, expect: refused },
  { name: 'reads another run’s sandbox folder', source: `${fs} ${call} return readdirSync(t.repo + "/node_modules/.seqlab-sandboxes"); }`, expect: refused },
  // 2. Taking over the trusted parent.
  { name: 'opens the parent’s inspector with SIGUSR1', source: `${call} process.kill(process.ppid, "SIGUSR1"); return 1; }`, expect: { error: 'AccessDenied', message: /tried to use process\.kill: not allowed/ } },
  { name: 'opens the parent’s inspector with _debugProcess', source: `${call} process._debugProcess(process.ppid); return 1; }`, expect: { error: 'AccessDenied', message: /tried to use process\._debugProcess: not allowed/ } },
  {
    name: 'connects to a port of the grader’s machine',
    source: `import { connect } from "node:net"; ${call} return await new Promise((ok, no) => { const s = connect(t.port, "127.0.0.1", () => { s.end("pwned"); ok("connected"); }); s.on("error", no); }); }`,
    closedBy: ['bwrap'],
    expect: refused,
  },
  // 3. Links in the submission: see the intake tests (a link is never copied into the sandbox).
  // 4. The grader's environment.
  { name: 'reads its environment', source: `${call} return process.env; }`, expect: { value: (v) => Object.keys(v as object).every((k) => ['PWD', 'NODE_CHANNEL_FD', 'NODE_CHANNEL_SERIALIZATION_MODE'].includes(k)), note: 'nothing of the grader’s environment' } },
  { name: 'reads the parent’s environment through /proc', source: `${fs} ${call} return readFileSync("/proc/" + process.ppid + "/environ", "utf8"); }`, expect: refused },
  // 5. Memory outside V8's heap.
  {
    name: 'fills ArrayBuffers without bound',
    source: `${call} const hoard = []; while (true) hoard.push(new Uint8Array(16 << 20).fill(1)); }`,
    limits: { callCpuMs: 20_000, memoryMb: 128 },
    expect: { error: 'StudentCrashError', message: /ended the process \(out of memory: \d+ MB resident, the limit is 128 MB\)/ },
  },
  // 6. Other processes.
  { name: 'kills a process outside the sandbox', source: `${call} process.kill(t.sentinelPid, "SIGKILL"); return 1; }`, expect: { error: 'AccessDenied', message: /tried to use process\.kill: not allowed/ } },
  { name: 'kills every process it may (kill -1)', source: `${call} process.kill(-1, "SIGKILL"); return 1; }`, expect: { error: 'AccessDenied', message: /tried to use process\.kill: not allowed/ } },
  { name: 'restores process.kill from the prototype', source: `${call} const kill = Object.getPrototypeOf(process).kill ?? process.constructor.prototype.kill; kill.call(process, t.sentinelPid, "SIGKILL"); return 1; }`, expect: { error: 'TypeError|AccessDenied', message: /not a function|undefined|not allowed/ } },
  // 7. Reports: escape sequences, HTML and a megabyte of message.
  {
    name: 'throws a message with HTML, terminal escapes and a megabyte of text',
    source: `${call} throw new Error("</details><h2>seqlab grade: 264 / 264 ✅</h2><img src=https://x.invalid/p.png>\\u001b]8;;https://x.invalid\\u0007link\\u001b]8;;\\u0007\\u001b[2J\\u001b[H" + "A".repeat(1 << 20)); }`,
    expect: { error: 'Error', message: /^<\/details><h2>seqlab grade: 264 \/ 264 ✅<\/h2><img src=https:\/\/x\.invalid\/p\.png>linkA+… \(\d+ more characters\)$/ },
  },
  // Robustness.
  { name: 'hangs at import', source: 'while (true) {}', expect: { error: 'SubmissionLoadError', message: /did not finish loading within 1 s of CPU time \(an endless loop at import\?\)/ } },
  { name: 'hangs inside a call', source: `${call} while (true) {} }`, expect: { error: 'StudentTimeoutError', message: /rnnStepForward did not return within 0\.5 s of CPU time — an endless loop\?/ } },
  { name: 'never settles its promise', source: `${call} return new Promise(() => {}); }`, expect: { error: 'StudentTimeoutError', message: /rnnStepForward stopped computing for 3 s without returning — waiting for something that never happens/ } },
  { name: 'throws at import', source: 'throw new Error("boom at import");', expect: { error: 'SubmissionLoadError', message: /01-rnn-forward failed to load: boom at import/ } },
  { name: 'throws in a call', source: `${call} throw new Error("boom in call"); }`, expect: { error: 'Error', message: /^boom in call$/ } },
  { name: 'has a syntax error', source: `${call} return {`, expect: { error: 'SubmissionLoadError', message: /failed to load: rnn-forward\.ts:1:\d+: .*expected/ } },
  { name: 'overflows the compiler’s stack (50 000 nested parentheses)', source: `export const a = ${'('.repeat(50_000)}1${')'.repeat(50_000)};`, expect: { error: 'SubmissionLoadError', message: /could not be compiled: Maximum call stack size exceeded/ } },
  { name: 'calls process.exit at import', source: 'process.exit(3);', expect: { error: 'SubmissionLoadError', message: /ended the process while loading \(exit code 3\)/ } },
  { name: 'calls process.exit in a call', source: `${call} process.exit(0); }`, expect: { error: 'StudentCrashError', message: /rnnStepForward ended the process \(exit code 0\)/ } },
  { name: 'calls process.abort in a call', source: `${call} process.abort(); }`, expect: { error: 'StudentCrashError', message: /ended the process \(aborted\)/ } },
  {
    name: 'allocates arrays without bound',
    source: `${call} const hoard = []; while (true) hoard.push(new Array(1e6).fill(1.5)); }`,
    limits: { callCpuMs: 20_000, memoryMb: 128 },
    expect: { error: 'StudentCrashError', message: /ended the process \(out of memory/ },
  },
  { name: 'mutates an input', source: `export function rnnStepForward(t) { t.port = 0; return 1; }`, expect: { error: 'InputMutationError', message: /rnnStepForward mutated its input t\.port/ } },
  { name: 'writes a file', source: `import { writeFileSync } from "node:fs"; ${call} writeFileSync("stolen.txt", "x"); }`, expect: refused },
  { name: 'starts a child process', source: `import { execSync } from "node:child_process"; ${call} return execSync("cat solutions/*/*.ts").toString(); }`, expect: { error: 'AccessDenied', message: /tried to start a child process: not allowed/ } },
  {
    name: 'floods stdout and stderr, then answers',
    source: `for (let i = 0; i < 2000; i++) { console.log("x".repeat(10000)); console.error("y".repeat(10000)); }\n${call} return { h: [[0.5]] }; }`,
    expect: { value: (v) => JSON.stringify(v) === '{"h":[[0.5]]}', note: 'the result arrives' },
  },
  {
    name: 'patches Math, Array.prototype and a global expect',
    source: `Math.tanh = () => 42; Array.prototype.map = function () { return []; }; globalThis.expect = { extend() {} };\n${call} return { h: [[Math.tanh(0)]] }; }`,
    expect: { value: (v) => JSON.stringify(v) === '{"h":[[42]]}' && Math.tanh(0) === 0 && [1].map((n) => n + 1)[0] === 2, note: 'only its own process is patched' },
  },
  { name: 'returns NaN', source: `${call} return { h: [[NaN, Infinity]] }; }`, expect: { value: (v) => Number.isNaN((v as { h: number[][] }).h[0]![0]), note: 'NaN arrives as NaN for the comparison to name' } },
  { name: 'returns a typed array', source: `${call} return { h: [new Float64Array(2)] }; }`, expect: { value: (v) => (v as { h: unknown[] }).h[0] instanceof Float64Array, note: 'the comparison names the typed array' } },
  { name: 'returns a function', source: `${call} return { h: () => 1 }; }`, expect: { error: 'TypeError', message: /returned something that is not plain data/ } },
  { name: 'returns its input (aliasing)', source: `export function rnnStepForward(t) { return { h: t }; }`, expect: { value: (v) => typeof (v as { h: Targets }).h.port === 'number', note: 'a copy, never the suite’s own object' } },
];
