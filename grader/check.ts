/**
 * Checks a student's result against expected outputs (from a fixture file or from the reference), key by
 * key, with the messages of grader/compare.ts.
 */
import { expectClose, expectKeys, type Tolerance } from './compare.ts';

export type Nested = number | Nested[];
/** A function's expected output: one array, or an object of named arrays (`{h, c}`). */
export type Expected = Nested | { [key: string]: Nested };

/** One recorded call: the arguments and what the reference returned. Written by reference/fixtures/. */
export interface Fixture {
  fn: string;
  args: unknown[];
  expected: Expected;
}

const isNamed = (e: Expected): e is { [key: string]: Nested } => typeof e === 'object' && !Array.isArray(e);

export function expectOutputs(fn: string, actual: unknown, expected: Expected, tolerance?: Tolerance): void {
  if (!isNamed(expected)) {
    expectClose(`${fn}(…)`, actual, expected, tolerance);
    return;
  }
  const result = expectKeys(`${fn}(…)`, actual, Object.keys(expected));
  for (const [key, value] of Object.entries(expected)) expectClose(`${fn}(…).${key}`, result[key], value, tolerance);
}

/** Calls the student's `fixture.fn` on the fixture's arguments and compares with the fixture. */
export async function expectFixture(
  student: object,
  fixture: Fixture,
  tolerance?: Tolerance,
): Promise<void> {
  const fn = (student as Record<string, (...args: unknown[]) => Promise<unknown>>)[fixture.fn];
  if (!fn) throw new Error(`fixture names unknown function ${fixture.fn}`);
  expectOutputs(fixture.fn, await fn(...fixture.args), fixture.expected, tolerance);
}
