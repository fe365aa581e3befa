/**
 * Gradescope's results.json (its autograder specification; grader/test/schemas/gradescope-results.schema.json):
 * every test with its points, the public ones visible at once, the hidden ones after the grades are
 * published or after the due date (the teacher's choice), Markdown output.
 */
import type { GradeReport, TestReport } from '../report.ts';

/** When Gradescope shows the hidden tests to the student. */
export const HIDDEN_VISIBILITIES = ['after_published', 'after_due_date'] as const;
export type HiddenVisibility = (typeof HIDDEN_VISIBILITIES)[number];

export interface GradescopeOptions {
  hiddenVisibility?: HiddenVisibility;
  /** Seconds the autograder ran, for Gradescope's `execution_time`. */
  executionTime?: number;
}

export interface GradescopeResults {
  score: number;
  execution_time?: number;
  output: string;
  output_format: 'md';
  tests: {
    name: string;
    score: number;
    max_score: number;
    status: 'passed' | 'failed';
    output: string;
    visibility: 'visible' | HiddenVisibility;
  }[];
}

const points = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A message as a Markdown code block: diagnostics hold brackets, stars and underscores that Markdown would eat. */
function codeBlock(text: string): string {
  const longestRun = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function testOutput(test: TestReport): string {
  if (test.status === 'passed') return '';
  return `**${test.status}**${test.message ? `\n\n${codeBlock(test.message)}` : ''}`;
}

/**
 * The text shown above the tests. It names public points only: the total and the hidden tests' results
 * become visible with the hidden tests themselves.
 */
function summary(report: GradeReport, visibility: HiddenVisibility): string {
  const publicTests = report.exercises.flatMap((e) => e.tests.filter((t) => !t.hidden));
  const earned = publicTests.reduce((sum, t) => sum + t.score, 0);
  const possible = publicTests.reduce((sum, t) => sum + t.maxScore, 0);
  const when = visibility === 'after_due_date' ? 'after the due date' : 'when the grades are published';
  const lines = [
    `**seqlab**: public tests ${points(earned)} / ${points(possible)} points. The hidden tests (the rest of the ${points(report.maxScore)} points) are shown ${when}.`,
    '',
    `Backend \`${report.backend}\`, graded ${report.gradedAt}${report.commit ? `, commit \`${report.commit.slice(0, 12)}\`` : ''}.`,
  ];
  if (!report.integrity.ok) {
    lines.push('', '**Integrity**: protected files of the repository were changed (the grade used the original tests):', '');
    lines.push(...report.integrity.findings.map((f) => `- ${f.replace(/\s*\n\s*/g, ' ')}`));
  }
  if (report.warnings.length) lines.push('', '**Warnings**', '', ...report.warnings.map((w) => `- ${w.replace(/\s*\n\s*/g, ' ')}`));
  return lines.join('\n');
}

export function gradescopeResults(report: GradeReport, options: GradescopeOptions = {}): GradescopeResults {
  const hiddenVisibility = options.hiddenVisibility ?? 'after_published';
  return {
    score: report.score,
    ...(options.executionTime !== undefined && { execution_time: Math.round(options.executionTime) }),
    output: summary(report, hiddenVisibility),
    output_format: 'md',
    tests: report.exercises.flatMap((exercise) =>
      exercise.tests.map((test) => ({
        name: `${exercise.id} › ${test.name}`,
        score: test.score,
        max_score: test.maxScore,
        status: test.status === 'passed' ? ('passed' as const) : ('failed' as const),
        output: testOutput(test),
        visibility: test.hidden ? hiddenVisibility : ('visible' as const),
      })),
    ),
  };
}
