/**
 * Writes every format of a grade report into the output folder, and, inside GitHub Actions, the job summary.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradeReport } from '../report.ts';
import { gradescopeResults } from './gradescope.ts';
import { reportMarkdown } from './markdown.ts';

/** File names inside OUT. junit.xml is written by Vitest's own reporter during the run. */
export const REPORT_FILES = {
  json: 'grade-report.json',
  markdown: 'grade-report.md',
  gradescope: 'results.json',
  junit: 'junit.xml',
} as const;

export function writeReportFiles(report: GradeReport, out: string): void {
  writeFileSync(join(out, REPORT_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, REPORT_FILES.markdown), reportMarkdown(report));
  writeFileSync(join(out, REPORT_FILES.gradescope), `${JSON.stringify(gradescopeResults(report), null, 2)}\n`);
}

/** Appends the Markdown report to GitHub's job summary (GITHUB_STEP_SUMMARY), when there is one. */
export function publishToGitHub(report: GradeReport, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, reportMarkdown(report));
}
