/**
 * `npm run hint -- <exercise>`: the next hint of exercises/<id>/hints.md, one more each time. How many hints
 * each exercise has shown is remembered in .seqlab/hints.json (`--again` repeats them, `--reset` starts over).
 *
 * A hints.md whose section titles start with a function's name (`## lstmStepBackward: two paths into c`)
 * holds one ladder per function, each ending with its formula: the hints then start from the first function
 * that failed in the last public-test run (.seqlab/last-run.json, written by the student reporter), so a
 * student working on the backward step is not walked through the forward step first.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { COURSE, findExercise } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { lastFailing } from './last-run.ts';
import { palette, wantsColor } from './reporter.ts';

export const HINTS_STATE = join(REPO_ROOT, '.seqlab', 'hints.json');
export const hintsFile = (id: string): string => join(REPO_ROOT, 'exercises', id, 'hints.md');

const USAGE = `usage: npm run hint -- <exercise> [--again | --reset]
  <exercise>   01, 1, rnn-forward or 01-rnn-forward
  --again      show the hints you have already seen, without a new one
  --reset      forget which hints you have seen for this exercise`;

/** The hints of a hints.md: the body of every '## …' section, in order. */
export function parseHints(markdown: string): string[] {
  return markdown
    .split(/^## .*$/m)
    .slice(1)
    .map((section) => section.trim())
    .filter((section) => section.length > 0);
}

/**
 * The sections of a hints.md with the function each one is about (when its title starts with one of `functions`
 * as a whole word: `## rnnBackwardTruncated: …` is about rnnBackwardTruncated, not rnnBackward).
 */
export function parseHintSections(markdown: string, functions: readonly string[]): { fn?: string; text: string }[] {
  const about = (title: string) => functions.find((f) => title.startsWith(f) && !/^[\w$]/.test(title.slice(f.length)));
  return [...markdown.matchAll(/^## (.*)$\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)]
    .map(([, title, body]) => ({ fn: about(title!.trim()), text: body!.trim() }))
    .filter((section) => section.text.length > 0);
}

export type HintState = Record<string, number>;

export function readState(file = HINTS_STATE): HintState {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as HintState) : {};
  } catch {
    return {}; // a hand-edited, broken file: start over rather than fail
  }
}

export function writeState(state: HintState, file = HINTS_STATE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

export interface HintStep {
  /** The hints to print now, with their 1-based numbers. */
  show: { number: number; text: string }[];
  total: number;
  /** Hints seen after this call. */
  seen: number;
  note: string;
}

/** What `hint` prints for an exercise whose student has seen `seen` of `hints`, and the new count. */
export function nextHint(hints: readonly string[], seen: number, again = false): HintStep {
  const total = hints.length;
  const numbered = (from: number, to: number) => hints.slice(from, to).map((text, i) => ({ number: from + i + 1, text }));
  if (again) {
    return seen === 0
      ? { show: [], total, seen, note: 'No hint seen yet: run the command without --again for the first one.' }
      : { show: numbered(0, seen), total, seen, note: `The ${seen} hint${seen > 1 ? 's' : ''} you have seen.` };
  }
  if (seen >= total) return { show: numbered(0, total), total, seen: total, note: `That was all ${total} hints; here they are again. The README's worked example is the next place to look.` };
  const note = seen + 1 < total ? 'Run the same command again for the next hint.' : 'That was the last hint.';
  return { show: numbered(seen, seen + 1), total, seen: seen + 1, note };
}

export interface HintIo {
  stateFile?: string;
  lastRunFile?: string;
  log?: (text: string) => void;
  error?: (text: string) => void;
  color?: boolean;
}

/** The command: prints through `io` and returns the exit status (0, or 2 for a usage error). */
export function runHint(argv: string[], io: HintIo = {}): number {
  const { stateFile = HINTS_STATE, log = console.log, error = console.error } = io;
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { again: { type: 'boolean' }, reset: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length !== 1) {
    (values.help ? log : error)(`${USAGE}\n\nexercises: ${COURSE.map((e) => e.id).join(', ')}`);
    return values.help ? 0 : 2;
  }
  const spec = findExercise(positionals[0]!);
  if (!spec) {
    error(`seqlab: no exercise '${positionals[0]}'; known: ${COURSE.map((e) => e.id).join(', ')}`);
    return 2;
  }
  const file = hintsFile(spec.id);
  if (!existsSync(file)) {
    error(`seqlab: ${spec.id} has no hints.md`);
    return 2;
  }
  const c = palette(io.color ?? wantsColor());
  const state = readState(stateFile);
  if (values.reset) {
    for (const key of Object.keys(state)) if (key === spec.id || key.startsWith(`${spec.id}/`)) delete state[key];
    writeState(state, stateFile);
    log(`Hints of ${spec.id} reset: the next \`npm run hint -- ${spec.id.slice(0, 2)}\` shows hint 1.`);
    return 0;
  }
  const markdown = readFileSync(file, 'utf8');
  const sections = parseHintSections(markdown, spec.functions);
  if (!sections.some((section) => section.fn)) {
    const step = nextHint(parseHints(markdown), state[spec.id] ?? 0, values.again);
    for (const { number, text } of step.show) log(`${c.bold(`\nHint ${number} of ${step.total} — ${spec.id}`)}\n${text}`);
    log(`\n${c.dim(step.note)}`);
    if (!values.again) writeState({ ...state, [spec.id]: step.seen }, stateFile);
    return 0;
  }
  // One ladder per function: the first function that failed last time, else the first one not fully seen.
  const ladder = (fn: string) => sections.filter((section) => section.fn === fn).map((section) => section.text);
  const seenOf = (fn: string) => state[`${spec.id}/${fn}`] ?? 0;
  const withHints = spec.functions.filter((fn) => ladder(fn).length > 0);
  const failing = lastFailing(spec.id, io.lastRunFile)?.filter((fn) => withHints.includes(fn));
  const focus = failing?.[0] ?? withHints.find((fn) => seenOf(fn) < ladder(fn).length) ?? withHints[0]!;
  const step = nextHint(ladder(focus), seenOf(focus), values.again);
  for (const { number, text } of step.show) log(`${c.bold(`\nHint ${number} of ${step.total} for ${focus} — ${spec.id}`)}\n${text}`);
  const why = failing?.[0] ? `${focus} is the first function whose public tests failed in your last run.` : `Starting with ${focus}: run the public tests first to get hints for the function you are on.`;
  log(`\n${c.dim(`${why} ${step.note}`)}`);
  if (!values.again) {
    const next = { ...state, [`${spec.id}/${focus}`]: step.seen };
    writeState({ ...next, [spec.id]: withHints.reduce((total, fn) => total + (next[`${spec.id}/${fn}`] ?? 0), 0) }, stateFile);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  try {
    process.exitCode = runHint(process.argv.slice(2));
  } catch (error) {
    console.error(`seqlab: ${(error as Error).message}`);
    console.error(USAGE);
    process.exitCode = 2;
  }
}
