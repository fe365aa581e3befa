/**
 * .seqlab/last-run.json: per exercise, the functions whose public tests failed in the student's last run.
 * The student reporter writes it; `npm run hint` reads it to start from the function the student is on.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../runtime/paths.ts';

export const LAST_RUN = join(REPO_ROOT, '.seqlab', 'last-run.json');

/** The functions of `id` that failed in the last recorded run, if any run was recorded. */
export function lastFailing(id: string, file = LAST_RUN): string[] | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const failing = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { failing?: unknown }>)[id]?.failing;
    return Array.isArray(failing) ? failing.map(String) : undefined;
  } catch {
    return undefined; // unreadable: start from the first function
  }
}

/** Records, for each exercise of a run, which functions had failing public tests. */
export function recordRun(failing: Record<string, string[]>, file = LAST_RUN): void {
  let previous: Record<string, unknown> = {};
  try {
    previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  } catch {
    previous = {};
  }
  const runs = Object.fromEntries(Object.entries(failing).map(([id, fns]) => [id, { failing: fns }]));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...previous, ...runs }, null, 2)}\n`);
}

