/**
 * GitHub Classroom: the `result` step output (base64 JSON in the schema of the autograding graders, which
 * classroom-resources/autograding-grading-reporter reads from `<RUNNER>_RESULTS`) and the points
 * annotation ("Points X/Y", title "Autograding complete") that Classroom reads from the check run.
 */
import type { GradeReport, TestStatus } from '../report.ts';

export interface ClassroomResult {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: { name: string; status: 'pass' | 'fail' | 'error'; score: number; message: string }[];
}

const STATUS: Record<TestStatus, 'pass' | 'fail' | 'error'> = { passed: 'pass', failed: 'fail', skipped: 'fail', error: 'error' };

export function classroomResult(report: GradeReport): ClassroomResult {
  const tests = report.exercises.flatMap((exercise) =>
    exercise.tests.map((test) => ({
      name: `${exercise.id} › ${test.name}`,
      status: STATUS[test.status],
      score: test.score,
      message: test.message,
    })),
  );
  const status = tests.some((t) => t.status === 'error') ? 'error' : tests.every((t) => t.status === 'pass') ? 'pass' : 'fail';
  return { version: 1, status, max_score: report.maxScore, tests };
}

export function encodeClassroomResult(report: GradeReport): string {
  return Buffer.from(JSON.stringify(classroomResult(report))).toString('base64');
}

/** A workflow command: GitHub shows it as a notice annotation on the run. */
export function pointsAnnotation(report: GradeReport): string {
  return `::notice title=Autograding complete::Points ${report.score}/${report.maxScore}`;
}
