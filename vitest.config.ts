import { defineConfig } from 'vitest/config';
import { BACKEND_SETUP, registerTfjsHook, sharedTestOptions } from './grader/vitest-shared.ts';

registerTfjsHook();

/** `npm test`: the course's self-test (grader, reference, stubs vs solutions). */
export default defineConfig({
  test: {
    ...sharedTestOptions,
    globalSetup: [BACKEND_SETUP],
    include: ['grader/test/**/*.test.ts', 'reference/test/**/*.test.ts', 'datasets/test/**/*.test.ts', 'demos/test/**/*.test.ts'],
    testTimeout: 120_000,
    coverage: {
      enabled: true,
      provider: 'v8',
      reporter: ['text-summary'],
      include: ['grader/**/*.ts', 'reference/**/*.ts'],
      exclude: [
        '**/test/**',
        // Test files, test configs and scripts: they run, they are not the code under test.
        'grader/hidden/**',
        'grader/*.config.ts',
        'bench/**',
        // The CLI, the Vitest driver and its reporter run inside the grader processes that course.test.ts and
        // mutants.test.ts start; V8 coverage of the test workers cannot see into those child processes.
        'grader/cli.ts',
        'grader/grade.ts',
        'grader/results.ts',
        'grader/backend-setup.ts',
        // Runs in the child process of a student's exercise (grader/student/process.ts starts it).
        'grader/student/child.ts',
        // The same for the release builder, the in-release grading entry point and the reference's loader,
        // which run in the processes that grader/test/release.test.ts starts.
        'grader/release/build.ts',
        'grader/release/unlock.ts',
        'grader/reference-backend.ts',
        // A script that drives Chromium, run by .ci/run after npm test.
        'grader/gradebook/check-html.ts',
      ],
      // Measured 2026-11-24: statements 90 %, branches 81 %, functions 90 %, lines 91 %.
      thresholds: { statements: 85, branches: 75, functions: 85, lines: 85 },
    },
  },
});
