/**
 * `npm run progress`: where a student stands. Runs the public tests once through Vitest's Node API (as
 * grader/grading/grade.ts does for grading, without the hidden suites or the reference) and prints one row per
 * exercise — not started / in progress / done, public points — and a progress bar over the course.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startVitest } from 'vitest/node';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { outcomeCollector, type RunOutcome } from '../grading/results.ts';
import { hintsFile, parseHints, readState } from './hint.ts';
import { palette, summarizeRun, wantsColor, type ExerciseStatus, type ExerciseSummary } from './reporter.ts';

const USAGE = `usage: npm run progress [-- --no-color]
Runs the public tests of every exercise once and shows where you stand.`;

export function bar(fraction: number, width: number): string {
  const filled = Number.isFinite(fraction) ? Math.round(Math.max(0, Math.min(1, fraction)) * width) : 0;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - [...text].length)) + text;

export interface ProgressRow {
  id: string;
  title: string;
  status: ExerciseStatus;
  points: number;
  maxPoints: number;
  hintsSeen: number;
  hints: number;
}

/** One row per exercise of the course; an exercise whose tests reported nothing counts as not started. */
export function progressRows(summaries: readonly ExerciseSummary[], hintsSeen: Record<string, number> = {}, hintCounts: Record<string, number> = {}): ProgressRow[] {
  return COURSE.map((spec) => {
    const s = summaries.find((e) => e.id === spec.id);
    return {
      id: spec.id,
      title: spec.title,
      status: s?.status ?? 'not started',
      points: s?.points ?? 0,
      maxPoints: s?.maxPoints ?? 0,
      hintsSeen: hintsSeen[spec.id] ?? 0,
      hints: hintCounts[spec.id] ?? 0,
    };
  });
}

export function formatProgress(rows: readonly ProgressRow[], color = false): string {
  const c = palette(color);
  const labels: Record<ExerciseStatus, [string, (text: string) => string]> = {
    done: ['✔ done', c.green],
    'in progress': ['◐ in progress', c.yellow],
    'not started': ['· not started', c.dim],
  };
  const idWidth = Math.max(8, ...rows.map((r) => r.id.length));
  const statusWidth = Math.max(...Object.values(labels).map(([label]) => [...label].length));
  const header = `${pad('exercise', idWidth)}  ${pad('status', statusWidth)}  ${padStart('public points', 13)}  ${pad('', 10)}  hints`;
  const lines = [c.bold(header)];
  for (const r of rows) {
    const [label, paint] = labels[r.status];
    // Padded on the plain text, then painted: colour codes must not shift the columns.
    const status = paint(label) + ' '.repeat(statusWidth - [...label].length);
    const points = padStart(`${r.points}/${r.maxPoints}`, 13);
    const hints = r.hints ? `${r.hintsSeen}/${r.hints}` : '';
    lines.push(`${pad(r.id, idWidth)}  ${status}  ${points}  ${bar(r.maxPoints ? r.points / r.maxPoints : 0, 10)}  ${hints}`);
  }
  const points = rows.reduce((s, r) => s + r.points, 0);
  const max = rows.reduce((s, r) => s + r.maxPoints, 0);
  const done = rows.filter((r) => r.status === 'done').length;
  const percent = max ? Math.round((100 * points) / max) : 0;
  lines.push('');
  lines.push(`${bar(max ? points / max : 0, 40)}  ${points}/${max} public points (${percent} %), ${done} of ${rows.length} exercises done`);
  const next = rows.find((r) => r.status !== 'done');
  lines.push(
    next
      ? c.dim(`Next: ${next.id} — open exercises/${next.id}/README.md, keep \`npm run watch\` open while you edit, \`npm run hint -- ${next.id.slice(0, 2)}\` when stuck.`)
      : c.green('Every public test passes. `npm run grade` adds the hidden tests.'),
  );
  lines.push(c.dim('Public points only: the grade also counts hidden tests (`npm run grade`).'));
  return lines.join('\n');
}

/** Runs the public tests of the submission once and returns what they reported. */
export async function runPublicTests(): Promise<RunOutcome> {
  let outcome: RunOutcome | undefined;
  const vitest = await startVitest('test', [], {
    config: join(REPO_ROOT, 'grader/student/exercises.config.ts'),
    root: REPO_ROOT,
    watch: false,
    reporters: [outcomeCollector((o) => (outcome = o))],
    silent: true,
  });
  await vitest.close();
  if (!outcome) throw new Error('Vitest finished without reporting any result');
  return outcome;
}

function hintCounts(): Record<string, number> {
  return Object.fromEntries(COURSE.map((e) => [e.id, existsSync(hintsFile(e.id)) ? parseHints(readFileSync(hintsFile(e.id), 'utf8')).length : 0]));
}

/** The command: `run` is the public-test run (injected by tests), `log` where the table goes. */
export async function progressCommand(argv: string[], run = runPublicTests, log: (text: string) => void = console.log): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const outcome = await run();
  const rows = progressRows(summarizeRun(outcome.modules), readState(), hintCounts());
  log(formatProgress(rows, !values['no-color'] && wantsColor()));
  for (const error of outcome.unhandledErrors) log(`\nwarning: error outside any test: ${error}`);
  return 0;
}


if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  try {
    process.exitCode = await progressCommand(process.argv.slice(2));
  } catch (error) {
    console.error(`seqlab: ${(error as Error).message}`);
    process.exitCode = 2;
  }
  // Vitest can leave handles open; the table is printed.
  process.exit();
}
