/**
 * Who each file of grader/ is for: its folder says it. grader/README.md explains the audiences;
 * grader/test/audiences.test.ts enforces that the shipped folders (what runs in a student's copy of the
 * course) never import teacher or authoring code, however indirectly, and the release ships exactly the
 * shipped folders (grader/teacher/release/build.ts).
 */
export type Audience = 'runtime' | 'grading' | 'sandbox' | 'student' | 'teacher' | 'authoring' | 'tests';

/** Each folder of grader/ and its audience; a file elsewhere in grader/ has none, which the test refuses. */
const FOLDER_AUDIENCES: Readonly<Record<string, Audience>> = {
  runtime: 'runtime',
  grading: 'grading',
  sandbox: 'sandbox',
  student: 'student',
  teacher: 'teacher',
  authoring: 'authoring',
  hidden: 'tests',
  test: 'tests',
};

/** Course-authoring code that lives beside what it writes. */
const AUTHORING_ELSEWHERE = ['reference/generate-fixtures.ts'];

export function audienceOf(path: string): Audience | undefined {
  if (AUTHORING_ELSEWHERE.includes(path)) return 'authoring';
  const [top, folder, ...rest] = path.split('/');
  return top === 'grader' && folder !== undefined && rest.length > 0 ? FOLDER_AUDIENCES[folder] : undefined;
}

/** Audiences whose code a student's copy of the course runs: they may not reach teacher or authoring code. */
export const SHIPPED: readonly Audience[] = ['runtime', 'grading', 'sandbox', 'student'];
export const TEACHER_SIDE: readonly Audience[] = ['teacher', 'authoring'];

/** The folders a release ships whole, as `grader/<folder>/`. */
export const SHIPPED_FOLDERS: readonly string[] = Object.entries(FOLDER_AUDIENCES)
  .filter(([, audience]) => SHIPPED.includes(audience))
  .map(([folder]) => `grader/${folder}/`);
