/** Writes the gradebook files of one run's rows into a folder: `gradebook.csv` and `gradebook.html`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradebookRow } from './collect.ts';
import { gradebookCsv } from './csv.ts';
import { gradebookHtml, type HtmlOptions } from './html.ts';
import { formatPoints, gradebookStats } from './stats.ts';

export interface GradebookFiles {
  csv: string;
  html: string;
}

export function writeGradebook(out: string, rows: readonly GradebookRow[], options: HtmlOptions = {}): GradebookFiles {
  mkdirSync(out, { recursive: true });
  const files = { csv: join(out, 'gradebook.csv'), html: join(out, 'gradebook.html') };
  writeFileSync(files.csv, gradebookCsv(rows));
  writeFileSync(files.html, gradebookHtml(rows, options));
  return files;
}

/** One line for the terminal: how many students, graded, flagged, without a grade, and the mean total. */
export function gradebookSummary(rows: readonly GradebookRow[]): string {
  const stats = gradebookStats(rows);
  const mean = stats.meanTotal === undefined ? '' : `, mean total ${formatPoints(stats.meanTotal)} / ${formatPoints(stats.maxTotal)}`;
  const late = stats.late.length ? `, ${stats.late.length} late` : '';
  const never = stats.neverStarted.length ? `, ${stats.neverStarted.length} never started` : '';
  return `${stats.students} student(s): ${stats.graded} graded, ${stats.flagged.length} flagged, ${stats.ungraded.length} without a grade${late}${never}${mean}`;
}
