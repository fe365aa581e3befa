/**
 * The authoritative path under attack: the hostile submission (hostile-submission.ts) committed to a git
 * repository and regraded gets 0 on every attacked exercise, with the links reported.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { CollectedReport } from '../teacher/gradebook/collect.ts';
import { regrade } from '../teacher/gradebook/regrade.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { schemaErrors } from './report-schema.ts';
import { ATTACKS, HOSTILE_ENV, HOSTILE_ONLY, KEY_CANARY, SOLUTION_CANARY, writeHostileSubmission } from './hostile-submission.ts';

test('a hostile roster through regrade gets 0 on every attacked exercise and never sees a secret', async () => {
  mkdirSync(join(REPO_ROOT, '.seqlab', 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(REPO_ROOT, '.seqlab', 'tmp', 'hostile-regrade-'));
  const repo = join(dir, 'mallory');
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  mkdirSync(join(repo, 'exercises'));
  writeHostileSubmission(join(repo, 'exercises'));
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=M', '-c', 'user.email=m@example.com', ...args]);
  git('add', '-A');
  git('commit', '-q', '-m', 'attack');
  const saved = { ...process.env };
  Object.assign(process.env, HOSTILE_ENV);
  try {
    await regrade({ roster: [{ student: 'mallory', source: repo }], out: join(dir, 'out'), jobs: 1, graderArgs: HOSTILE_ONLY });
  } finally {
    for (const key of Object.keys(HOSTILE_ENV)) if (!(key in saved)) delete process.env[key];
  }
  const text = readFileSync(join(dir, 'out', 'reports', 'mallory', 'grade-report.json'), 'utf8');
  const report = JSON.parse(text) as CollectedReport;
  for (const id of Object.keys(ATTACKS)) expect(report.exercises.find((e) => e.id === id)!.score, id).toBe(0);
  expect(report.exercises.find((e) => e.id === '04-lstm')!.score).toBeGreaterThan(0);
  expect(report.sandbox).toBe('bwrap');
  expect(schemaErrors(report)).toEqual([]);
  expect(report.integrity.findings).toContain('exercises/06-deep-rnn/deep-rnn.ts is a symbolic link in the repository (graded as a plain file)');
  expect(text).not.toContain(KEY_CANARY);
  expect(text).not.toContain(SOLUTION_CANARY);
  rmSync(dir, { recursive: true, force: true });
}, 240_000);
