/**
 * The one comparison every suite uses. It checks the shape first, then every value, and fails with a
 * message written for a student: what was compared, where the first difference is, how far off it is,
 * and — when a diagnoser of grader/runtime/diagnose.ts recognizes a classic mistake — what the mistake looks like.
 */
import { diagnose, type DiagnosisContext } from './diagnose.ts';
import type { Nested } from './check.ts';
import { studentText } from './student-text.ts';

export type { Alternative, DiagnosisContext } from './diagnose.ts';
export interface Tolerance {
  /** Absolute tolerance (default 1e-5, the syllabus' forward tolerance for a float32 reference). */
  atol?: number;
  /** Relative tolerance (default 1e-4). */
  rtol?: number;
}

export class ComparisonError extends Error {
  override name = 'ComparisonError';
  /** The diagnoser's sentence, when one recognized the mistake (it is also the message's last line). */
  diagnosis?: string;

  constructor(message: string, diagnosis?: string) {
    super(diagnosis ? `${message}\n${diagnosis}` : message);
    if (diagnosis) this.diagnosis = diagnosis;
  }
}

export const FORWARD_TOLERANCE: Required<Tolerance> = { atol: 1e-5, rtol: 1e-4 };
/** Student float64 backward vs float32 autodiff: the syllabus' gradient tolerance. */
export const GRADIENT_TOLERANCE: Required<Tolerance> = { atol: 1e-4, rtol: 1e-3 };


/**
 * The shape of a rectangular nested array of numbers, or a description of why it is not one
 * (`undefined` where a number was expected, ragged rows, …).
 */
export function shapeOf(value: unknown, path = ''): { shape: number[] } | { problem: string } {
  if (typeof value === 'number') return { shape: [] };
  if (!Array.isArray(value)) {
    const kind = value === null ? 'null' : ArrayBuffer.isView(value) ? 'a typed array' : typeof value;
    return { problem: `got ${kind} at ${path || 'the top level'} where an array or number was expected` };
  }
  if (value.length === 0) return { shape: [0] };
  const first = shapeOf(value[0], `${path}[0]`);
  if ('problem' in first) return first;
  for (let i = 1; i < value.length; i++) {
    const other = shapeOf(value[i], `${path}[${i}]`);
    if ('problem' in other) return other;
    if (other.shape.join() !== first.shape.join()) {
      return { problem: `ragged array: ${path}[0] has shape ${fmt(first.shape)} but ${path}[${i}] has ${fmt(other.shape)}` };
    }
  }
  return { shape: [value.length, ...first.shape] };
}

const fmt = (shape: number[]): string => (shape.length ? shape.map((d) => `[${d}]`).join('') : 'a scalar');

function guessShapeMistake(got: number[], want: number[]): string {
  if (got.length !== want.length) return ` (${got.length} axes instead of ${want.length})`;
  const sortedGot = [...got].sort().join();
  if (sortedGot === [...want].sort().join()) return ' — same sizes in another order: axes swapped or transposed?';
  return '';
}

function flatten(value: Nested): number[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function indexPath(flatIndex: number, shape: number[]): string {
  const parts: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    parts.unshift(flatIndex % shape[axis]!);
    flatIndex = Math.floor(flatIndex / shape[axis]!);
  }
  return parts.map((p) => `[${p}]`).join('');
}

/**
 * Throws a ComparisonError unless `actual` has `expected`'s shape and every value is within tolerance.
 * `context` feeds the diagnosers (gate names, the bias, known wrong answers…); it never changes the verdict.
 */
export function expectClose(what: string, actual: unknown, expected: Nested, tolerance: Tolerance = {}, context?: DiagnosisContext): void {
  const { atol, rtol } = { ...FORWARD_TOLERANCE, ...tolerance };
  const diagnosis = () => diagnose(actual, expected, context, { atol, rtol });
  const want = shapeOf(expected);
  if ('problem' in want) throw new Error(`expected value for ${what} is malformed: ${want.problem}`);
  const got = shapeOf(actual);
  if ('problem' in got) throw new ComparisonError(`${what}: ${got.problem}`);
  if (got.shape.join() !== want.shape.join()) {
    throw new ComparisonError(
      `${what} has the wrong shape: got ${fmt(got.shape)}, expected ${fmt(want.shape)}${guessShapeMistake(got.shape, want.shape)}`,
      diagnosis(),
    );
  }
  const a = flatten(actual as Nested);
  const e = flatten(expected);
  const nonFinite = a.findIndex((v) => !Number.isFinite(v));
  if (nonFinite >= 0 && Number.isFinite(e[nonFinite])) {
    throw new ComparisonError(`${what}${indexPath(nonFinite, want.shape)} is ${a[nonFinite]}, expected ${e[nonFinite]}`);
  }
  let firstBad = -1;
  let bad = 0;
  let maxAbs = 0;
  // Relative error only where the expected entry is clearly away from 0: "5e+11 times off" from an expected 0 says nothing.
  let maxRel: number | undefined;
  a.forEach((v, i) => {
    const diff = Math.abs(v - e[i]!);
    maxAbs = Math.max(maxAbs, diff);
    if (Math.abs(e[i]!) > 10 * atol) maxRel = Math.max(maxRel ?? 0, diff / Math.abs(e[i]!));
    if (!(diff <= atol + rtol * Math.abs(e[i]!))) {
      bad++;
      if (firstBad < 0) firstBad = i;
    }
  });
  if (bad > 0) {
    throw new ComparisonError(
      `${what} differs from the reference at ${bad} of ${a.length} entries. ` +
        `First at ${what}${indexPath(firstBad, want.shape)}: got ${a[firstBad]}, expected ${e[firstBad]}. ` +
        `Max abs error ${maxAbs.toExponential(2)}${maxRel === undefined ? '' : `, max rel error ${maxRel.toExponential(2)}`} ` +
        `(allowed: atol ${atol}, rtol ${rtol}).`,
      diagnosis(),
    );
  }
}

/**
 * Throws unless `actual` is exactly 0 wherever `mask` (its trailing axes, broadcast over the leading ones)
 * is 0: the READMEs' "masked weights are exactly 0", which a tolerance cannot check (exp(−30) ≈ 1e−13
 * passes any atol).
 */
export function expectExactZeros(what: string, actual: unknown, mask: Nested): void {
  const got = shapeOf(actual);
  const maskShape = shapeOf(mask);
  if ('problem' in got || 'problem' in maskShape) return; // the comparison has already said what is wrong
  const values = flatten(actual as Nested);
  const keep = flatten(mask);
  const leak = values.findIndex((v, i) => keep[i % keep.length] === 0 && v !== 0);
  if (leak < 0) return;
  throw new ComparisonError(
    `${what}${indexPath(leak, got.shape)} is ${values[leak]} where the mask is 0: masked weights must be exactly 0, not merely small (README). ` +
      'A finite penalty such as −30 leaves exp(−30) ≈ 1e−13 behind: take the softmax over the allowed keys only, or use −Infinity.',
  );
}

/** Data that holds strings: words, generated text, `{ word, similarity }` records. Numbers may sit inside it. */
export type PlainData = Nested | string | boolean | null | PlainData[] | { [key: string]: PlainData };

/** True for a number or a nested array of numbers: what expectClose compares. */
export const isNumeric = (value: unknown): value is Nested => !('problem' in shapeOf(value));

/** `what.key`, or `what["key"]` when the key is not an identifier (a vocabulary's index has keys like " "). */
const member = (what: string, key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${what}.${key}` : `${what}[${JSON.stringify(key)}]`);

const quote = (text: string): string => JSON.stringify(text);

/**
 * Throws a ComparisonError at the first place where `actual` differs from `expected`: strings, booleans and
 * null exactly (a string names the first differing character), arrays index by index then by length,
 * objects key by key, and numeric parts with expectClose and `tolerance`.
 */
export function expectData(what: string, actual: unknown, expected: PlainData, tolerance?: Tolerance): void {
  if (isNumeric(expected)) return expectClose(what, actual, expected, tolerance);
  if (typeof expected === 'string') return expectSameString(what, actual, expected);
  if (expected === null || typeof expected === 'boolean') {
    if (actual !== expected) throw new ComparisonError(`${what} is ${describeValue(actual)}, expected ${String(expected)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) throw new ComparisonError(`${what} should be an array of ${expected.length} entries; got ${describeValue(actual)}`);
    const common = Math.min(actual.length, expected.length);
    for (let i = 0; i < common; i++) expectData(`${what}[${i}]`, actual[i], expected[i]!, tolerance);
    if (actual.length !== expected.length) {
      throw new ComparisonError(`${what} has ${actual.length} entries, expected ${expected.length} (the first ${common} agree)`);
    }
    return;
  }
  const result = expectKeys(what, actual, Object.keys(expected));
  for (const [key, value] of Object.entries(expected)) expectData(member(what, key), result[key], value, tolerance);
}

function expectSameString(what: string, actual: unknown, expected: string): void {
  if (typeof actual !== 'string') throw new ComparisonError(`${what} should be a string; got ${describeValue(actual)}`);
  if (actual === expected) return;
  const got = [...actual];
  const want = [...expected];
  const at = want.findIndex((c, i) => got[i] !== c);
  const whole = expected.length <= 60 && actual.length <= 60 ? ` (got ${quote(actual)}, expected ${quote(expected)})` : '';
  if (at < 0 || at >= got.length) {
    const which = got.length < want.length ? 'shorter' : 'longer';
    throw new ComparisonError(`${what} has ${got.length} characters, expected ${want.length}: it is ${which}, the first ${Math.min(got.length, want.length)} agree${whole}`);
  }
  throw new ComparisonError(`${what} differs at character ${at}: got ${quote(got[at]!)}, expected ${quote(want[at]!)}${whole}`);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${quote(value.length > 60 ? `${value.slice(0, 57)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return describe(value);
}

/** Throws unless `actual` is an object holding (at least) the given keys. */
export function expectKeys(what: string, actual: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
    throw new ComparisonError(`${what} should be an object with keys ${keys.join(', ')}; got ${describe(actual)}`);
  }
  const missing = keys.filter((k) => !(k in actual));
  const has = studentText(Object.keys(actual).map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k))).join(', '), 200);
  if (missing.length) throw new ComparisonError(`${what} is missing ${missing.join(', ')} (it has: ${has || 'nothing'})`);
  return actual as Record<string, unknown>;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
