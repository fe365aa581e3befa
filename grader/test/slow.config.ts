import { configDefaults, defineConfig } from 'vitest/config';
import course from '../../vitest.config.ts';

/**
 * `npm run test:slow`: the course's end-to-end checks that take minutes (whole grades, regrades over git,
 * releases, mutants, the permission-model corpus, the demos), run by .ci/run after `npm test`. Their code
 * runs in child processes, which V8 coverage does not see: `npm test` measures coverage.
 */
export default defineConfig({
  test: {
    ...course.test,
    include: ['grader/test/**/*.slow.test.ts', 'demos/test/**/*.test.ts'],
    exclude: configDefaults.exclude,
    coverage: { enabled: false },
  },
});
