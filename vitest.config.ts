import { defineConfig } from 'vitest/config';
import { BACKEND_SETUP, registerTfjsHook, sharedTestOptions } from './grader/vitest-shared.ts';

registerTfjsHook();

/** `npm test`: the course's self-test (grader, reference, stubs vs solutions). */
export default defineConfig({
  test: {
    ...sharedTestOptions,
    globalSetup: [BACKEND_SETUP],
    include: ['grader/test/**/*.test.ts', 'reference/test/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
