/**
 * The order-sensitive sentiment set: template sentences with negation ("the food was good, not bad at all" → 1,
 * "the food was bad, not good at all" → 0). Every sentence has a partner with the same bag of words and the
 * opposite label, so no bag-of-words model can beat chance on it; a model that reads the order can.
 */
import { join } from 'node:path';
import { DATASETS_DIR, expectFormat, readDataFile, REGENERATE, tsvRows } from './read.ts';

export const SENTIMENT_FILE = 'sentiment/sentences.tsv';

export interface LabelledSentence {
  text: string;
  /** 1 positive, 0 negative. */
  label: 0 | 1;
}

/** Lower-case words and commas, single spaces between words: what the templates produce. */
const SENTENCE = /^[a-z]+,?( [a-z]+,?)*$/;

export function loadSentiment(dir: string = DATASETS_DIR): LabelledSentence[] {
  const path = join(dir, SENTIMENT_FILE);
  const seen = new Set<string>();
  return tsvRows(path, readDataFile(dir, SENTIMENT_FILE, REGENERATE), ['label', 'text']).map(([label, text], i) => {
    expectFormat(label === '0' || label === '1', path, i + 2, `the label must be 0 or 1, got '${label}'`);
    expectFormat(SENTENCE.test(text!), path, i + 2, `a sentence is lower-case words and commas, got '${text}'`);
    expectFormat(!seen.has(text!), path, i + 2, `the sentence '${text}' appears twice`);
    seen.add(text!);
    return { text: text!, label: Number(label) as 0 | 1 };
  });
}
