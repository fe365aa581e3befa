import { defineConfig } from 'vitest/config';
import { REPO_ROOT } from './paths.ts';
import { registerTfjsHook, sharedTestOptions } from './vitest-shared.ts';

registerTfjsHook();

/**
 * The student's loop: public tests of every exercise, on the folder SEQLAB_SUBMISSION names (default
 * exercises/). `npm run test:exercises [-- 04]` in the course repo; `npm test` in the student release.
 */
export default defineConfig({
  root: REPO_ROOT,
  test: {
    ...sharedTestOptions,
    include: ['exercises/*/*.test.ts'],
  },
});
