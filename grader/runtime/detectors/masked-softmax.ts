/**
 * What a masked softmax a student computed would be, for the mask detectors: the softmax along the last
 * axis over the positions `keep` allows, exactly 0 elsewhere (rows with nothing allowed: undefined).
 */
import { linesAlong } from './flat.ts';

export function maskedSoftmax(scores: readonly number[], shape: readonly number[], keep: (i: number) => boolean): number[] | undefined {
  const out = new Array<number>(scores.length).fill(0);
  for (const row of linesAlong(shape, shape.length - 1)) {
    const allowed = row.filter(keep);
    if (allowed.length === 0) return undefined;
    const max = Math.max(...allowed.map((i) => scores[i]!));
    const exps = allowed.map((i) => Math.exp(scores[i]! - max));
    const sum = exps.reduce((s, e) => s + e, 0);
    allowed.forEach((i, k) => (out[i] = exps[k]! / sum));
  }
  return out;
}
