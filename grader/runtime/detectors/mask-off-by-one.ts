/**
 * The valid length used one key off: `j <= len` instead of `j < len` (one key too many) or `len − 1` keys.
 * Only for masks made of valid lengths (each row's allowed keys are a prefix); the answer must match the
 * masked softmax of the scores with every row's length one larger (or one smaller).
 */
import type { Detector } from '../diagnose.ts';
import { explains, linesAlong, maskAndScores, sameShape } from './flat.ts';
import { maskedSoftmax } from './masked-softmax.ts';

export const maskOffByOne: Detector = {
  name: 'mask one key off',
  sameShape: true,
  detect(c) {
    const found = maskAndScores(c);
    if (!found) return undefined;
    const { mask, scores } = found;
    const K = c.shape[c.shape.length - 1]!;
    const rows = linesAlong(c.shape, c.shape.length - 1);
    const lengths = rows.map((row) => row.filter((i) => mask[i] !== 0).length);
    const isPrefix = rows.every((row, r) => row.every((i, j) => (mask[i] !== 0) === j < lengths[r]!));
    if (!isPrefix) return undefined;
    const lengthOf = new Map(rows.flatMap((row, r) => row.map((i, j) => [i, { j, len: lengths[r]! }] as const)));
    for (const shift of [1, -1]) {
      if (lengths.every((len) => len + shift < 1 || len + shift > K || len === 0)) continue;
      const keep = (i: number) => {
        const { j, len } = lengthOf.get(i)!;
        return j < Math.min(K, Math.max(1, len + shift));
      };
      const candidate = maskedSoftmax(scores, c.shape, keep);
      if (!candidate || !explains(c, candidate)) continue;
      return shift > 0
        ? 'Looks like the mask allows one key too many: your weights are those of valid lengths one larger (j ≤ len instead of j < len). With validLen = 2, keys 0 and 1 are allowed, not key 2.'
        : 'Looks like the mask allows one key too few: your weights are those of valid lengths one smaller. With validLen = 2, keys 0 and 1 are both allowed (j < len).';
    }
    return undefined;
  },
};
