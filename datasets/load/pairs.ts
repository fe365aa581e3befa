/** Sequence-to-sequence pairs stored as `source<TAB>target` rows under a `source\ttarget` header. */
import { join } from 'node:path';
import { DATASETS_DIR, expectFormat, readDataFile, REGENERATE, tsvRows } from './read.ts';

export interface Pair {
  source: string;
  target: string;
}

export const TRANSLATION_FILE = 'translation/pairs.tsv';
export const CALCULATOR_FILE = 'calculator/pairs.tsv';

/** Reads a pairs file; `check(pair)` returns what is wrong with a row, or undefined. Sources are distinct. */
function loadPairs(dir: string, file: string, check: (pair: Pair) => string | undefined): Pair[] {
  const path = join(dir, file);
  const seen = new Set<string>();
  return tsvRows(path, readDataFile(dir, file, REGENERATE), ['source', 'target']).map(([source, target], i) => {
    const pair = { source: source!, target: target! };
    const problem = check(pair);
    expectFormat(problem === undefined, path, i + 2, problem!);
    expectFormat(!seen.has(pair.source), path, i + 2, `the source '${pair.source}' appears twice`);
    seen.add(pair.source);
    return pair;
  });
}

/** French words: lower-case letters (with French accents), apostrophes, single spaces between words. */
const FRENCH = /^[a-zàâçéèêëîïôûùüÿœ']+( [a-zàâçéèêëîïôûùüÿœ']+)*$/;
const ENGLISH = /^[a-z']+( [a-z']+)*$/;

/** Toy French → English pairs from a small phrase grammar ("je suis malade" → "i am sick"). */
export function loadTranslationPairs(dir: string = DATASETS_DIR): Pair[] {
  return loadPairs(dir, TRANSLATION_FILE, ({ source, target }) => {
    if (!FRENCH.test(source)) return `the source must be lower-case French words, got '${source}'`;
    if (!ENGLISH.test(target)) return `the target must be lower-case English words, got '${target}'`;
    return undefined;
  });
}

/** The calculator task: "a+b" or "a-b" with a, b in 0..99 → the decimal result ("12+7" → "19"). */
export function loadCalculatorPairs(dir: string = DATASETS_DIR): Pair[] {
  return loadPairs(dir, CALCULATOR_FILE, ({ source, target }) => {
    const match = /^(\d{1,2})([+-])(\d{1,2})$/.exec(source);
    if (!match) return `the source must be 'a+b' or 'a-b' with a, b in 0..99, got '${source}'`;
    const [a, b] = [Number(match[1]), Number(match[3])];
    const result = match[2] === '+' ? a + b : a - b;
    if (target !== String(result)) return `${source} is ${result}, not '${target}'`;
    return undefined;
  });
}
