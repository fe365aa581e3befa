import { defineConfig } from 'vitest/config';
import { REPO_ROOT } from '../runtime/paths.ts';
import { submissionDir } from '../runtime/seam.ts';
import StudentReporter from './reporter.ts';
import { exerciseWatchTriggers } from './watch-triggers.ts';

/**
 * The student's loop: public tests of every exercise, on the folder SEQLAB_SUBMISSION names (default
 * exercises/). `npm run test:exercises [-- 04]` runs them once, `npm run watch` on every save; both print
 * the student report (grader/student/reporter.ts). `-- --reporter=default` gives Vitest's own output.
 */
// No tfjs-core hook (grader/grading/vitest-shared.ts) here: public tests read fixtures and never load TensorFlow.js,
// and its `--import` costs every worker ≈0.1 s (measured: 01's public tests 1.41 s → 1.22 s).
// isolate: false — the files share their workers instead of starting a fresh one each: all public tests on
// the solutions 5.5 s → 2.0 s (17 files; bench/results.json holds the numbers). Watch mode shares them too: the student's
// code runs in a child process that restarts when one of its files changed (grader/student/process.ts).
export default defineConfig(({ mode }) => ({
  root: REPO_ROOT,
  test: {
    include: ['exercises/*/*.test.ts'],
    isolate: false,
    // A call that does not return is stopped by the seam after its CPU-time limit (grader/student/process.ts),
    // with a message naming the function: Vitest's own 5 s test timeout must not fire first.
    testTimeout: 120_000,
    // `--mode all`: every failing test of a function, not only the first.
    reporters: [new StudentReporter({ all: mode === 'all' })],
    // Saving a stub re-runs its exercise's tests (and those of exercises importing it): see watch-triggers.ts.
    watchTriggerPatterns: exerciseWatchTriggers(submissionDir()),
  },
}));
