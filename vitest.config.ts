import { defineConfig } from 'vitest/config';
import { registerTfjsHook, sharedTestOptions } from './grader/vitest-shared.ts';

registerTfjsHook();

/** `npm test`: the course's self-test (grader, reference, stubs vs solutions). */
export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['grader/test/**/*.test.ts', 'reference/test/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
