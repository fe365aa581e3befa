import { defineConfig } from 'vitest/config';
import { REPO_ROOT } from '../runtime/paths.ts';
import { BACKEND_SETUP, registerTfjsHook, sharedTestOptions } from './vitest-shared.ts';

registerTfjsHook();

/**
 * What the grader runs: the public tests (exercises/*) and the hidden suites (grader/hidden/*) against the
 * folder SEQLAB_SUBMISSION names. `npm run grade` drives it through Vitest's Node API; while writing a
 * suite, `SEQLAB_SUBMISSION=solutions npx vitest run --config grader/grading/grading.config.ts 04` runs it directly.
 */
export default defineConfig({
  root: REPO_ROOT,
  test: {
    ...sharedTestOptions,
    globalSetup: [BACKEND_SETUP],
    include: ['exercises/*/*.test.ts', 'grader/hidden/*.test.ts'],
    // A wall-clock backstop only: student code is stopped by the sandbox's CPU-time limits, which a busy
    // machine cannot trip; Vitest's clock must not fail a correct submission on a loaded runner first.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    isolate: false,
  },
});
