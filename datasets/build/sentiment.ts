/**
 * sentiment/sentences.tsv: sentences from templates with negation, where the label depends on word order only.
 * Each template holds one positive and one negative adjective; the one after "not" is negated, the other one
 * is the sentence's sentiment. Swapping the two adjectives gives the partner sentence: the same bag of words,
 * the opposite label ("the food was good, not bad at all" → 1, "the food was bad, not good at all" → 0).
 * Every subject × adjective pair × template × order, in a seeded random order.
 */
import { makeRandom } from '../../grader/runtime/random.ts';
import { shuffled, tsv, type DatasetFiles } from './files.ts';

export const SENTIMENT_SEED = 5;

const SUBJECTS = ['food', 'service', 'movie', 'hotel', 'music', 'staff', 'coffee', 'book'];

/** [positive, negative] adjectives. */
const ADJECTIVE_PAIRS: [string, string][] = [['good', 'bad'], ['great', 'awful'], ['nice', 'terrible'], ['excellent', 'poor'], ['pleasant', 'horrible']];

/** Templates over a subject and two adjectives; `sentiment` says which adjective carries the label (the other follows "not"). */
const TEMPLATES: { text: (s: string, a: string, b: string) => string; sentiment: 'a' | 'b' }[] = [
  { text: (s, a, b) => `the ${s} was ${a}, not ${b} at all`, sentiment: 'a' },
  { text: (s, a, b) => `the ${s} was ${a} and not ${b}`, sentiment: 'a' },
  { text: (s, a, b) => `the ${s} was not ${a}, it was ${b}`, sentiment: 'b' },
  { text: (s, a, b) => `the ${s} was not ${a} but ${b}`, sentiment: 'b' },
  { text: (s, a, b) => `not ${a} at all, the ${s} was really ${b}`, sentiment: 'b' },
];

export function buildSentiment(): DatasetFiles {
  const rows: [number, string][] = [];
  for (const subject of SUBJECTS) {
    for (const [positive, negative] of ADJECTIVE_PAIRS) {
      for (const template of TEMPLATES) {
        for (const [a, b] of [[positive, negative], [negative, positive]] as const) {
          const carrier = template.sentiment === 'a' ? a : b;
          rows.push([carrier === positive ? 1 : 0, template.text(subject, a, b)]);
        }
      }
    }
  }
  return { 'sentiment/sentences.tsv': tsv(['label', 'text'], shuffled(rows, makeRandom(SENTIMENT_SEED).int)) };
}
