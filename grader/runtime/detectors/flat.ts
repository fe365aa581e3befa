/**
 * Helpers the diagnosers share: nested arrays as flat row-major values with a shape, closeness at a
 * comparison's tolerance, softmaxes and lines along an axis. Linear in the array size.
 */
import type { Case, MatchTolerance, Nested } from '../diagnose.ts';

export function shapeAndValues(value: unknown): { shape: number[]; values: number[] } | undefined {
  if (typeof value === 'number') return { shape: [], values: [value] };
  if (!Array.isArray(value)) return undefined;
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const values: number[] = [];
  const walk = (v: unknown, depth: number): boolean => {
    if (depth === shape.length) {
      if (typeof v !== 'number') return false;
      values.push(v);
      return true;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) return false;
    return v.every((inner) => walk(inner, depth + 1));
  };
  return walk(value, 0) ? { shape, values } : undefined;
}

export const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

export const closeTo = (a: number, e: number, { atol, rtol }: MatchTolerance): boolean => Math.abs(a - e) <= atol + rtol * Math.abs(e);

/** True when every entry of `actual` is within tolerance of `candidate`. */
export function allClose(actual: readonly number[], candidate: readonly number[], tolerance: MatchTolerance): boolean {
  if (actual.length !== candidate.length) return false;
  for (let i = 0; i < actual.length; i++) if (!closeTo(actual[i]!, candidate[i]!, tolerance)) return false;
  return true;
}

/**
 * The mistake's prediction explains the student's value: it matches everywhere, and it is a different
 * answer from the expected one (so a coincidence on this input cannot be called a mistake).
 */
export function explains(c: Case, candidate: readonly number[], tolerance = c.tolerance): boolean {
  return allClose(c.actual, candidate, tolerance) && !allClose(candidate, c.expected, tolerance);
}

/** Entries clearly away from zero: the evidence a shape-only detector needs (at least 2 of them). */
export const significant = (values: readonly number[], { atol }: MatchTolerance): number => values.filter((v) => Math.abs(v) > 10 * atol).length;

/** A value broadcast over the trailing axes of `shape` (b of shape [H] over [N][H]), or undefined if it does not fit. */
export function broadcastTrailing(value: Nested | undefined, shape: readonly number[]): number[] | undefined {
  if (value === undefined) return undefined;
  const b = shapeAndValues(value);
  if (!b || b.shape.length > shape.length || b.values.length === 0) return undefined;
  if (!sameShape(b.shape, shape.slice(shape.length - b.shape.length))) return undefined;
  const size = shape.reduce((p, d) => p * d, 1);
  return Array.from({ length: size }, (_, i) => b.values[i % b.values.length]!);
}

/**
 * The mask (broadcast over the answer) and the raw scores a suite passed as context, when both fit the
 * answer's shape: what the masked-softmax detectors recompute the student's mistake from.
 */
export function maskAndScores(c: Case): { mask: number[]; scores: number[] } | undefined {
  const mask = broadcastTrailing(c.context.mask, c.shape);
  const scores = c.context.scores === undefined ? undefined : shapeAndValues(c.context.scores);
  if (!mask || !scores || !sameShape(scores.shape, c.shape) || c.shape.length === 0) return undefined;
  return { mask, scores: scores.values };
}

export const stridesOf = (shape: readonly number[]): number[] => {
  const strides = new Array<number>(shape.length).fill(1);
  for (let axis = shape.length - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1]! * shape[axis + 1]!;
  return strides;
};

/** The flat indices of every line along `axis`: one array of indices per position of the other axes. */
export function linesAlong(shape: readonly number[], axis: number): number[][] {
  const strides = stridesOf(shape);
  const size = shape.reduce((p, d) => p * d, 1);
  const lines: number[][] = [];
  for (let start = 0; start < size; start++) {
    if (Math.floor(start / strides[axis]!) % shape[axis]! !== 0) continue; // not the first entry of its line
    lines.push(Array.from({ length: shape[axis]! }, (_, k) => start + k * strides[axis]!));
  }
  return lines;
}

export function softmaxAlong(values: readonly number[], shape: readonly number[], axis: number): number[] {
  const out = new Array<number>(values.length);
  for (const line of linesAlong(shape, axis)) {
    const max = Math.max(...line.map((i) => values[i]!));
    const exps = line.map((i) => Math.exp(values[i]! - max));
    const sum = exps.reduce((s, v) => s + v, 0);
    line.forEach((i, k) => (out[i] = exps[k]! / sum));
  }
  return out;
}

export const lineSums = (values: readonly number[], shape: readonly number[], axis: number): number[] =>
  linesAlong(shape, axis).map((line) => line.reduce((s, i) => s + values[i]!, 0));

/** Values laid out with their axes permuted: result axis j is input axis `order[j]`. */
export function permuteAxes(values: readonly number[], shape: readonly number[], order: readonly number[]): { values: number[]; shape: number[] } {
  const outShape = order.map((a) => shape[a]!);
  const inStrides = stridesOf(shape);
  const outStrides = stridesOf(outShape);
  const out = new Array<number>(values.length);
  for (let o = 0; o < values.length; o++) {
    let i = 0;
    for (let j = 0; j < order.length; j++) i += (Math.floor(o / outStrides[j]!) % outShape[j]!) * inStrides[order[j]!]!;
    out[o] = values[i]!;
  }
  return { values: out, shape: outShape };
}

/** Every permutation of 0..n−1, identity first. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)])).sort((a, b) => a.join().localeCompare(b.join()));
}

export const shapeText = (shape: readonly number[]): string => shape.map((d) => `[${d}]`).join('');

/** Flat index → [i][j][k]. */
export const indexText = (flat: number, shape: readonly number[]): string => {
  const strides = stridesOf(shape);
  return shape.map((d, axis) => `[${Math.floor(flat / strides[axis]!) % d}]`).join('');
};

/** A factor as a student would recognize it: 0.25 (= 1/4), 2.83 (= √8), 0.913 (= √(5/6)); small fractions only. */
export function nameFactor(c: number): string {
  const text = Number(c.toPrecision(4)).toString();
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.abs(b);
  const fraction = (v: number): [number, number] | undefined => {
    for (let q = 1; q <= 64; q++) {
      const p = Math.round(v * q);
      if (p !== 0 && Math.abs(p) <= 256 && near(v, p / q)) return [p, q];
    }
    return undefined;
  };
  const plain = fraction(c);
  if (plain) return plain[1] === 1 ? text : `${text} (= ${plain[0]}/${plain[1]})`;
  const root = fraction(c * c);
  if (root) return `${text} (= ${c < 0 ? '−' : ''}√${root[1] === 1 ? root[0] : `(${root[0]}/${root[1]})`})`;
  return text;
}


/** Activations with their inverses, to reach the pre-activation an activation output came from. */
export const ACTIVATIONS = {
  tanh: { f: Math.tanh, inverse: Math.atanh },
  sigmoid: { f: (a: number) => 1 / (1 + Math.exp(-a)), inverse: (s: number) => Math.log(s / (1 - s)) },
  relu: { f: (a: number) => Math.max(0, a), inverse: undefined },
} as const;
