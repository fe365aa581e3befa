/**
 * Checks a student's result against expected outputs (from a fixture file or from the reference), key by
 * key, with the messages of grader/runtime/compare.ts.
 */
import { ComparisonError, expectClose, expectData, expectKeys, isNumeric, type PlainData, type Tolerance } from './compare.ts';
import { contextForKey, type Alternative, type DiagnosisContext } from './diagnose.ts';
import { FIXTURE_MISTAKES } from './mistakes/fixture-mistakes.ts';

export type Nested = number | Nested[];
/**
 * A function's expected output: one array, an object of named arrays (`{h, c}`), or data holding strings
 * (generated text, words), compared exactly by expectData.
 */
export type Expected = Nested | { [key: string]: Nested } | PlainData;

/** One recorded call: the arguments and what the reference returned. Written by reference/fixtures/. */
export interface Fixture {
  fn: string;
  args: unknown[];
  expected: Expected;
  /** Known wrong answers by mistake id (grader/runtime/mistakes/fixture-mistakes.ts), for the failure message. */
  mistakes?: Record<string, Expected>;
}

const isNamed = (e: Expected): e is { [key: string]: Nested } => typeof e === 'object' && e !== null && !Array.isArray(e);
/** Numbers only (one array, or named arrays): the outputs the diagnosers can explain. */
const isNumericOutputs = (e: Expected): e is Nested | { [key: string]: Nested } => isNumeric(e) || (isNamed(e) && Object.values(e).every(isNumeric));

/**
 * Compares every output; `context` feeds the diagnosers (see grader/runtime/diagnose.ts). For named outputs its
 * `outputs` field holds per-key context, and an alternative's value is an object of (some of) the keys.
 * When the first output that differs has no diagnosis, a diagnosis found on another differing output is
 * added to its message (a wrong dx says little; the dWx next to it may show the gates permuted).
 * Outputs holding strings go to expectData (exact, no diagnosers).
 */
export function expectOutputs(fn: string, actual: unknown, expected: Expected, tolerance?: Tolerance, context?: DiagnosisContext): void {
  if (!isNumericOutputs(expected)) {
    expectData(`${fn}(…)`, actual, expected, tolerance);
    return;
  }
  if (!isNamed(expected)) {
    expectClose(`${fn}(…)`, actual, expected, tolerance, context);
    return;
  }
  const result = expectKeys(`${fn}(…)`, actual, Object.keys(expected));
  const entries = Object.entries(expected);
  for (const [index, [key, value]] of entries.entries()) {
    try {
      expectClose(`${fn}(…).${key}`, result[key], value, tolerance, contextForKey(context, key));
    } catch (error) {
      if (!(error instanceof ComparisonError) || error.diagnosis) throw error;
      const other = diagnoseOtherOutputs(fn, result, entries.slice(index + 1), tolerance, context);
      throw other ? new ComparisonError(`${error.message}\n${other}`) : error;
    }
  }
}

/** The first diagnosis among the later outputs that also differ, prefixed with the output's name. */
function diagnoseOtherOutputs(
  fn: string,
  result: Record<string, unknown>,
  rest: [string, Nested][],
  tolerance: Tolerance | undefined,
  context: DiagnosisContext | undefined,
): string | undefined {
  for (const [key, value] of rest) {
    try {
      expectClose(`${fn}(…).${key}`, result[key], value, tolerance, contextForKey(context, key));
    } catch (error) {
      if (error instanceof ComparisonError && error.diagnosis) return `${fn}(…).${key} differs too. ${error.diagnosis}`;
    }
  }
  return undefined;
}

/** Calls the student's `fixture.fn` on the fixture's arguments, compares with the fixture, and returns the student's value. */
export async function expectFixture(
  student: object,
  fixture: Fixture,
  tolerance?: Tolerance,
  context?: DiagnosisContext,
): Promise<unknown> {
  const fn = (student as Record<string, (...args: unknown[]) => Promise<unknown>>)[fixture.fn];
  if (!fn) throw new Error(`fixture names unknown function ${fixture.fn}`);
  const known = Object.entries(fixture.mistakes ?? {}).map(([id, value]): Alternative => {
    const diagnosis = FIXTURE_MISTAKES[id];
    if (!diagnosis) throw new Error(`fixture of ${fixture.fn} names unknown mistake '${id}'`);
    return { value, diagnosis };
  });
  const withKnown = known.length ? { ...context, alternatives: [...known, ...(context?.alternatives ?? [])] } : context;
  const actual = await fn(...fixture.args);
  expectOutputs(fixture.fn, actual, fixture.expected, tolerance, withKnown);
  return actual;
}
