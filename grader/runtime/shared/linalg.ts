/**
 * Small, typed array helpers for the shapes this course uses: plain loops you could write yourself. Use
 * them, mathjs (installed; `import { multiply } from 'mathjs'`), or your own. They avoid mathjs on purpose:
 * importing it costs about a second, on every test run.
 */
import type { Matrix, NestedNumbers, Tensor3, Vector } from './types.ts';

/** "[3][4]", or what the value is when it is not a matrix: for messages that name both operands. */
function describeMatrix(m: unknown): string {
  if (!Array.isArray(m)) return m === undefined ? 'undefined' : `not an array (${typeof m})`;
  if (m.length === 0) return '[0][?] (no rows)';
  const widths = new Set(m.map((row) => (Array.isArray(row) ? row.length : -1)));
  if (widths.has(-1)) return `[${m.length}] of which some rows are not arrays`;
  return widths.size === 1 ? `[${m.length}][${[...widths][0]}]` : `[${m.length}][ragged: ${[...widths].join(', ')}]`;
}

/** The columns of every row of m, or an error that names `fn`, the operand and its shape. */
function columnsOf(fn: string, name: string, m: Matrix): number {
  const cols = Array.isArray(m) && Array.isArray(m[0]) ? m[0].length : -1;
  if (cols < 0 || !m.every((row) => Array.isArray(row) && row.length === cols)) throw new Error(`${fn}: ${name} should be a matrix; it is ${describeMatrix(m)}`);
  return cols;
}

/** a: [M][K] · b: [K][N] → [M][N] */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (Array.isArray(a) && a.length === 0) return [];
  const inner = columnsOf('matmul', 'a', a);
  columnsOf('matmul', 'b', b);
  if (inner !== b.length) {
    throw new Error(`matmul(a, b): a is ${describeMatrix(a)} and b is ${describeMatrix(b)}; a's columns (${inner}) must equal b's rows (${b.length})`);
  }
  const cols = b[0]?.length ?? 0;
  return a.map((row) => {
    const out = new Array<number>(cols).fill(0);
    row.forEach((v, k) => b[k]!.forEach((w, j) => (out[j]! += v * w)));
    return out;
  });
}

/** m: [M][N] → [N][M] */
export function transpose(m: Matrix): Matrix {
  return (m[0] ?? []).map((_, j) => m.map((row) => row[j]!));
}

/** Apply f to every entry. */
export function mapMatrix(m: Matrix, f: (v: number, row: number, col: number) => number): Matrix {
  return m.map((r, i) => r.map((v, j) => f(v, i, j)));
}

/** Entry-wise combination of two same-shaped matrices. */
export function zipMatrix(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  const same = columnsOf('an entry-wise operation', 'a', a) === columnsOf('an entry-wise operation', 'b', b) && a.length === b.length;
  if (!same) throw new Error(`entry-wise operation (add, hadamard, zipMatrix) on a ${describeMatrix(a)} and b ${describeMatrix(b)}: the shapes must be equal`);
  return a.map((r, i) => r.map((v, j) => f(v, b[i]![j]!)));
}

export function add(a: Matrix, b: Matrix): Matrix {
  return zipMatrix(a, b, (x, y) => x + y);
}

/** Entry-wise (Hadamard) product a ⊙ b. */
export function hadamard(a: Matrix, b: Matrix): Matrix {
  return zipMatrix(a, b, (x, y) => x * y);
}

/** m: [N][H] + row: [H], added to every row (the bias broadcast). */
export function addRow(m: Matrix, row: Vector): Matrix {
  const cols = columnsOf('addRow', 'm', m);
  if (!Array.isArray(row) || row.length !== cols) {
    throw new Error(`addRow(m, row): m is ${describeMatrix(m)} and row has ${Array.isArray(row) ? row.length : 'no'} entries; the row must have one entry per column (${cols})`);
  }
  return m.map((r) => r.map((v, j) => v + row[j]!));
}

/** Sum over rows: m: [N][H] → [H] (the gradient of a broadcast bias). */
export function sumRows(m: Matrix): Vector {
  const out = new Array<number>(m[0]?.length ?? 0).fill(0);
  for (const r of m) r.forEach((v, j) => (out[j]! += v));
  return out;
}

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** A matrix of zeros with the shape of `m`. */
export function zerosLike(m: Matrix): Matrix {
  return m.map((row) => row.map(() => 0));
}

/** Columns [from, to) of m. */
export function sliceCols(m: Matrix, from: number, to: number): Matrix {
  return m.map((r) => r.slice(from, to));
}

/** Place matrices side by side: [N][A], [N][B] → [N][A+B]. */
export function concatCols(...parts: Matrix[]): Matrix {
  return parts[0]!.map((_, i) => parts.flatMap((p) => p[i]!));
}

/** The logistic sigmoid 1 / (1 + e^(−v)), written to stay finite for large |v|. */
export function sigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** Time step t of a sequence batch: x: [N][T][D] → [N][D]. */
export function timeStep(x: Tensor3, t: number): Matrix {
  return x.map((seq) => seq[t]!);
}

/** Inverse of timeStep: T matrices [N][H] → [N][T][H]. */
export function stackTime(steps: Matrix[]): Tensor3 {
  const n = steps[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => steps.map((s) => s[i]!));
}

/** Apply f to every number of a nested array (or to a lone number), keeping its shape. */
export function mapNested<T extends NestedNumbers>(x: T, f: (v: number) => number): T {
  return (Array.isArray(x) ? x.map((inner) => mapNested(inner, f)) : f(x)) as T;
}

/** Every number of a nested array (or a lone number), in row-major order. */
export function flattenNested(x: NestedNumbers): number[] {
  return Array.isArray(x) ? x.flatMap(flattenNested) : [x];
}
