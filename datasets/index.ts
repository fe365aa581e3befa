/**
 * The course's datasets: small files shipped in datasets/, each validated (present, sha256 as committed in
 * datasets/checksums.json, format) when loaded. Every loader takes an optional directory holding a copy of
 * datasets/ (default: the repository's). SOURCE.md in each folder says where the data come from.
 */
export { loadOptdigits, type Optdigits } from './load/optdigits.ts';
export { loadNames } from './load/names.ts';
export { loadTranslationPairs, loadCalculatorPairs, type Pair } from './load/pairs.ts';
export { loadBouncingBall, type BouncingBall } from './load/bouncing-ball.ts';
export { loadSentiment, type LabelledSentence } from './load/sentiment.ts';
export { loadSpokenDigits, SPOKEN_DIGIT_WORDS, SPOKEN_DIGITS_BANDS, type Utterance } from './load/spoken-digits.ts';
export { loadSpamSubjects, type LabelledSubject } from './load/spam.ts';
export { DATASETS_DIR, DatasetError } from './load/read.ts';
