/**
 * The masked scores got a finite penalty (−8, −30, …) instead of being left out: the masked keys keep
 * exp(penalty) of weight. The penalty is read off one masked and one allowed entry of a row, then the whole
 * answer must match the softmax of the scores with that penalty added where the mask is 0.
 */
import type { Detector } from '../diagnose.ts';
import { explains, indexText, linesAlong, maskAndScores, sameShape, softmaxAlong } from './flat.ts';

export const finiteMaskPenalty: Detector = {
  name: 'finite penalty on the masked scores',
  sameShape: true,
  detect(c) {
    const found = maskAndScores(c);
    if (!found) return undefined;
    const { mask, scores } = found;
    const last = c.shape.length - 1;
    let penalty: number | undefined;
    for (const row of linesAlong(c.shape, last)) {
      const kept = row.find((i) => mask[i] !== 0 && c.actual[i]! > 0);
      const masked = row.find((i) => mask[i] === 0 && c.actual[i]! > 0);
      if (kept === undefined || masked === undefined) continue;
      penalty = Math.log(c.actual[masked]! / c.actual[kept]!) - (scores[masked]! - scores[kept]!);
      break;
    }
    // A penalty near 0 is a mask not applied at all: the attention-mask detector words that one.
    if (penalty === undefined || !Number.isFinite(penalty) || penalty > -1) return undefined;
    const p = penalty;
    if (!explains(c, softmaxAlong(scores.map((s, i) => (mask[i] === 0 ? s + p : s)), c.shape, last))) return undefined;
    const leak = c.actual.findIndex((v, i) => mask[i] === 0 && v > 0);
    return (
      `Looks like the masked scores get a finite penalty (about ${Math.round(p)}) instead of being left out: masked keys keep a little ` +
      `weight (yours${indexText(leak, c.shape)} = ${c.actual[leak]!.toPrecision(3)}). Masked weights must be exactly 0: take the softmax over the allowed keys only, or use −Infinity.`
    );
  },
};
