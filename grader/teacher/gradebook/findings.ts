/**
 * What regrade reports beside the trusted grade: regrade grades the student's modules with the course's own
 * tests, so an edited public test changes nothing in the points, but the teacher must still learn of it.
 * - Protected exercise files: a release copies the course's `exercises/**` tests and JSON fixtures byte for
 *   byte (grader/teacher/release/build.ts), so the course's copies are the reference; changed, removed or added test
 *   files are findings.
 * - Commit dates (commit-date mode only): git takes them from the student's clock, so a commit dated before
 *   its parent, or in the future, is reported: the deadline may have been dodged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../runtime/paths.ts';
import { digest, listFiles } from '../../grading/release/integrity.ts';

const isTestFile = (path: string): boolean => /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);
/** The exercise files a student may not change (grader/teacher/release/build.ts's isProtected, for exercises/). */
const isProtectedExerciseFile = (path: string): boolean => isTestFile(path) || path.endsWith('.json');

/** Findings for `checkout`'s exercises/ against the course's own. */
export function protectedFileFindings(checkout: string, course = REPO_ROOT): string[] {
  const reference = listFiles(course, 'exercises').filter(isProtectedExerciseFile);
  const findings: string[] = [];
  for (const path of reference) {
    const file = join(checkout, ...path.split('/'));
    if (!existsSync(file)) findings.push(`${path}: missing (protected file removed)`);
    else if (digest(readFileSync(file)) !== digest(readFileSync(join(course, ...path.split('/'))))) findings.push(`${path}: changed (protected file; graded with the course's copy)`);
  }
  const known = new Set(reference);
  for (const path of listFiles(checkout, 'exercises')) {
    if (isTestFile(path) && !known.has(path)) findings.push(`${path}: added test file (not run by the grader)`);
  }
  return findings;
}

export interface CommitDate {
  commit: string;
  /** Committer date, seconds since the epoch. */
  time: number;
  parents: string[];
}

/** `git log --format='%H %ct %P'` → commits. */
export function parseCommitDates(log: string): CommitDate[] {
  return log.split('\n').filter(Boolean).map((line) => {
    const [commit, time, ...parents] = line.trim().split(' ');
    return { commit: commit!, time: Number(time), parents };
  });
}

/** Allowed skew between the student's clock and ours before a date counts as in the future. */
export const FUTURE_TOLERANCE_S = 300;
const MAX_LISTED = 5;

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** Commits dated before a parent, or after `now`: at most five listed, then a count. */
export function historyFindings(commits: readonly CommitDate[], now: Date): string[] {
  const byId = new Map(commits.map((c) => [c.commit, c]));
  const findings: string[] = [];
  for (const c of commits) {
    const parent = c.parents.map((p) => byId.get(p)).find((p) => p !== undefined && p.time > c.time);
    if (parent) findings.push(`commit ${c.commit.slice(0, 12)} is dated ${iso(c.time)}, before its parent ${parent.commit.slice(0, 12)} (${iso(parent.time)}): its date may be forged`);
    if (c.time > now.getTime() / 1000 + FUTURE_TOLERANCE_S) findings.push(`commit ${c.commit.slice(0, 12)} is dated ${iso(c.time)}, in the future: its date may be forged`);
  }
  return findings.length > MAX_LISTED ? [...findings.slice(0, MAX_LISTED), `… and ${findings.length - MAX_LISTED} more commit date finding(s)`] : findings;
}
