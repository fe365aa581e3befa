/**
 * Classroom 50's result.json (schema `classroom50/result/v1`, a copy in grader/test/schemas/): what an
 * autograder in `CLASSROOM/autograders/ASSIGNMENT/` must leave in the student's checkout. Scores are
 * integers there; seqlab's points are whole numbers, and a fractional one is refused rather than rounded.
 * Identity fields come from the runner's environment (foundation50/classroom50 wiki, "Advanced Autograding").
 */
import type { GradeReport } from '../report.ts';

export const CLASSROOM50_SCHEMA = 'classroom50/result/v1';

export interface Classroom50Identity {
  classroom: string;
  assignment: string;
  assignment_type: 'individual' | 'group';
  owner: string;
  /** The submit/… tag graded. */
  submission: string;
  commit: string;
  release: string;
  review: string;
}

export interface Classroom50Result extends Classroom50Identity {
  schema: typeof CLASSROOM50_SCHEMA;
  /** The submission instant: the graded commit's committer date, YYYY-MM-DDTHH:MM:SSZ. */
  datetime: string;
  graded_at: string;
  score: number;
  'max-score': number;
  tests: { 'test-name': string; passed: boolean; score: number; 'max-score': number; message?: string }[];
}

export class Classroom50Error extends Error {
  override name = 'Classroom50Error';
}

/** The runner's environment variables for the identity fields (REVIEW_URL may be empty: then the commit). */
export function classroom50Identity(env: NodeJS.ProcessEnv): Classroom50Identity {
  const read = (...names: string[]) => names.map((name) => env[name]?.trim()).find(Boolean);
  const fields = {
    classroom: read('CLASSROOM'),
    assignment: read('ASSIGNMENT'),
    assignment_type: read('ASSIGNMENT_TYPE'),
    owner: read('OWNER', 'USERNAME'),
    submission: read('SUBMISSION_TAG'),
    commit: read('COMMIT_URL'),
    release: read('RELEASE_URL'),
    review: read('REVIEW_URL', 'COMMIT_URL'),
  };
  const names: Record<keyof typeof fields, string> = {
    classroom: 'CLASSROOM', assignment: 'ASSIGNMENT', assignment_type: 'ASSIGNMENT_TYPE', owner: 'OWNER (or USERNAME)',
    submission: 'SUBMISSION_TAG', commit: 'COMMIT_URL', release: 'RELEASE_URL', review: 'REVIEW_URL (or COMMIT_URL)',
  };
  const missing = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => !fields[key]).map((key) => names[key]);
  if (missing.length) throw new Classroom50Error(`not run by Classroom 50's runner: ${missing.join(', ')} not set`);
  if (fields.assignment_type !== 'individual' && fields.assignment_type !== 'group') {
    throw new Classroom50Error(`ASSIGNMENT_TYPE must be individual or group, got '${fields.assignment_type}'`);
  }
  return fields as Classroom50Identity;
}

/** An instant as Classroom 50 writes it: UTC, whole seconds. */
export const classroom50Time = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function whole(points: number, what: string): number {
  if (!Number.isInteger(points) || points < 0) throw new Classroom50Error(`${what}: ${points} points is not a whole number, which Classroom 50 requires`);
  return points;
}

/**
 * Every test, hidden ones included (their names are public in the release manifest anyway); only public
 * tests carry their message, so the result does not spell out what a hidden test checks.
 */
export function classroom50Result(report: GradeReport, identity: Classroom50Identity, submittedAt: Date, gradedAt = new Date()): Classroom50Result {
  const tests = report.exercises.flatMap((exercise) =>
    exercise.tests.map((test) => {
      const name = `${exercise.id} › ${test.name}`;
      return {
        'test-name': name,
        passed: test.status === 'passed',
        score: whole(test.score, name),
        'max-score': whole(test.maxScore, name),
        ...(!test.hidden && test.status !== 'passed' && test.message ? { message: test.message } : {}),
      };
    }),
  );
  return {
    schema: CLASSROOM50_SCHEMA,
    ...identity,
    datetime: classroom50Time(submittedAt),
    graded_at: classroom50Time(gradedAt),
    score: tests.reduce((sum, t) => sum + t.score, 0),
    'max-score': tests.reduce((sum, t) => sum + t['max-score'], 0),
    tests,
  };
}
