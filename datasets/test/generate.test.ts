import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUILDERS } from '../build/index.ts';
import { OPTDIGITS_FILE } from '../load/optdigits.ts';
import { committedChecksums, DATASETS_DIR, sha256 } from '../load/read.ts';

const committed = (path: string): string => readFileSync(join(DATASETS_DIR, path), 'utf8');

const buildable = BUILDERS.filter((b) => !b.tool?.unavailable());
const skipped = BUILDERS.flatMap((b) => {
  const why = b.tool?.unavailable();
  return why ? [{ name: b.name, why }] : [];
});

describe.each(buildable)('$name', (builder) => {
  const files = builder.build();

  test('the committed files are byte for byte what `npm run datasets` writes now', () => {
    expect(Object.keys(files)).toContain(builder.dataFile);
    for (const [path, content] of Object.entries(files)) expect(committed(path) === content, `datasets/${path} is stale: run \`npm run datasets\``).toBe(true);
  });

  test('checksums.json and SOURCE.md give the data file\'s sha256', () => {
    const checksum = sha256(files[builder.dataFile]!);
    expect(committedChecksums()[builder.dataFile]).toBe(checksum);
    expect(committed(join(builder.dataFile, '..', 'SOURCE.md'))).toContain(checksum);
  });
});

// Visible in the report as skipped, with the reason in its name (a regeneration check cannot run without the tool).
describe.each(skipped)('$name', ({ why }) => {
  test.skip(`not regenerated here: ${why}; only its committed checksum is checked (datasets/test/loaders.test.ts)`, () => {});
});

test('optdigits: its pinned checksum is the file\'s and the one SOURCE.md gives', () => {
  const checksum = committedChecksums()[OPTDIGITS_FILE]!;
  expect(sha256(readFileSync(join(DATASETS_DIR, OPTDIGITS_FILE)))).toBe(checksum);
  expect(committed('optdigits/SOURCE.md')).toContain(checksum);
});

test('checksums.json lists exactly the generated files and optdigits', () => {
  expect(Object.keys(committedChecksums()).sort()).toEqual([OPTDIGITS_FILE, ...BUILDERS.map((b) => b.dataFile)].sort());
});
