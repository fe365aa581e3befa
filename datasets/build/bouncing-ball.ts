/**
 * bouncing-ball/frames.tsv: a ball of radius BALL_RADIUS moving at constant speed in a BALL_SIZE×BALL_SIZE image,
 * reflected by the walls; each step's centre (3 decimals) and its anti-aliased image (a pixel's intensity is
 * how far its centre lies inside the ball's edge, clipped to [0, 1], quantised to BALL_LEVELS + 1 levels).
 */
import { makeRandom } from '../../grader/runtime/random.ts';
import { BALL_LEVELS } from '../load/bouncing-ball.ts';
import { tsv, type DatasetFiles } from './files.ts';

export const BALL_SEED = 11;
export const BALL_SIZE = 12;
export const BALL_RADIUS = 1.5;
export const BALL_SEQUENCES = 40;
export const BALL_STEPS = 20;

/** The ball's centre along one axis after moving by v from p, reflected into [lo, hi]; returns [p, v]. */
function bounce(p: number, v: number, lo: number, hi: number): [number, number] {
  const next = p + v;
  if (next < lo) return [2 * lo - next, -v];
  if (next > hi) return [2 * hi - next, -v];
  return [next, v];
}

/** The image of a ball centred at (x, y), as one digit 0..BALL_LEVELS per pixel, row-major. */
function render(x: number, y: number): string {
  let digits = '';
  for (let r = 0; r < BALL_SIZE; r++) {
    for (let c = 0; c < BALL_SIZE; c++) {
      const inside = BALL_RADIUS + 0.5 - Math.sqrt((c + 0.5 - x) ** 2 + (r + 0.5 - y) ** 2);
      digits += Math.round(Math.min(1, Math.max(0, inside)) * BALL_LEVELS);
    }
  }
  return digits;
}

export function buildBouncingBall(): DatasetFiles {
  const random = makeRandom(BALL_SEED);
  const [lo, hi] = [BALL_RADIUS, BALL_SIZE - BALL_RADIUS];
  const rows: string[][] = [];
  for (let s = 0; s < BALL_SEQUENCES; s++) {
    let [x, y] = [random.uniform(lo, hi), random.uniform(lo, hi)];
    const [speed, angle] = [random.uniform(0.5, 1.2), random.uniform(0, 2 * Math.PI)];
    let [vx, vy] = [speed * Math.cos(angle), speed * Math.sin(angle)];
    for (let t = 0; t < BALL_STEPS; t++) {
      // The stored (rounded) centre is the one drawn, so frames and positions agree exactly.
      const [px, py] = [x.toFixed(3), y.toFixed(3)];
      rows.push([String(s), String(t), px, py, render(Number(px), Number(py))]);
      [x, vx] = bounce(x, vx, lo, hi);
      [y, vy] = bounce(y, vy, lo, hi);
    }
  }
  return { 'bouncing-ball/frames.tsv': tsv(['sequence', 'step', 'x', 'y', 'pixels'], rows) };
}
