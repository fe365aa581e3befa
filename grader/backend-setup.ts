/**
 * Vitest globalSetup: chooses the TensorFlow.js backend once in the main process and hands the choice to
 * the workers, so every worker runs the same backend and the choice is announced once.
 */
import { describeBackend, initBackend } from '../reference/backend.ts';

export default async function setup(): Promise<void> {
  const chosen = await initBackend();
  process.env.SEQLAB_BACKEND = chosen.name;
  process.env.SEQLAB_BACKEND_ANNOUNCED = describeBackend(chosen);
}
