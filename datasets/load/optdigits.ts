/** The UCI optdigits test split: 1797 8×8 images of handwritten digits (see datasets/optdigits/SOURCE.md). */
import { join } from 'node:path';
import { DATASETS_DIR, dataLines, expectFormat, readDataFile } from './read.ts';

export const OPTDIGITS_FILE = 'optdigits/optdigits.tes';
export const OPTDIGITS_COUNT = 1797;

export interface Optdigits {
  /** [1797][64]: row-major 8×8 images, integers 0..16 (counts of "on" pixels in 4×4 blocks). */
  images: number[][];
  /** [1797]: the digit each image shows, 0..9. */
  labels: number[];
}

export function loadOptdigits(dir: string = DATASETS_DIR): Optdigits {
  const text = readDataFile(dir, OPTDIGITS_FILE, `restore it with \`git checkout -- datasets/${OPTDIGITS_FILE}\` (a copy of the UCI file, see datasets/optdigits/SOURCE.md)`);
  const path = join(dir, OPTDIGITS_FILE);
  const lines = dataLines(path, text);
  expectFormat(lines.length === OPTDIGITS_COUNT, path, lines.length, `expected ${OPTDIGITS_COUNT} samples, got ${lines.length}`);
  const images: number[][] = [];
  const labels: number[] = [];
  lines.forEach((line, i) => {
    const values = line.split(',').map(Number);
    expectFormat(values.length === 65, path, i + 1, `expected 65 comma-separated integers (64 pixels, label), got ${values.length}`);
    const label = values.pop()!;
    expectFormat(values.every((v) => Number.isInteger(v) && v >= 0 && v <= 16), path, i + 1, 'pixels must be integers 0..16');
    expectFormat(Number.isInteger(label) && label >= 0 && label <= 9, path, i + 1, `the label must be a digit 0..9, got '${label}'`);
    images.push(values);
    labels.push(label);
  });
  return { images, labels };
}
