/**
 * The one validating reader every dataset loader goes through: the file must exist, its sha256 must be the
 * one committed in datasets/checksums.json (the checksums.json of the directory read: a loader given a copy
 * of datasets/ reads the copy's), and the loaders' parsers report format problems by file and line.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's datasets/ folder: the default directory of every loader. */
export const DATASETS_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

/** Where, in a datasets directory, the expected sha256 of every data file lives (written by `npm run datasets`, optdigits pinned). */
export const CHECKSUMS_FILE = 'checksums.json';

/** A dataset file that is missing, corrupt or malformed; the message names the file and the remedy. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

export const sha256 = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');

/** The committed checksums of `dir`: data file path relative to datasets/ → sha256 (hex). */
export function committedChecksums(dir: string = DATASETS_DIR): Record<string, string> {
  const path = join(dir, CHECKSUMS_FILE);
  if (!existsSync(path)) throw new DatasetError(`${path} is missing: restore it with \`git checkout -- datasets/${CHECKSUMS_FILE}\``);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

/**
 * The text of `file` (relative to datasets/, e.g. 'names/names.txt') read from `dir`, after checking that it
 * exists and that its checksum is the committed one. `restore` says how to get the file back.
 */
export function readDataFile(dir: string, file: string, restore: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new DatasetError(`dataset file ${path} is missing: ${restore}`);
  const expected = committedChecksums(dir)[file];
  if (!expected) throw new DatasetError(`${join(dir, CHECKSUMS_FILE)} has no checksum for ${file}: run \`npm run datasets\``);
  const content = readFileSync(path);
  const actual = sha256(content);
  if (actual !== expected) {
    throw new DatasetError(`dataset file ${path} is corrupt: its sha256 is ${actual}, expected ${expected}. ${restore[0]!.toUpperCase()}${restore.slice(1)}`);
  }
  return content.toString('utf8');
}

/** How to get back a file that `npm run datasets` writes. */
export const REGENERATE = 'restore it with `git checkout -- datasets/` or regenerate it with `npm run datasets`';

/** The lines of a data file (each ending in '\n', none empty), for parsers that report by line number. */
export function dataLines(path: string, text: string): string[] {
  if (!text.endsWith('\n')) throw new DatasetError(`${path}: the last line has no newline`);
  const lines = text.slice(0, -1).split('\n');
  const empty = lines.findIndex((line) => line === '');
  if (empty >= 0) throw new DatasetError(`${path}:${empty + 1}: empty line`);
  return lines;
}

/** Throws a DatasetError for `path` line `line` (1-based) unless `ok`. */
export function expectFormat(ok: boolean, path: string, line: number, what: string): asserts ok {
  if (!ok) throw new DatasetError(`${path}:${line}: ${what}`);
}

/** Rows of a tab-separated file with the given header (first line); each row has exactly the header's columns. */
export function tsvRows(path: string, text: string, header: readonly string[]): string[][] {
  const [first, ...rows] = dataLines(path, text);
  expectFormat(first === header.join('\t'), path, 1, `expected the header '${header.join('\\t')}', got '${first}'`);
  return rows.map((line, index) => {
    const cells = line.split('\t');
    expectFormat(cells.length === header.length, path, index + 2, `expected ${header.length} tab-separated columns, got ${cells.length}`);
    return cells;
  });
}
