import { expect, test } from 'vitest';
import { loadSentiment } from '../index.ts';

/** The sentence's bag of words, as a canonical key: its words sorted (punctuation dropped). */
const bagOf = (text: string): string => text.split(/[^a-z]+/).filter(Boolean).sort().join(' ');

test('every sentence has exactly one partner with the identical bag of words and the opposite label', () => {
  const byBag = new Map<string, { text: string; label: 0 | 1 }[]>();
  for (const sentence of loadSentiment()) byBag.set(bagOf(sentence.text), [...(byBag.get(bagOf(sentence.text)) ?? []), sentence]);
  expect(byBag.size).toBe(200);
  for (const [bag, sentences] of byBag) {
    expect(sentences, bag).toHaveLength(2);
    const [a, b] = sentences;
    expect(a!.text).not.toBe(b!.text);
    expect(a!.label + b!.label, `${a!.text} / ${b!.text}`).toBe(1);
  }
});

test('the label is the polarity of the adjective that does not follow "not"', () => {
  const positive = new Set(['good', 'great', 'nice', 'excellent', 'pleasant']);
  const negative = new Set(['bad', 'awful', 'terrible', 'poor', 'horrible']);
  for (const { text, label } of loadSentiment()) {
    const words = text.split(/[^a-z]+/).filter(Boolean);
    const carriers = words.filter((w, i) => (positive.has(w) || negative.has(w)) && words[i - 1] !== 'not');
    expect(carriers, text).toHaveLength(1);
    expect(positive.has(carriers[0]!) ? 1 : 0, text).toBe(label);
  }
});
