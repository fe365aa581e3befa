import { defineConfig } from 'vitest/config';
import { REPO_ROOT } from '../../grader/paths.ts';
import { BACKEND_SETUP, registerTfjsHook } from '../../grader/vitest-shared.ts';

// The main process still needs the hook: globalSetup (BACKEND_SETUP) loads tfjs-core there.
registerTfjsHook();

/**
 * vitest.config.ts without sharedTestOptions: the workers get neither the tfjs-core hook (execArgv) nor
 * tfjs-core externalised, so Vite transforms tfjs-core in every worker as it would by default. Only the
 * benchmark uses it (bench/commands.ts), to document what the hook saves on a tfjs test file.
 */
export default defineConfig({
  root: REPO_ROOT,
  test: {
    globalSetup: [BACKEND_SETUP],
    include: ['grader/test/**/*.test.ts', 'reference/test/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
