/**
 * Reference for 06-deep-rnn: stacked vanilla RNN layers, and a bidirectional RNN layer whose backward
 * direction reads the sequence reversed (its outputs reversed back, so that step t merges both directions).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix, RnnLayerParams, Tensor3 } from '../grader/runtime/shared/types.ts';
import type { MergeMode } from '../exercises/06-deep-rnn/deep-rnn.ts';
import { read, weightTensors } from './convert.ts';
import { rnnSteps } from './01-rnn-forward.ts';

export const MERGE_MODES: readonly MergeMode[] = ['concat', 'sum', 'mul', 'ave'];

/** One vanilla RNN layer over the whole sequence x [N][T][D] from h0 [N][H] → [N][T][H]. */
function layerSteps(x: tf.Tensor3D, h0: tf.Tensor2D, { Wx, Wh, b }: RnnLayerParams): tf.Tensor3D {
  return rnnSteps(x, h0, ...weightTensors(Wx, Wh, b));
}

export function stackedRnnForward(x: Tensor3, layers: RnnLayerParams[], h0s: Matrix[]): { h: Tensor3; hLast: Matrix[] } {
  const T = x[0]!.length;
  const out = read((): Record<string, tf.Tensor> => {
    let input = tf.tensor3d(x);
    const finals: Record<string, tf.Tensor2D> = {};
    layers.forEach((layer, l) => {
      input = layerSteps(input, tf.tensor2d(h0s[l]!), layer);
      finals[`hLast${l}`] = tf.squeeze<tf.Tensor2D>(tf.slice(input, [0, T - 1, 0], [-1, 1, -1]), [1]);
    });
    return { h: input, ...finals };
  });
  return { h: out['h'] as Tensor3, hLast: layers.map((_, l) => out[`hLast${l}`] as Matrix) };
}

export function bidirectionalRnnForward(x: Tensor3, fwd: RnnLayerParams, bwd: RnnLayerParams, merge: MergeMode): Tensor3 {
  if (!MERGE_MODES.includes(merge)) throw new RangeError(`unknown merge mode '${String(merge)}': use ${MERGE_MODES.join(', ')}`);
  return read(() => {
    const xs = tf.tensor3d(x);
    const zeros = (H: number) => tf.zeros([x.length, H]) as tf.Tensor2D;
    const forward = layerSteps(xs, zeros(fwd.Wh.length), fwd);
    const backward = tf.reverse(layerSteps(tf.reverse(xs, 1), zeros(bwd.Wh.length), bwd), 1);
    const merged = {
      concat: () => tf.concat([forward, backward], 2),
      sum: () => tf.add(forward, backward),
      mul: () => tf.mul(forward, backward),
      ave: () => tf.mul(tf.add(forward, backward), 0.5),
    }[merge]();
    return { h: merged as tf.Tensor3D };
  }).h;
}
