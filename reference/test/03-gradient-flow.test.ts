/**
 * The gradient-flow reference against independent float64 computations: its autodiff Jacobian norms vs
 * central differences of h_T with respect to h_k (through the float64 forward of solutions/01), its cell-path
 * gains vs products written out by hand.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import { rnnForward } from '../../solutions/01-rnn-forward/rnn-forward.ts';
import type { Matrix, Tensor3, Vector } from '../../grader/runtime/shared/types.ts';
import { initBackend } from '../backend.ts';
import { lstmCellPathGains, rnnJacobianNorms } from '../03-gradient-flow.ts';
import { centralDifference } from './central-difference.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

/** ‖∂h_T/∂h_k‖_F for k = 0..T by central differences, one output unit (one Jacobian row) at a time. */
function numericJacobianNorms(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): number[] {
  const T = x[0]!.length;
  const states = [h0[0]!, ...rnnForward(x, h0, Wx, Wh, b).h[0]!];
  /** h_T as a function of h_k: the float64 forward over steps k+1..T. */
  const finalFrom = (k: number) => (h: Vector): Vector => (k === T ? h : rnnForward([x[0]!.slice(k)], [h], Wx, Wh, b).h[0]!.at(-1)!);
  return states.map((hk, k) => {
    const rows = hk.map((_, i) => centralDifference((h: Vector) => finalFrom(k)(h)[i]!, hk));
    return Math.hypot(...rows.flat());
  });
}

describe('reference rnnJacobianNorms', () => {
  const random = makeRandom(303);
  const cases = {
    'small Wh (vanishing)': { T: 5, D: 2, H: 3, scale: 0.4 },
    'large Wh (exploding until tanh saturates)': { T: 4, D: 2, H: 3, scale: 1.5 },
    'a single step': { T: 1, D: 3, H: 2, scale: 1 },
  };
  test.each(Object.entries(cases))('matches float64 central differences: %s', (_, { T, D, H, scale }) => {
    const args: Parameters<typeof rnnJacobianNorms> = [[random.matrix(T, D)], [random.vector(H)], random.matrix(D, H, 0.5), random.matrix(H, H, scale), random.vector(H, 0.2)];
    const norms = noLeaks(() => rnnJacobianNorms(...args));
    expect(norms).toHaveLength(T + 1);
    expect(norms[T]).toBeCloseTo(Math.sqrt(H), 6); // ∂h_T/∂h_T = I
    expectClose('rnnJacobianNorms', norms, numericJacobianNorms(...args), { atol: 1e-6, rtol: 1e-4 });
  });
});

describe('reference lstmCellPathGains', () => {
  test('multiplies the gates after step k: ‖(f_{k+1} ⊙ … ⊙ f_T)‖', () => {
    const gates = [
      [0.5, 1],
      [0.9, 0.2],
      [0.1, 0.7],
    ];
    const expected = [Math.hypot(0.5 * 0.9 * 0.1, 0.2 * 0.7), Math.hypot(0.9 * 0.1, 0.2 * 0.7), Math.hypot(0.1, 0.7), Math.SQRT2];
    expectClose('lstmCellPathGains', noLeaks(() => lstmCellPathGains(gates)), expected);
  });

  test('rejects gate values outside [0, 1]', () => {
    expect(() => lstmCellPathGains([[0.5, 1.5]])).toThrow(RangeError);
    expect(() => lstmCellPathGains([[-0.1, 0.5]])).toThrow(RangeError);
  });
});
