/**
 * Gradescope's results.json (autograder specification): hidden tests are shown to the student only
 * after the grades are published.
 */
import type { GradeReport } from '../report.ts';

export interface GradescopeResults {
  score: number;
  output: string;
  tests: {
    name: string;
    score: number;
    max_score: number;
    status: 'passed' | 'failed';
    output: string;
    visibility: 'visible' | 'after_published';
  }[];
}

export function gradescopeResults(report: GradeReport): GradescopeResults {
  return {
    score: report.score,
    output: `seqlab: ${report.score}/${report.maxScore} (backend ${report.backend})${report.integrity.ok ? '' : ' — protected files were changed'}`,
    tests: report.exercises.flatMap((exercise) =>
      exercise.tests.map((test) => ({
        name: `${exercise.id} › ${test.name}`,
        score: test.score,
        max_score: test.maxScore,
        status: test.status === 'passed' ? ('passed' as const) : ('failed' as const),
        output: test.status === 'passed' ? '' : `${test.status}: ${test.message}`,
        visibility: test.hidden ? ('after_published' as const) : ('visible' as const),
      })),
    ),
  };
}
