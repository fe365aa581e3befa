/**
 * Writes every format of a grade report into the output folder, and, inside GitHub Actions, the job
 * summary, the `result` step output and the points annotation.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradeReport } from '../report.ts';
import { encodeClassroomResult, pointsAnnotation } from './classroom.ts';
import { gradescopeResults } from './gradescope.ts';
import { reportMarkdown } from './markdown.ts';

/** File names inside OUT. junit.xml is written by Vitest's own reporter during the run. */
export const REPORT_FILES = {
  json: 'grade-report.json',
  markdown: 'grade-report.md',
  gradescope: 'results.json',
  classroom: 'classroom-result.txt',
  junit: 'junit.xml',
} as const;

export function writeReportFiles(report: GradeReport, out: string): void {
  writeFileSync(join(out, REPORT_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, REPORT_FILES.markdown), reportMarkdown(report));
  writeFileSync(join(out, REPORT_FILES.gradescope), `${JSON.stringify(gradescopeResults(report), null, 2)}\n`);
  writeFileSync(join(out, REPORT_FILES.classroom), `${encodeClassroomResult(report)}\n`);
}

/**
 * GitHub's files for the job summary and step outputs (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT); returns the
 * lines to print on stdout (the points annotation) when running inside Actions.
 */
export function publishToGitHub(report: GradeReport, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, reportMarkdown(report));
  if (env.GITHUB_OUTPUT) {
    appendFileSync(env.GITHUB_OUTPUT, `result=${encodeClassroomResult(report)}\nscore=${report.score}\nmax-score=${report.maxScore}\n`);
  }
  return env.GITHUB_ACTIONS === 'true' ? [pointsAnnotation(report)] : [];
}
