/**
 * The grade report as the terminal shows it: one row per exercise, then the total.
 */
import { NO_BACKEND } from './reference-backend.ts';
import type { GradeReport } from './report.ts';

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - text.length));
const padStart = (text: string, width: number): string => ' '.repeat(Math.max(0, width - text.length)) + text;
const points = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function formatReportTable(report: GradeReport): string {
  const rows = report.exercises.map((e) => {
    const passed = e.tests.filter((t) => t.status === 'passed').length;
    const mark = e.score === e.maxScore && e.maxScore > 0 ? '✔' : '✘';
    return [`${mark} ${e.id}`, `${points(e.score)}/${points(e.maxScore)}`, `${passed}/${e.tests.length} tests`, e.title];
  });
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((r) => r[col]!.length), 10));
  const lines = rows.map((r) => `${pad(r[0]!, widths[0]!)}  ${padStart(r[1]!, widths[1]!)}  ${pad(r[2]!, widths[2]!)}  ${r[3]}`);
  const total = `Total ${points(report.score)}/${points(report.maxScore)}`;
  const hidden = report.exercises.flatMap((e) => e.tests).filter((t) => t.hidden).length;
  return [
    ...lines,
    '-'.repeat(Math.min(100, Math.max(...lines.map((l) => l.length)))),
    `${total}   (${report.backend.startsWith(NO_BACKEND) ? 'hidden tests need the grading key: they run in CI' : `reference backend: ${report.backend.split(' ')[0]}`}; ${hidden} hidden tests; student code isolation: ${report.sandbox})`,
    ...report.warnings.map((w) => `warning: ${w}`),
    ...(report.integrity.ok ? [] : report.integrity.findings.map((f) => `integrity: ${f}`)),
  ].join('\n');
}
