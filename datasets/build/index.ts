/**
 * Every dataset `npm run datasets` writes, by name, with the files it produces. optdigits is not here: it is
 * a copy of the UCI file, and its checksum in datasets/checksums.json is pinned by hand.
 */
import { buildBouncingBall } from './bouncing-ball.ts';
import { buildCalculatorPairs } from './calculator.ts';
import type { DatasetFiles } from './files.ts';
import { buildNames } from './names.ts';
import { buildSentiment } from './sentiment.ts';
import { buildSpamSubjects } from './spam.ts';
import { buildSpokenDigits, ESPEAK_NG_VERSION, espeakNgVersion } from './spoken-digits.ts';
import { buildTranslationPairs } from './translation.ts';
import { BOUNCING_BALL_FILE } from '../load/bouncing-ball.ts';
import { NAMES_FILE } from '../load/names.ts';
import { CALCULATOR_FILE, TRANSLATION_FILE } from '../load/pairs.ts';
import { SENTIMENT_FILE } from '../load/sentiment.ts';
import { SPAM_FILE } from '../load/spam.ts';
import { SPOKEN_DIGITS_FILE } from '../load/spoken-digits.ts';

export interface DatasetBuilder {
  name: string;
  build(): DatasetFiles;
  /** The file its loader reads (and whose checksum goes into datasets/checksums.json). */
  dataFile: string;
  /**
   * A program the build runs (e.g. a speech synthesizer), when it needs one: where it is missing, or another
   * version than the one the committed file was built with, `unavailable` says why and the build is skipped.
   */
  tool?: { unavailable(): string | undefined };
}

/** Why espeak-ng cannot rebuild spoken-digits/ byte for byte here, or undefined when it can. */
function espeakNgUnavailable(): string | undefined {
  const version = espeakNgVersion();
  if (!version) return 'espeak-ng is not on PATH (Debian: apt-get install espeak-ng)';
  if (version !== ESPEAK_NG_VERSION) return `espeak-ng is ${version}, the committed file was built with ${ESPEAK_NG_VERSION}`;
  return undefined;
}

export const BUILDERS: readonly DatasetBuilder[] = [
  { name: 'names', build: buildNames, dataFile: NAMES_FILE },
  { name: 'spam', build: buildSpamSubjects, dataFile: SPAM_FILE },
  { name: 'translation', build: buildTranslationPairs, dataFile: TRANSLATION_FILE },
  { name: 'calculator', build: buildCalculatorPairs, dataFile: CALCULATOR_FILE },
  { name: 'bouncing-ball', build: buildBouncingBall, dataFile: BOUNCING_BALL_FILE },
  { name: 'sentiment', build: buildSentiment, dataFile: SENTIMENT_FILE },
  { name: 'spoken-digits', build: buildSpokenDigits, dataFile: SPOKEN_DIGITS_FILE, tool: { unavailable: espeakNgUnavailable } },
];
