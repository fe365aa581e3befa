/**
 * The LSTM backward step without the path from h to c: c reaches the loss through h = o ⊙ tanh(c) as well
 * as through the next step, so the gradient into c gets dh ⊙ o ⊙ (1 − tanh²(c)) on top of dcNext. Without
 * it, dcPrev = f ⊙ dcNext alone: the expected dcPrev minus f ⊙ dh ⊙ o ⊙ (1 − tanh²(c)).
 */
import type { Detector } from '../diagnose.ts';
import { explains, sameShape, shapeAndValues, significant } from './flat.ts';

export const lstmCellPath: Detector = {
  name: 'LSTM backward without the h → c path',
  sameShape: true,
  detect(c) {
    const path = c.context.lstmCellPath;
    if (!path) return undefined;
    const [dh, f, o, cell] = [path.dh, path.f, path.o, path.c].map(shapeAndValues);
    if (!dh || !f || !o || !cell || ![dh, f, o, cell].every((a) => sameShape(a.shape, c.shape))) return undefined;
    const missing = c.expected.map((_, i) => f.values[i]! * dh.values[i]! * o.values[i]! * (1 - Math.tanh(cell.values[i]!) ** 2));
    if (significant(missing, c.tolerance) === 0) return undefined;
    if (!explains(c, c.expected.map((e, i) => e - missing[i]!))) return undefined;
    return 'Looks like the backward step misses the path from h to c: your dcPrev is what flows back from dcNext alone. c also reaches the loss through h = o ⊙ tanh(c), so dh adds to the gradient of c before it flows back through f.';
  },
};
