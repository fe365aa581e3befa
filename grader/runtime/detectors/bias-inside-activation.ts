/**
 * The bias left out of an activation's argument: h = tanh(x·Wx + hPrev·Wh) instead of tanh(… + b), or an
 * LSTM gate σ(a) without its slice of b. The pre-activation is recovered from the expected value through
 * the activation's inverse; the answer must equal the activation of it minus the bias.
 */
import type { Detector } from '../diagnose.ts';
import { ACTIVATIONS, broadcastTrailing, explains, significant } from './flat.ts';

export const biasInsideActivation: Detector = {
  name: 'bias missing inside the activation',
  sameShape: true,
  detect(c) {
    const name = c.context.activation;
    const b = broadcastTrailing(c.context.bias, c.shape);
    const inverse = name && ACTIVATIONS[name].inverse;
    if (!name || !inverse || !b || significant(b, c.tolerance) === 0) return undefined;
    const { f } = ACTIVATIONS[name];
    const pre = c.expected.map(inverse);
    if (!pre.every(Number.isFinite)) return undefined;
    if (explains(c, pre.map((a, i) => f(a - b[i]!)))) {
      return `Looks like the bias is missing: your values equal ${name}(pre-activation − b), the ${name} of everything but the bias. Add b before the ${name}.`;
    }
    return undefined;
  },
};
