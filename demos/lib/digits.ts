/**
 * The optdigits images as the autoencoder demos use them: pixels scaled from 0..16 to [0, 1], a seeded
 * split into training and held-out digits, and one held-out example of each class for the picture grids.
 */
import { loadOptdigits } from '../../datasets/index.ts';
import { seededUniform, splitHeldOut } from './batches.ts';

/** Images are 8 × 8, flattened row-major into 64 values. */
export const DIGIT_SIDE = 8;

/** The name of each digit 0 … 9: what the captioning demos spell. */
export const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export interface Digit {
  /** pixels: [64] in [0, 1] */
  pixels: number[];
  label: number;
}

export function digitSplit(seed: number, heldOutFraction = 0.2): { train: Digit[]; heldOut: Digit[] } {
  const { images, labels } = loadOptdigits();
  const digits = images.map((image, i) => ({ pixels: image.map((v) => v / 16), label: labels[i]! }));
  return splitHeldOut(digits, heldOutFraction, seededUniform(seed));
}

/** The first digit of each class 0 … 9 in `digits` (the columns of a reconstruction grid). */
export function oneOfEachClass(digits: readonly Digit[]): Digit[] {
  return Array.from({ length: 10 }, (_, label) => digits.find((d) => d.label === label)).filter((d): d is Digit => d !== undefined);
}
