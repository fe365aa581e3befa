/**
 * Vitest globalSetup: chooses the TensorFlow.js backend once in the main process and hands the choice to
 * the workers, so every worker runs the same backend and the choice is announced once.
 */
export default async function setup(): Promise<void> {
  if (process.env.SEQLAB_BACKEND_ANNOUNCED) return; // the grader process chose already
  // Imported only here: loading tfjs a second time into the grader's process re-registers every kernel.
  const { describeBackend, initBackend } = await import('../reference/backend.ts');
  const chosen = await initBackend();
  process.env.SEQLAB_BACKEND = chosen.name;
  process.env.SEQLAB_BACKEND_ANNOUNCED = describeBackend(chosen);
}
