import { configDefaults, defineConfig } from 'vitest/config';
import { BACKEND_SETUP, registerTfjsHook, sharedTestOptions } from './grader/grading/vitest-shared.ts';

registerTfjsHook();

/**
 * `npm test`: the course's self-test (grader, reference, datasets, stubs vs solutions). The checks that take
 * minutes (`*.slow.test.ts`, the demos) are `npm run test:slow` (grader/test/slow.config.ts), run by .ci/run after it.
 */
export default defineConfig({
  test: {
    ...sharedTestOptions,
    globalSetup: [BACKEND_SETUP],
    include: ['grader/test/**/*.test.ts', 'reference/test/**/*.test.ts', 'datasets/test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.slow.test.ts'],
    // Sized for a busy 2-core runner: no test measures time, these only stop a test that hangs.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    coverage: {
      enabled: true,
      provider: 'v8',
      reporter: ['text-summary'],
      include: ['grader/**/*.ts', 'reference/**/*.ts'],
      exclude: [
        '**/test/**',
        // Test files, test configs and scripts: they run, they are not the code under test.
        'grader/hidden/**',
        'grader/**/*.config.ts',
        // A generated copy of solutions/shared/ (course content, not grader code).
        'grader/runtime/shared/**',
        'bench/**',
        // The CLI, the Vitest driver and its reporter run inside the grader processes that course.test.ts (and the
        // slow tests) start; V8 coverage of the test workers cannot see into those child processes.
        'grader/grading/cli.ts',
        'grader/teacher/cli.ts',
        'grader/runtime/command-line.ts',
        'grader/grading/grade.ts',
        'grader/grading/results.ts',
        'grader/grading/backend-setup.ts',
        // Runs in the child process of a student's exercise (grader/student/process.ts starts it).
        'grader/student/child.ts',
        // The same for the release builder, the in-release grading entry point, the autograders and their
        // grading step, and the reference's loader,
        // which run in the processes that grader/test/release.slow.test.ts starts.
        'grader/teacher/release/build.ts',
        'grader/grading/release/unlock.ts',
        'grader/teacher/release/autograders.ts',
        'grader/grading/release/autograde.ts',
        'grader/grading/reference-backend.ts',
        // A script that drives Chromium, run by .ci/run after npm test.
        'grader/teacher/gradebook/check-html.ts',
      ],
      // A few points under what the suite reaches (bench/ and the closing notes hold the measured numbers).
      thresholds: { statements: 85, branches: 75, functions: 85, lines: 85 },
    },
  },
});
