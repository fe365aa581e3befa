/**
 * Checks the 11-positional-encoding reference on its own: hand values, the encoding's properties, agreement
 * with the float64 solution, and that no call leaks tensors.
 */
import { beforeAll, expect, test } from 'vitest';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/11-positional-encoding/positional-encoding.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../11-positional-encoding.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(1111);

test('hand values: T = 3, D = 4 (frequencies 1 and 1/100)', () => {
  const pe = noLeaks(() => ref.sinusoidalEncoding(3, 4));
  const hand = [0, 1, 2].map((p) => [Math.sin(p), Math.cos(p), Math.sin(p / 100), Math.cos(p / 100)]);
  expectClose('PE', pe, hand, { atol: 1e-6, rtol: 0 });
});

test('odd D: the last column is a sin with frequency 10000^−(D−1)/D', () => {
  const pe = noLeaks(() => ref.sinusoidalEncoding(4, 5));
  expectClose('last column', pe.map((r) => r[4]!), [0, 1, 2, 3].map((p) => Math.sin(p / 10000 ** (4 / 5))), { atol: 1e-6, rtol: 0 });
  expectClose('D = 1', noLeaks(() => ref.sinusoidalEncoding(3, 1)), [[0], [Math.sin(1)], [Math.sin(2)]], { atol: 1e-6, rtol: 0 });
});

test('properties: row 0 = [0, 1, 0, 1, …], values in [−1, 1], sin² + cos² = 1 per column pair', () => {
  const [T, D] = [40, 12];
  const pe = ref.sinusoidalEncoding(T, D);
  expect(pe[0]).toEqual(Array.from({ length: D }, (_, j) => j % 2));
  expect(pe.flat().every((v) => v >= -1 && v <= 1)).toBe(true);
  const sums = pe.map((row) => Array.from({ length: D / 2 }, (_, i) => row[2 * i]! ** 2 + row[2 * i + 1]! ** 2));
  expectClose('sin² + cos²', sums, sums.map((r) => r.map(() => 1)), { atol: 1e-5, rtol: 0 });
});

test('the reference equals the float64 solution', () => {
  for (const [T, D] of [
    [1, 1],
    [7, 2],
    [20, 9],
    [50, 16],
  ] as const) {
    expectClose(`PE(${T}, ${D})`, ref.sinusoidalEncoding(T, D), float64.sinusoidalEncoding(T, D));
  }
  const x = random.tensor3(2, 6, 7);
  expectClose('x + PE', ref.addPositionalEncoding(x), float64.addPositionalEncoding(x));
});

test('invalid sizes throw a RangeError', () => {
  for (const [T, D] of [
    [0, 3],
    [3, 0],
    [2.5, 3],
    [-1, 2],
  ] as const) {
    expect(() => ref.sinusoidalEncoding(T, D)).toThrow(RangeError);
  }
});

test('no call leaves a tensor behind', () => {
  noLeaks(() => ref.sinusoidalEncoding(5, 6));
  noLeaks(() => ref.addPositionalEncoding(random.tensor3(2, 3, 4)));
});
