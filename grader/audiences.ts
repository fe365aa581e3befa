/**
 * Who each file of grader/ is for, and the rule between them. grader/README.md explains the audiences;
 * grader/test/audiences.test.ts enforces that student-facing, grading and sandbox code (what runs in a
 * student's copy of the course) never imports teacher or authoring code, however indirectly.
 */
export type Audience = 'runtime' | 'grading' | 'sandbox' | 'student' | 'teacher' | 'authoring' | 'tests';

/** First match wins; paths are relative to the repository root. */
const AUDIENCES: readonly [RegExp, Audience][] = [
  [/^grader\/(test|hidden)\//, 'tests'],
  [/^grader\/sandbox\//, 'sandbox'],
  [/^grader\/(student\/|student-reporter|progress|hint|watch-triggers|exercises\.config|last-run)/, 'student'],
  [/^grader\/(gradebook\/|teacher-cli|check-seeds|run-grader|release\/(build|autograders)\.ts)/, 'teacher'],
  [/^grader\/(generate-stubs|layout)\.ts$|^reference\/generate-fixtures\.ts$/, 'authoring'],
  [/^grader\/(grade|cli|command-line|results|report|table|reference-backend|backend-setup|grading\.config|vitest-shared|graded-commit)\.ts$|^grader\/(formats|release)\//, 'grading'],
  [/^grader\//, 'runtime'],
];

export function audienceOf(path: string): Audience | undefined {
  return AUDIENCES.find(([pattern]) => pattern.test(path))?.[1];
}

/** Audiences whose code a student's copy of the course runs: they may not reach teacher or authoring code. */
export const SHIPPED: readonly Audience[] = ['runtime', 'grading', 'sandbox', 'student'];
export const TEACHER_SIDE: readonly Audience[] = ['teacher', 'authoring'];
