/**
 * calculator/pairs.tsv: every addition a+b and every subtraction a-b with a ≥ b (so no negative results) of
 * numbers 0..99, as "12+7" → "19", in a seeded random order (a prefix is a fair sample; demos pick their own splits).
 */
import { makeRandom } from '../../grader/runtime/random.ts';
import { shuffled, tsv, type DatasetFiles } from './files.ts';

export const CALCULATOR_SEED = 7;
export const CALCULATOR_MAX = 99;

export function buildCalculatorPairs(): DatasetFiles {
  const pairs: [string, string][] = [];
  for (let a = 0; a <= CALCULATOR_MAX; a++) {
    for (let b = 0; b <= CALCULATOR_MAX; b++) {
      pairs.push([`${a}+${b}`, String(a + b)]);
      if (a >= b) pairs.push([`${a}-${b}`, String(a - b)]);
    }
  }
  return { 'calculator/pairs.tsv': tsv(['source', 'target'], shuffled(pairs, makeRandom(CALCULATOR_SEED).int)) };
}
