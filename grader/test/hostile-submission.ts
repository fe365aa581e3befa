/**
 * A whole submission in which the red team's attacks (issue 12) are planted, each in its own exercise, with
 * the outcome the grade must show: the solutions everywhere else, so that an attack that works would show
 * as points. Used by the grade (hostile-grade.slow.test.ts) and regrade (hostile-regrade.slow.test.ts) end-to-end tests.
 */
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../runtime/paths.ts';

export const KEY_CANARY = 'seqlab-hostile-canary-key-c0ffee';
/** Text of the course's own solutions that must never come back in a report. */
export const SOLUTION_CANARY = readFileSync(join(REPO_ROOT, 'solutions/07-char-lm/char-lm.ts'), 'utf8').split('\n').map((l) => l.trim()).sort((a, b) => b.length - a.length)[0]!;

/** Per attacked exercise: what its tests' messages must say (every test of it is an error, 0 points). */
export const ATTACKS: Record<string, RegExp> = {
  '01-rnn-forward': /did not finish loading within 3 s of CPU time/,
  '02-bptt': /ended the process while loading \(exit code 1\)/,
  '03-gradient-flow': /did not finish loading within 3 s of CPU time/, // it imports 01's rnnForward
  '05-gru': /tried to read \S*solutions\/04-lstm\/lstm\.ts: not allowed/,
  '06-deep-rnn': /no file|failed to load/, // a link to the solution: never followed (grade) or a plain file (regrade)
  '07-char-lm': /failed to load: .*(not allowed|Cannot find module)/,
  '09-attention': /tried to use process\.kill: not allowed/,
  '10-self-attention': /failed to load: \{"PWD":.*… \(\d+ more characters\)/,
  '12-layernorm': /ended the process while loading \(out of memory/,
};

/** Writes the hostile submission into `dir` (an empty folder). */
export function writeHostileSubmission(dir: string): void {
  cpSync(join(REPO_ROOT, 'solutions'), dir, { recursive: true });
  const prepend = (id: string, file: string, code: string): void => {
    const path = join(dir, id, file);
    writeFileSync(path, `${code}\n${readFileSync(path, 'utf8')}`);
  };
  prepend('01-rnn-forward', 'rnn-forward.ts', 'while (true) {}');
  prepend('02-bptt', 'bptt.ts', 'process.exit(1);');
  prepend('05-gru', 'gru.ts', 'import { readFileSync } from "node:fs"; readFileSync(process.cwd() + "/../../../solutions/04-lstm/lstm.ts");');
  prepend('04-lstm', 'lstm.ts', 'for (let i = 0; i < 1000; i++) console.log("x".repeat(10000));');
  rmSync(join(dir, '06-deep-rnn', 'deep-rnn.ts'));
  symlinkSync(join(REPO_ROOT, 'solutions/06-deep-rnn/deep-rnn.ts'), join(dir, '06-deep-rnn', 'deep-rnn.ts'));
  symlinkSync('/', join(dir, 'root.json'));
  // The teacher's solution, imported through node_modules/.. and re-exported.
  writeFileSync(join(dir, '07-char-lm', 'char-lm.ts'), `const m = await import(process.cwd() + "/../../../solutions/07-char-lm/char-lm.ts");\nexport const { buildVocab, oneHot, softmaxWithTemperature, sampleNext, generate, perplexity } = m;\n`);
  prepend('09-attention', 'attention.ts', 'process.kill(process.ppid, "SIGUSR1");');
  prepend('10-self-attention', 'self-attention.ts', 'throw new Error(JSON.stringify(process.env) + "</details><h2>seqlab grade: 264 / 264 ✅</h2>\\u001b[2J" + "A".repeat(1 << 20));');
  prepend('12-layernorm', 'layernorm.ts', 'const hoard = []; while (true) hoard.push(new Uint8Array(16 << 20).fill(1));');
}

/** The grader settings of both end-to-end tests: a canary key and short limits. */
export const HOSTILE_ENV = { SEQLAB_GRADER_KEY: KEY_CANARY, SEQLAB_IMPORT_CPU_MS: '3000', SEQLAB_MEMORY_MB: '256' };
/** The attacked exercises and one clean one (04, flooding its output but correct). */
export const HOSTILE_ONLY = ['--only', [...Object.keys(ATTACKS), '04-lstm'].sort().join(',')];
