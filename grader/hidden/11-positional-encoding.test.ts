import { describe } from 'vitest';
import type * as Exercise from '../../exercises/11-positional-encoding/positional-encoding.ts';
import * as ref from '../../reference/11-positional-encoding.ts';
import { ComparisonError, expectClose } from '../runtime/compare.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('11-positional-encoding');
const random = hiddenRandom('11-positional-encoding');

/** A size in [lo, hi]. */
const size = (lo: number, hi: number): number => lo + random.int(hi - lo + 1);

async function expectEncoding(T: number, D: number): Promise<void> {
  expectClose(`sinusoidalEncoding(${T}, ${D})`, await student.sinusoidalEncoding(T, D), ref.sinusoidalEncoding(T, D));
}

describe('sinusoidalEncoding (hidden)', () => {
  graded('random sizes (even D) match the reference', 2, async () => {
    await expectEncoding(size(5, 30), 2 * size(2, 12));
  });
  graded('random odd D matches the reference (the last column is a sin)', 1, async () => {
    await expectEncoding(size(3, 20), 2 * size(1, 10) + 1);
  });
  graded('edge sizes: T = 1, D = 1, D = 2', 1, async () => {
    await expectEncoding(1, 8);
    await expectEncoding(6, 1);
    await expectEncoding(7, 2);
  });
  graded('row 0 is [0, 1, 0, 1, …], every value lies in [−1, 1]', 1, async () => {
    const [T, D] = [size(10, 40), 2 * size(3, 10) + 1];
    const pe = await student.sinusoidalEncoding(T, D);
    expectClose('row 0 (position 0)', pe[0], Array.from({ length: D }, (_, j) => (j % 2 === 0 ? 0 : 1)), { atol: 1e-12, rtol: 0 });
    const outside = pe.flat().find((v) => !(v >= -1 && v <= 1));
    if (outside !== undefined) throw new ComparisonError(`sinusoidalEncoding(${T}, ${D}) holds ${outside}, outside [−1, 1]`);
  });
  graded('each column pair (2i, 2i + 1) satisfies sin² + cos² = 1', 1, async () => {
    const [T, D] = [size(5, 20), 2 * size(2, 8)];
    const pe = await student.sinusoidalEncoding(T, D);
    const sums = pe.map((row) => Array.from({ length: D / 2 }, (_, i) => row[2 * i]! ** 2 + row[2 * i + 1]! ** 2));
    expectClose('PE[pos][2i]² + PE[pos][2i+1]²', sums, sums.map((r) => r.map(() => 1)), { atol: 1e-9, rtol: 0 });
  });
  graded('rejects sizes that are not positive integers with a RangeError', 1, async () => {
    for (const [T, D] of [
      [0, 4],
      [4, 0],
      [-2, 4],
      [3, 2.5],
      [Number.NaN, 4],
    ] as const) {
      await expectRangeError(`sinusoidalEncoding(${T}, ${D})`, student.sinusoidalEncoding(T, D));
    }
  });
});

describe('addPositionalEncoding (hidden)', () => {
  graded('random batch matches the reference', 2, async () => {
    const x = random.tensor3(size(2, 4), size(3, 9), 2 * size(2, 6));
    expectClose('addPositionalEncoding(x)', await student.addPositionalEncoding(x), ref.addPositionalEncoding(x));
  });
  graded('a single sequence (N = 1) of one step (T = 1) and odd D', 1, async () => {
    const x = random.tensor3(1, 1, 2 * size(1, 5) + 1);
    expectClose('addPositionalEncoding(x)', await student.addPositionalEncoding(x), ref.addPositionalEncoding(x));
  });
  graded('every sequence of the batch gets the same encoding: x = 0 gives PE in each', 1, async () => {
    const [N, T, D] = [3, size(2, 8), size(2, 9)];
    const zeros = Array.from({ length: N }, () => Array.from({ length: T }, () => new Array<number>(D).fill(0)));
    const pe = ref.sinusoidalEncoding(T, D);
    expectClose('addPositionalEncoding(zeros)', await student.addPositionalEncoding(zeros), [pe, pe, pe]);
  });
});
