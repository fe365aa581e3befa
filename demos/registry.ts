/**
 * The one list of demos, in the order `npm run demo` lists them. Each demo lives in its own module
 * `demos/<name>.ts` exporting `demo`.
 */
import type { Demo } from './demo.ts';
import { demo as autoencoder } from './autoencoder.ts';
import { demo as bouncingBall } from './bouncing-ball.ts';
import { demo as calculator } from './calculator.ts';
import { demo as captioning } from './captioning.ts';
import { demo as charLm } from './char-lm.ts';
import { demo as denoising } from './denoising.ts';
import { demo as embeddings } from './embeddings.ts';
import { demo as gradientFlow } from './gradient-flow.ts';
import { demo as listenAttendSpell } from './listen-attend-spell.ts';
import { demo as lstmAutoencoder } from './lstm-autoencoder.ts';
import { demo as seq2seqAttention } from './seq2seq-attention.ts';
import { demo as sentiment } from './sentiment.ts';
import { demo as showAttendTell } from './show-attend-tell.ts';
import { demo as sparseAutoencoder } from './sparse-autoencoder.ts';
import { demo as vae } from './vae.ts';

export const DEMOS: readonly Demo[] = [
  gradientFlow,
  charLm,
  bouncingBall,
  seq2seqAttention,
  calculator,
  autoencoder,
  denoising,
  sparseAutoencoder,
  vae,
  lstmAutoencoder,
  sentiment,
  captioning,
  showAttendTell,
  listenAttendSpell,
  embeddings,
];

export function demoByName(name: string): Demo | undefined {
  return DEMOS.find((d) => d.name === name);
}
