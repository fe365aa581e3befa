/**
 * Grade import files for learning management systems, from one run's rows: the total that counts (after
 * the late penalty) per student. The roster's student id must be the LMS's login (Canvas: SIS Login ID;
 * Moodle: username). Students without a grade are left out, so an import never overwrites their LMS grade
 * with a blank; the command lists them.
 * - Canvas gradebook import: the columns of Canvas's own export (Student, ID, SIS User ID, SIS Login ID,
 *   Section, then one column per assignment), with the "Points Possible" row; a new assignment name
 *   creates the assignment, `Name (id)` updates an existing one.
 * - Moodle grade import (Grades → Import → CSV file): a username column to map to the user, a grade column
 *   to map to the grade item, and a feedback column.
 */
import { stringify } from 'csv-stringify/sync';
import { countedTotal, type GradebookRow } from './collect.ts';
import { formatPoints, isGraded } from './stats.ts';

export const LMS_FORMATS = ['canvas', 'moodle'] as const;
export type LmsFormat = (typeof LMS_FORMATS)[number];

/** What the teacher should know beside the number: late days and penalty, integrity flag. */
export function gradeNote(row: GradebookRow): string {
  const notes: string[] = [];
  if (row.lateness?.lateDays) notes.push(`${row.lateness.lateDays} day(s) late, −${formatPoints(row.lateness.penaltyPercent)} %`);
  if (row.integrity === 'flagged') notes.push('integrity flagged');
  return notes.join('; ');
}

export function lmsCsv(format: LmsFormat, rows: readonly GradebookRow[], item: string): { csv: string; left: string[] } {
  const graded = rows.filter(isGraded);
  const left = rows.filter((r) => !isGraded(r)).map((r) => r.student);
  const max = graded.length ? Math.max(...graded.map((r) => r.max)) : 0;
  const records: (string | number)[][] =
    format === 'canvas'
      ? [
          ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', item],
          ['    Points Possible', '', '', '', '', formatPoints(max)],
          ...graded.map((r) => [r.student, '', '', r.student, '', formatPoints(countedTotal(r)!)]),
        ]
      : [['Username', item, 'Feedback'], ...graded.map((r) => [r.student, formatPoints(countedTotal(r)!), gradeNote(r)])];
  return { csv: stringify(records, { escape_formulas: true, record_delimiter: 'unix' }), left };
}
