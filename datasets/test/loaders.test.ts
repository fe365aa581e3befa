import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadBouncingBall, loadCalculatorPairs, loadNames, loadOptdigits, loadSentiment, loadSpamSubjects, loadSpokenDigits, loadTranslationPairs, SPOKEN_DIGIT_WORDS, SPOKEN_DIGITS_BANDS } from '../index.ts';
import { committedChecksums, DATASETS_DIR, sha256 } from '../load/read.ts';
import { SPOKEN_DIGITS_FILE } from '../load/spoken-digits.ts';

const counts = <T>(items: readonly T[]): Map<T, number> => items.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());

describe('every loader reads its committed file', () => {
  test('optdigits: 1797 8×8 images with integer pixels 0..16 and the documented class counts', () => {
    const { images, labels } = loadOptdigits();
    expect(images).toHaveLength(1797);
    expect(labels).toHaveLength(1797);
    expect(images.every((image) => image.length === 64 && image.every((v) => Number.isInteger(v) && v >= 0 && v <= 16))).toBe(true);
    expect([...counts(labels).entries()].sort(([a], [b]) => a - b).map(([, n]) => n)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(Math.max(...images.flat())).toBe(16);
  });

  test('names: thousands of sorted, distinct lower-case a–z names', () => {
    const names = loadNames();
    expect(names).toHaveLength(8403);
    expect(names.every((name) => /^[a-z]+$/.test(name))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('mary');
    expect(names).toContain('john');
  });

  test('translation: a few hundred French → English pairs, distinct sources, the lecture\'s examples', () => {
    const pairs = loadTranslationPairs();
    expect(pairs.length).toBeGreaterThan(300);
    expect(new Set(pairs.map((p) => p.source)).size).toBe(pairs.length);
    expect(pairs).toContainEqual({ source: 'je suis malade', target: 'i am sick' });
    expect(pairs).toContainEqual({ source: 'assez', target: 'enough' });
    expect(pairs).toContainEqual({ source: "il n'est pas fatigué", target: 'he is not tired' });
  });

  test('calculator: every a+b and every a-b ≥ 0 of 0..99, with the right result', () => {
    const pairs = loadCalculatorPairs();
    expect(pairs).toHaveLength(100 * 100 + (100 * 101) / 2);
    expect(pairs).toContainEqual({ source: '12+7', target: '19' });
    for (const { source, target } of pairs) {
      const [a, op, b] = /^(\d+)([+-])(\d+)$/.exec(source)!.slice(1);
      expect(Number(target), source).toBe(op === '+' ? Number(a) + Number(b) : Number(a) - Number(b));
    }
  });

  test('bouncing ball: 40 sequences of 20 frames of 12×12 pixels in [0, 1]; the brightest pixel holds the ball\'s centre; moves are short', () => {
    const { size, frames, positions } = loadBouncingBall();
    expect(size).toBe(12);
    expect(frames).toHaveLength(40);
    expect(positions).toHaveLength(40);
    for (let s = 0; s < frames.length; s++) {
      expect(frames[s]).toHaveLength(20);
      expect(positions[s]).toHaveLength(20);
      for (let t = 0; t < 20; t++) {
        const frame = frames[s]![t]!;
        const [x, y] = positions[s]![t]!;
        expect(frame).toHaveLength(size * size);
        expect(frame.every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(Math.max(...frame)).toBe(1);
        // The pixel under the centre is fully covered by a ball of radius 1.5.
        expect(frame[Math.floor(y!) * size + Math.floor(x!)]).toBe(1);
        if (t > 0) {
          const [px, py] = positions[s]![t - 1]!;
          expect(Math.hypot(x! - px!, y! - py!)).toBeLessThanOrEqual(1.2 + 1e-3);
        }
      }
    }
  });

  test('sentiment: 400 sentences, half positive, distinct', () => {
    const sentences = loadSentiment();
    expect(sentences).toHaveLength(400);
    expect(counts(sentences.map((s) => s.label))).toEqual(new Map([[0, 200], [1, 200]].map(([k, v]) => [k, v] as [0 | 1, number])));
    expect(sentences).toContainEqual({ text: 'the food was good, not bad at all', label: 1 });
    expect(sentences).toContainEqual({ text: 'the food was bad, not good at all', label: 0 });
  });

  test('spam subjects: 200 spam and 200 ham, one non-empty trimmed line each', () => {
    const subjects = loadSpamSubjects();
    expect(counts(subjects.map((s) => s.label))).toEqual(new Map([['spam', 200], ['ham', 200]]));
    expect(subjects.every(({ text }) => text.length > 0 && text === text.trim() && !/[\t\n\r]/.test(text))).toBe(true);
  });

  test('spoken digits (no espeak-ng needed): the shipped copy has the committed sha256; 36 utterances of each name, 24 bands in dB', () => {
    expect(sha256(readFileSync(join(DATASETS_DIR, SPOKEN_DIGITS_FILE)))).toBe(committedChecksums()[SPOKEN_DIGITS_FILE]);
    const utterances = loadSpokenDigits();
    expect(utterances).toHaveLength(360);
    expect(counts(utterances.map((u) => u.word))).toEqual(new Map(SPOKEN_DIGIT_WORDS.map((w) => [w, 36])));
    expect(new Set(utterances.map((u) => `${u.word} ${u.voice} ${u.speed} ${u.pitch}`)).size).toBe(360);
    for (const u of utterances) {
      expect(SPOKEN_DIGIT_WORDS[u.digit]).toBe(u.word);
      expect(u.frames.length).toBeGreaterThanOrEqual(10);
      expect(u.frames.length).toBeLessThanOrEqual(100);
      expect(u.frames.every((f) => f.length === SPOKEN_DIGITS_BANDS && f.every((v) => v >= -80 && v <= 47.5))).toBe(true);
      // speech, not silence: some band of some frame is loud
      expect(Math.max(...u.frames.flat())).toBeGreaterThan(0);
    }
  });
});
