import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { DATASETS_DIR, DatasetError, loadBouncingBall, loadCalculatorPairs, loadNames, loadOptdigits, loadSentiment, loadSpamSubjects, loadSpokenDigits, loadTranslationPairs } from '../index.ts';
import { BOUNCING_BALL_FILE } from '../load/bouncing-ball.ts';
import { NAMES_FILE } from '../load/names.ts';
import { OPTDIGITS_FILE } from '../load/optdigits.ts';
import { CALCULATOR_FILE, TRANSLATION_FILE } from '../load/pairs.ts';
import { CHECKSUMS_FILE, sha256 } from '../load/read.ts';
import { SENTIMENT_FILE } from '../load/sentiment.ts';
import { SPAM_FILE } from '../load/spam.ts';
import { SPOKEN_DIGITS_FILE } from '../load/spoken-digits.ts';

const LOADERS: [string, (dir: string) => unknown][] = [
  [OPTDIGITS_FILE, loadOptdigits],
  [NAMES_FILE, loadNames],
  [TRANSLATION_FILE, loadTranslationPairs],
  [CALCULATOR_FILE, loadCalculatorPairs],
  [BOUNCING_BALL_FILE, loadBouncingBall],
  [SENTIMENT_FILE, loadSentiment],
  [SPAM_FILE, loadSpamSubjects],
  [SPOKEN_DIGITS_FILE, loadSpokenDigits],
];

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of datasets/ holding checksums.json and `files` (paths relative to datasets/). */
function copyOfDatasets(files: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-datasets-'));
  temps.push(dir);
  for (const file of [CHECKSUMS_FILE, ...files]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(DATASETS_DIR, file), join(dir, file));
  }
  return dir;
}

/** A datasets directory whose only file is `file` with `content`, and whose checksums.json accepts it: to reach the format checks. */
function datasetsWith(file: string, content: string): string {
  const dir = copyOfDatasets([]);
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), content);
  writeFileSync(join(dir, CHECKSUMS_FILE), JSON.stringify({ [file]: sha256(content) }));
  return dir;
}

describe.each(LOADERS)('%s', (file, load) => {
  test('loads from a copy of datasets/', () => {
    expect(() => load(copyOfDatasets([file]))).not.toThrow();
  });

  test('missing: the error names the file and how to get it back', () => {
    const dir = copyOfDatasets([]);
    expect(() => load(dir)).toThrow(DatasetError);
    expect(() => load(dir)).toThrow(new RegExp(`${join(dir, file).replace(/[.]/g, '\\.')} is missing: restore it with .git checkout`));
  });

  test('corrupt: the error names the file and gives the actual and the expected sha256', () => {
    const dir = copyOfDatasets([file]);
    appendFileSync(join(dir, file), 'x');
    expect(() => load(dir)).toThrow(/is corrupt: its sha256 is [0-9a-f]{64}, expected [0-9a-f]{64}\. Restore it with/);
  });
});

test('a directory without checksums.json is refused with the remedy', () => {
  const dir = copyOfDatasets([NAMES_FILE]);
  rmSync(join(dir, CHECKSUMS_FILE));
  expect(() => loadNames(dir)).toThrow(/checksums\.json is missing: restore it with `git checkout -- datasets\/checksums\.json`/);
});

test('a file checksums.json does not know is refused', () => {
  const dir = copyOfDatasets([NAMES_FILE]);
  writeFileSync(join(dir, CHECKSUMS_FILE), '{}');
  expect(() => loadNames(dir)).toThrow(/has no checksum for names\/names\.txt: run `npm run datasets`/);
});

describe('format errors name the file and the line', () => {
  test.each<[string, string, string, (dir: string) => unknown, RegExp]>([
    ['no final newline', NAMES_FILE, 'ann', loadNames, /names\.txt: the last line has no newline/],
    ['an empty line', NAMES_FILE, 'ann\n\nbob\n', loadNames, /names\.txt:2: empty line/],
    ['a name with a capital', NAMES_FILE, 'Ann\n', loadNames, /names\.txt:1: a name must be lower-case a-z only, got 'Ann'/],
    ['unsorted names', NAMES_FILE, 'bob\nann\n', loadNames, /names\.txt:2: names must be sorted and distinct/],
    ['a wrong header', CALCULATOR_FILE, 'problem\tanswer\n12+7\t19\n', loadCalculatorPairs, /pairs\.tsv:1: expected the header 'source\\ttarget'/],
    ['a wrong sum', CALCULATOR_FILE, 'source\ttarget\n12+7\t20\n', loadCalculatorPairs, /pairs\.tsv:2: 12\+7 is 19, not '20'/],
    ['a missing column', TRANSLATION_FILE, 'source\ttarget\noui\n', loadTranslationPairs, /pairs\.tsv:2: expected 2 tab-separated columns, got 1/],
    ['a repeated source', TRANSLATION_FILE, 'source\ttarget\noui\tyes\noui\tyeah\n', loadTranslationPairs, /pairs\.tsv:3: the source 'oui' appears twice/],
    ['a bad label', SENTIMENT_FILE, 'label\ttext\n2\tthe food was good\n', loadSentiment, /sentences\.tsv:2: the label must be 0 or 1, got '2'/],
    ['a bad spam label', SPAM_FILE, 'label\ttext\neggs\tbuy now\n', loadSpamSubjects, /subjects\.tsv:2: the label must be 'spam' or 'ham', got 'eggs'/],
    ['too few samples', OPTDIGITS_FILE, `${'0,'.repeat(64)}1\n`.repeat(3), loadOptdigits, /optdigits\.tes:3: expected 1797 samples, got 3/],
    ['a short image', OPTDIGITS_FILE, '0,1\n'.repeat(1797), loadOptdigits, /optdigits\.tes:1: expected 65 comma-separated integers \(64 pixels, label\), got 2/],
    ['a pixel above 16', OPTDIGITS_FILE, `17,${'0,'.repeat(63)}1\n`.repeat(1797), loadOptdigits, /optdigits\.tes:1: pixels must be integers 0\.\.16/],
    ['steps out of order', BOUNCING_BALL_FILE, 'sequence\tstep\tx\ty\tpixels\n0\t0\t1\t1\t0990\n0\t2\t1\t1\t0990\n', loadBouncingBall, /frames\.tsv:3: expected sequence 0 step 1 or sequence 1 step 0, got sequence '0' step '2'/],
    ['a pixel count that is not size·size', BOUNCING_BALL_FILE, 'sequence\tstep\tx\ty\tpixels\n0\t0\t1\t1\t0990\n0\t1\t1\t1\t09900\n', loadBouncingBall, /frames\.tsv:3: expected 4 pixel digits 0\.\.9/],
  ])('%s', (_what, file, content, load, message) => {
    expect(() => load(datasetsWith(file, content))).toThrow(message);
  });
});
