/**
 * Vitest globalSetup: chooses the TensorFlow.js backend once in the main process and hands the choice to
 * the workers, so every worker runs the same backend and the choice is announced once.
 */
import { referenceBackend } from './reference-backend.ts';

export default async function setup(): Promise<void> {
  if (process.env.SEQLAB_BACKEND_ANNOUNCED) return; // the grader process chose already
  // Imported only here: loading tfjs a second time into the grader's process re-registers every kernel.
  const backend = await referenceBackend();
  if (!backend) return; // a student release without the reference: its public tests need no backend
  const { describeBackend, initBackend } = backend;
  const chosen = await initBackend();
  process.env.SEQLAB_BACKEND = chosen.name;
  process.env.SEQLAB_BACKEND_ANNOUNCED = describeBackend(chosen);
}
