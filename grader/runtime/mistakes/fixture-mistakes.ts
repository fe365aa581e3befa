/**
 * Every mistake a public fixture may carry a known wrong answer for (`"mistakes": { "<mistake id>": value }` in
 * exercises/<id>/fixtures.json, written by reference/fixtures/<id>.ts), assembled from each exercise's own
 * FIXTURE_MISTAKES: a fixture names its mistakes by id alone, and expectFixture (grader/runtime/check.ts)
 * turns each into an alternative. An exercise whose fixtures carry one adds its map to the list below.
 */
import { FIXTURE_MISTAKES as bptt } from './02-bptt.ts';
import { FIXTURE_MISTAKES as lstm } from './04-lstm.ts';
import { FIXTURE_MISTAKES as charLm } from './07-char-lm.ts';
import { FIXTURE_MISTAKES as selfAttention } from './10-self-attention.ts';
import { FIXTURE_MISTAKES as transformerBlock } from './13-transformer-block.ts';
import { FIXTURE_MISTAKES as wordEmbeddings } from './17-word-embeddings.ts';

/** The maps merged; a mistake id two exercises both define is refused, since one sentence would silently replace the other. */
function merged(maps: readonly Readonly<Record<string, string>>[]): Readonly<Record<string, string>> {
  const all: Record<string, string> = {};
  for (const [id, diagnosis] of maps.flatMap((map) => Object.entries(map))) {
    if (id in all) throw new Error(`mistake id '${id}' is defined by two exercises (grader/runtime/mistakes/)`);
    all[id] = diagnosis;
  }
  return all;
}

export const FIXTURE_MISTAKES = merged([bptt, lstm, charLm, selfAttention, transformerBlock, wordEmbeddings]);
