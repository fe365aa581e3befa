/**
 * Broken and hostile versions of exercise 01's `rnnStepForward`, each with the outcome the sandbox must
 * produce. Kept as source text (not .ts files) so that the course's type check does not read them.
 */
export interface HostileCase {
  name: string;
  /** The whole module `01-rnn-forward/rnn-forward.ts` of the submission. */
  source: string;
  /** What calling rnnStepForward([[1, 2]], [[3, 4]]) must end with. */
  expect: { error: string; message: RegExp } | { value: (value: unknown) => boolean; note: string };
}

const call = 'export function rnnStepForward(x, hPrev) {';

export const HOSTILE_CASES: HostileCase[] = [
  { name: 'hangs at import', source: 'while (true) {}', expect: { error: 'SubmissionLoadError', message: /did not finish loading within 1 s \(an endless loop at import\?\)/ } },
  { name: 'hangs inside a call', source: `${call} while (true) {} }`, expect: { error: 'StudentTimeoutError', message: /timed out after 0\.5 s in rnnStepForward/ } },
  { name: 'never settles its promise', source: `${call} return new Promise(() => {}); }`, expect: { error: 'StudentTimeoutError', message: /timed out after 0\.5 s in rnnStepForward/ } },
  { name: 'throws at import', source: 'throw new Error("boom at import");', expect: { error: 'SubmissionLoadError', message: /01-rnn-forward failed to load: boom at import/ } },
  { name: 'throws in a call', source: `${call} throw new Error("boom in call"); }`, expect: { error: 'Error', message: /^boom in call$/ } },
  { name: 'has a syntax error', source: `${call} return {`, expect: { error: 'SubmissionLoadError', message: /failed to load: rnn-forward\.ts:1:\d+: .*expected/ } },
  { name: 'calls process.exit at import', source: 'process.exit(3);', expect: { error: 'SubmissionLoadError', message: /ended the process while loading \(exit code 3\)/ } },
  { name: 'calls process.exit in a call', source: `${call} process.exit(0); }`, expect: { error: 'StudentCrashError', message: /rnnStepForward ended the process \(exit code 0\)/ } },
  { name: 'calls process.abort in a call', source: `${call} process.abort(); }`, expect: { error: 'StudentCrashError', message: /ended the process \(aborted\)/ } },
  {
    name: 'allocates without bound',
    source: `${call} const hoard = []; while (true) hoard.push(new Array(1e6).fill(1.5)); }`,
    expect: { error: 'StudentCrashError', message: /ended the process \(out of memory\)/ },
  },
  { name: 'mutates an input', source: `${call} hPrev[0][1] = 0; return { h: hPrev }; }`, expect: { error: 'InputMutationError', message: /rnnStepForward mutated its input hPrev\[0\]\[1\]/ } },
  {
    name: 'reads the solutions at import',
    source: 'import { readFileSync } from "node:fs"; readFileSync(process.cwd() + "/solutions/01-rnn-forward/rnn-forward.ts");',
    expect: { error: 'SubmissionLoadError', message: /tried to read \S*\/solutions\/01-rnn-forward\/rnn-forward\.ts: not allowed/ },
  },
  {
    name: 'imports the reference',
    source: `${call} return import(process.cwd() + "/reference/rnn.ts"); }`,
    expect: { error: 'AccessDenied', message: /tried to read \S*\/reference\/rnn\.ts: not allowed/ },
  },
  {
    name: 'reads the hidden suites',
    source: `import { readdirSync } from "node:fs"; ${call} return readdirSync(process.cwd() + "/grader/hidden"); }`,
    expect: { error: 'AccessDenied', message: /tried to read \S*\/grader\/hidden: not allowed/ },
  },
  {
    name: 'reads the grading key',
    source: `import { readFileSync } from "node:fs"; ${call} return readFileSync(process.cwd() + "/.seqlab/grader-key.txt", "utf8"); }`,
    expect: { error: 'AccessDenied', message: /tried to read \S*\/\.seqlab\/grader-key\.txt: not allowed/ },
  },
  {
    name: 'writes a file',
    source: `import { writeFileSync } from "node:fs"; ${call} writeFileSync("stolen.txt", "x"); }`,
    expect: { error: 'AccessDenied', message: /tried to write \S*stolen\.txt: not allowed/ },
  },
  {
    name: 'starts a child process',
    source: `import { execSync } from "node:child_process"; ${call} return execSync("cat solutions/*/*.ts").toString(); }`,
    expect: { error: 'AccessDenied', message: /tried to start a child process: not allowed/ },
  },
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
  { name: 'returns its input (aliasing)', source: `${call} return { h: hPrev }; }`, expect: { value: (v) => JSON.stringify(v) === '{"h":[[3,4]]}', note: 'a copy, never the suite’s own array' } },
];
