/**
 * A whole hostile submission through `npm run grade` (the real CLI, in the sandbox): every attack costs its
 * exercise and nothing else, and the report stays complete and free of secrets. Slow (a full grade), so it runs
 * in `npm run test:slow` after `npm test`; the attacks one by one are grader/test/sandbox.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../runtime/paths.ts';
import { reportMarkdown } from '../grading/formats/markdown.ts';
import { runGrader } from '../teacher/run-grader.ts';
import { schemaErrors } from './report-schema.ts';
import { ATTACKS, HOSTILE_ENV, HOSTILE_ONLY, KEY_CANARY, SOLUTION_CANARY, writeHostileSubmission } from './hostile-submission.ts';

describe('a hostile submission', () => {
  test('each attack fails with its cause and gains nothing, the rest is graded normally, the report is complete', async () => {
    mkdirSync(join(REPO_ROOT, '.seqlab', 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(REPO_ROOT, '.seqlab', 'tmp', 'hostile-'));
    writeHostileSubmission(dir);
    const { report } = await runGrader(dir, HOSTILE_ONLY, HOSTILE_ENV);
    const byId = Object.fromEntries(report.exercises.map((e) => [e.id, e]));
    for (const [id, cause] of Object.entries(ATTACKS)) {
      for (const t of byId[id]!.tests) expect(`${t.status}: ${t.message}`, `${id} › ${t.name}`).toMatch(new RegExp(`^error: .*${cause.source}`));
    }
    expect(byId['04-lstm']!.score).toBe(byId['04-lstm']!.maxScore);
    expect(report.sandbox).toBe(process.env.SEQLAB_SANDBOX === 'permission-model' ? 'permission-model' : 'bwrap');
    expect(schemaErrors(report)).toEqual([]);
    expect(report.integrity.ok).toBe(false);
    expect(report.integrity.findings).toEqual(['06-deep-rnn/deep-rnn.ts is a symbolic link: not followed, not graded', 'root.json is a symbolic link: not followed, not graded']);
    const everything = JSON.stringify(report) + reportMarkdown(report);
    expect(everything).not.toContain(KEY_CANARY);
    expect(everything).not.toContain(SOLUTION_CANARY);
    expect(reportMarkdown(report)).not.toContain('<h2>seqlab');
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
