/**
 * Errors the seam raises about a submission. The report turns SubmissionLoadError into status `error`;
 * the others fail the test that made the call, with their message.
 */

/** Error classes a student function may throw on purpose (suites check e.g. `instanceof RangeError`). */
const STANDARD_ERRORS: Record<string, ErrorConstructor> = { RangeError, TypeError, SyntaxError, ReferenceError, EvalError, URIError };

/**
 * A student's error rebuilt on the grader's side of a process boundary from its class name and message,
 * keeping the classes the report and the suites rely on.
 */
export function errorOfClass(name: string, message: string): Error {
  if (name === 'InputMutationError') return new InputMutationError(message);
  const standard = STANDARD_ERRORS[name];
  return standard ? new standard(message) : Object.assign(new Error(message), { name });
}

/** The environment variables that override the limits on student code, graded or not. */
export const LIMIT_VARIABLES = {
  importCpuMs: 'SEQLAB_IMPORT_CPU_MS',
  callCpuMs: 'SEQLAB_CALL_CPU_MS',
  exerciseCpuMs: 'SEQLAB_EXERCISE_CPU_MS',
  memoryMb: 'SEQLAB_MEMORY_MB',
} as const;

/** The submission module could not be loaded (missing, syntax error, threw, hung or crashed at import). */
export class SubmissionLoadError extends Error {
  override name = 'SubmissionLoadError';
}

/** A student function changed one of its inputs. */
export class InputMutationError extends Error {
  override name = 'InputMutationError';
}

/** A student function did not return within its time limit, or its exercise ran out of time. */
export class StudentTimeoutError extends Error {
  override name = 'StudentTimeoutError';
}

/** The process running the student code died during a call (process.exit, abort, out of memory). */
export class StudentCrashError extends Error {
  override name = 'StudentCrashError';
}
