/**
 * The seed of the hidden suites' random inputs. Fixed for a run (SEQLAB_SEED overrides it, for the
 * many-seeds check), and different per exercise so two exercises never share inputs.
 */
import { COURSE } from '../runtime/manifest.ts';
import { makeRandom, type Random } from '../runtime/random.ts';

const DEFAULT_SEED = 20261124;

export function hiddenRandom(exerciseId: string): Random {
  const base = Number(process.env.SEQLAB_SEED ?? DEFAULT_SEED);
  if (!Number.isSafeInteger(base)) throw new Error(`SEQLAB_SEED must be an integer, got '${process.env.SEQLAB_SEED}'`);
  return makeRandom(base * 31 + COURSE.findIndex((e) => e.id === exerciseId));
}
