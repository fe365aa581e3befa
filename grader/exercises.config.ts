import { defineConfig } from 'vitest/config';
import { REPO_ROOT } from './paths.ts';
import { submissionDir } from './seam.ts';
import StudentReporter from './student-reporter.ts';
import { registerTfjsHook, sharedTestOptions } from './vitest-shared.ts';
import { exerciseWatchTriggers } from './watch-triggers.ts';

registerTfjsHook();

/**
 * The student's loop: public tests of every exercise, on the folder SEQLAB_SUBMISSION names (default
 * exercises/). `npm run test:exercises [-- 04]` runs them once, `npm run watch` on every save; both print
 * the student report (grader/student-reporter.ts). `-- --reporter=default` gives Vitest's own output.
 */
export default defineConfig({
  root: REPO_ROOT,
  test: {
    ...sharedTestOptions,
    include: ['exercises/*/*.test.ts'],
    reporters: [new StudentReporter()],
    // Saving a stub re-runs its exercise's tests (and those of exercises importing it): see watch-triggers.ts.
    watchTriggerPatterns: exerciseWatchTriggers(submissionDir()),
  },
});
