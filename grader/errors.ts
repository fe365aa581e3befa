/**
 * Errors the seam raises about a submission. The report turns SubmissionLoadError into status `error`;
 * the others fail the test that made the call, with their message.
 */

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
