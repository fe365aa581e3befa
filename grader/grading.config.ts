import { defineConfig } from 'vitest/config';
import { REPO_ROOT } from './paths.ts';
import { BACKEND_SETUP, registerTfjsHook, sharedTestOptions } from './vitest-shared.ts';

registerTfjsHook();

/**
 * What the grader runs: the public tests (exercises/*) and the hidden suites (grader/hidden/*) against the
 * folder SEQLAB_SUBMISSION names. `npm run grade` drives it through Vitest's Node API; while writing a
 * suite, `SEQLAB_SUBMISSION=solutions npx vitest run --config grader/grading.config.ts 04` runs it directly.
 */
export default defineConfig({
  root: REPO_ROOT,
  test: {
    ...sharedTestOptions,
    globalSetup: [BACKEND_SETUP],
    include: ['exercises/*/*.test.ts', 'grader/hidden/*.test.ts'],
    testTimeout: 20_000,
    isolate: false,
  },
});
