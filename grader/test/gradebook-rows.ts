/**
 * What the gradebook tests share: temporary folders, and the expected CSV rows written compactly (the header,
 * per-exercise cells, a row without a grade, the columns after `reason`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COURSE } from '../runtime/manifest.ts';

const dirs: string[] = [];
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `seqlab-gradebook-${prefix}-`));
  dirs.push(dir);
  return dir;
}
/** For afterAll: removes every folder tempDir made. */
export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const HEADER = `student,${COURSE.map((e) => e.id).join(',')},total,max,integrity,findings,commit,graded_at,reason,submitted_at,late_days,penalty_percent,final,sandbox,never_started`;
export const MAX = COURSE.reduce((sum, e) => sum + e.points, 0);
/** Per-exercise cells: the given points for the first exercises, `rest` for the others (the course grows). */
export const cells = (points: number[], rest: number | '' = 0): string => COURSE.map((_, i) => points[i] ?? rest).join(',');
/** A row of a student without a grade: every cell empty but the reason. */
export const noGrade = (student: string, reason: string): string => `${student},${','.repeat(COURSE.length + 6)}${reason},,,,,,`;
/** The columns after `reason` of a graded row without a late policy: submitted_at is the report's gradedAt. */
export const after = (submittedAt: string, sandbox = '', neverStarted = ''): string => `,${submittedAt},,,,${sandbox},${neverStarted}`;
