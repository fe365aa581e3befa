/**
 * A ball bouncing off the walls of a small size×size image ("given the ball's image, predict its next
 * position"): sequences of frames with the ball's centre at each step.
 */
import { join } from 'node:path';
import { DATASETS_DIR, expectFormat, readDataFile, REGENERATE, tsvRows } from './read.ts';

export const BOUNCING_BALL_FILE = 'bouncing-ball/frames.tsv';

/** Pixel intensities are stored as one digit 0..LEVELS each: intensity = digit / LEVELS. */
export const BALL_LEVELS = 9;

export interface BouncingBall {
  /** Side of the square images in pixels. */
  size: number;
  /** [sequences][T][size·size]: row-major images, intensities in [0, 1]. */
  frames: number[][][];
  /** [sequences][T][2]: the ball's centre [x, y] in pixels, x = column (rightwards), y = row (downwards), each in [0, size]; pixel (r, c) covers [c, c+1) × [r, r+1). */
  positions: number[][][];
}

export function loadBouncingBall(dir: string = DATASETS_DIR): BouncingBall {
  const path = join(dir, BOUNCING_BALL_FILE);
  const rows = tsvRows(path, readDataFile(dir, BOUNCING_BALL_FILE, REGENERATE), ['sequence', 'step', 'x', 'y', 'pixels']);
  const size = Math.sqrt(rows[0]?.[4]?.length ?? 0);
  expectFormat(Number.isInteger(size) && size > 0, path, 2, 'the pixels column must hold size·size digits');
  const frames: number[][][] = [];
  const positions: number[][][] = [];
  rows.forEach(([sequence, step, x, y, pixels], i) => {
    const line = i + 2;
    const [s, t] = [Number(sequence), Number(step)];
    const newSequence = t === 0 && s === frames.length;
    const nextStep = frames.length > 0 && s === frames.length - 1 && t === frames[s]!.length;
    expectFormat(newSequence || nextStep, path, line, `expected sequence ${frames.length - 1} step ${frames.at(-1)?.length} or sequence ${frames.length} step 0, got sequence '${sequence}' step '${step}'`);
    if (newSequence) {
      frames.push([]);
      positions.push([]);
    }
    const centre = [Number(x), Number(y)];
    expectFormat(centre.every((v) => Number.isFinite(v) && v >= 0 && v <= size), path, line, `the ball's centre must lie in [0, ${size}], got (${x}, ${y})`);
    expectFormat(pixels!.length === size * size && /^\d+$/.test(pixels!), path, line, `expected ${size * size} pixel digits 0..${BALL_LEVELS}`);
    frames[s]!.push(Array.from(pixels!, (d) => Number(d) / BALL_LEVELS));
    positions[s]!.push(centre);
  });
  expectFormat(frames.every((f) => f.length === frames[0]!.length), path, rows.length + 1, 'all sequences must have the same number of steps');
  return { size, frames, positions };
}
