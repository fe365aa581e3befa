/**
 * Tests that a student function rejects bad input with the right error class. A failure of the call
 * itself (the module did not load, the call timed out or crashed, the stub is not implemented) passes
 * through unchanged, so the report shows that real cause instead of "expected a RangeError".
 */
import { ComparisonError } from './compare.ts';
import { TODO_PREFIX } from './stubs.ts';

const SEAM_ERRORS = new Set(['SubmissionLoadError', 'StudentTimeoutError', 'StudentCrashError']);

export async function expectRangeError(what: string, call: Promise<unknown>): Promise<void> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof RangeError) return;
  if (outcome instanceof Error && (SEAM_ERRORS.has(outcome.name) || outcome.message.startsWith(TODO_PREFIX))) throw outcome;
  const got = outcome === undefined ? 'it returned normally' : `it threw ${(outcome as Error)?.name ?? typeof outcome}: ${(outcome as Error)?.message ?? String(outcome)}`;
  throw new ComparisonError(`${what} should throw a RangeError; ${got}`);
}
