/**
 * gradebook.csv: one row per student, one column per exercise of the manifest, then the total, the
 * integrity flag and where the grade came from, then the late policy's verdict (`final` is the total that
 * counts when a policy applied), how student code ran, and whether the student never started. Written with csv-stringify (quoting, embedded newlines,
 * and cells that a spreadsheet would run as a formula — a report's findings come from student CI — are
 * escaped with a leading quote).
 */
import { stringify } from 'csv-stringify/sync';
import { COURSE } from '../../runtime/manifest.ts';
import type { GradebookRow } from './collect.ts';

export const CSV_COLUMNS = ['student', ...COURSE.map((e) => e.id), 'total', 'max', 'integrity', 'findings', 'commit', 'graded_at', 'reason', 'submitted_at', 'late_days', 'penalty_percent', 'final', 'sandbox', 'never_started'] as const;

export function csvRecord(row: GradebookRow): (string | number)[] {
  return [
    row.student,
    ...COURSE.map((e) => row.scores[e.id] ?? ''),
    row.total ?? '',
    row.max ?? '',
    row.integrity ?? '',
    row.findings.join('; '),
    row.commit ?? '',
    row.gradedAt ?? '',
    row.reason ?? '',
    row.submittedAt ?? '',
    row.lateness?.lateDays ?? '',
    row.lateness?.penaltyPercent ?? '',
    row.final ?? '',
    row.sandbox ?? '',
    row.neverStarted ? 'yes' : '',
  ];
}

export function gradebookCsv(rows: readonly GradebookRow[]): string {
  return stringify([[...CSV_COLUMNS], ...rows.map(csvRecord)], { escape_formulas: true, record_delimiter: 'unix' });
}
