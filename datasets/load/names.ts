/** Real English first names, lower-case a–z (copied from stdlib's name lists by `npm run datasets`). */
import { join } from 'node:path';
import { DATASETS_DIR, dataLines, expectFormat, readDataFile, REGENERATE } from './read.ts';

export const NAMES_FILE = 'names/names.txt';

/** The names, sorted and distinct, each matching /^[a-z]+$/. */
export function loadNames(dir: string = DATASETS_DIR): string[] {
  const path = join(dir, NAMES_FILE);
  const names = dataLines(path, readDataFile(dir, NAMES_FILE, REGENERATE));
  names.forEach((name, i) => {
    expectFormat(/^[a-z]+$/.test(name), path, i + 1, `a name must be lower-case a-z only, got '${name}'`);
    expectFormat(i === 0 || names[i - 1]! < name, path, i + 1, `names must be sorted and distinct ('${names[i - 1]}' before '${name}')`);
  });
  return names;
}
