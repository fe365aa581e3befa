/**
 * The grade report as Markdown: the GitHub job summary and `grade-report.md`.
 */
import type { GradeReport, TestReport } from '../report.ts';

const points = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
/**
 * Student messages as inert text in a table cell or list item: on one line, HTML escaped (no `</details>`,
 * `<img>` or heading of their own), and Markdown's inline punctuation escaped (no links, images, code or
 * emphasis; the text never starts a line, so line-start syntax cannot apply).
 */
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const cell = (text: string): string =>
  text
    .replace(/[&<>"]/g, (c) => HTML[c]!)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/\s*\n\s*/g, ' ');

/** How the report names each isolation level (see grader/sandbox/isolation.ts). */
export const SANDBOX_NAMES: Record<GradeReport['sandbox'], string> = {
  bwrap: 'operating-system sandbox (bubblewrap)',
  'permission-model': "Node's permission model only — not an authoritative grade",
  'in-process': 'none (trusted code, in-process)',
};

function failureLine(test: TestReport): string {
  const where = test.hidden ? ' _(hidden)_' : '';
  return `- **${cell(test.name)}**${where} — ${test.status}: ${cell(test.message || 'no message')}`;
}

export function reportMarkdown(report: GradeReport): string {
  const lines = [
    `## seqlab grade: ${points(report.score)} / ${points(report.maxScore)}`,
    '',
    `Backend: \`${report.backend}\` · student code isolation: ${SANDBOX_NAMES[report.sandbox]} · graded ${report.gradedAt}`,
    '',
    '| exercise | points | tests passed |',
    '|---|---:|---:|',
    ...report.exercises.map((e) => {
      const passed = e.tests.filter((t) => t.status === 'passed').length;
      const mark = e.maxScore > 0 && e.score === e.maxScore ? '✅' : '❌';
      return `| ${mark} ${e.id} | ${points(e.score)} / ${points(e.maxScore)} | ${passed} / ${e.tests.length} |`;
    }),
  ];
  if (!report.integrity.ok) {
    lines.push('', '### ⚠️ Integrity', '', 'Protected files were changed; this grade is not valid until a teacher re-grades:', '');
    lines.push(...report.integrity.findings.map((f) => `- ${cell(f)}`));
  }
  for (const exercise of report.exercises) {
    const failing = exercise.tests.filter((t) => t.status !== 'passed');
    if (failing.length === 0) continue;
    lines.push('', `<details><summary>${exercise.id}: ${failing.length} not passed</summary>`, '', ...failing.map(failureLine), '', '</details>');
  }
  if (report.warnings.length) lines.push('', '### Warnings', '', ...report.warnings.map((w) => `- ${cell(w)}`));
  return `${lines.join('\n')}\n`;
}
