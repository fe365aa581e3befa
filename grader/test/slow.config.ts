import { configDefaults, defineConfig } from 'vitest/config';
import course from '../../vitest.config.ts';

/**
 * `npm run test:slow`: the course's end-to-end checks that take minutes (mutants, whole hostile grades and
 * regrades, releases and autograders, the permission-model corpus, the demos), run by .ci/run and the course CI
 * after `npm test`, which measures coverage on its own.
 */
export default defineConfig({
  test: {
    ...course.test,
    include: ['grader/test/**/*.slow.test.ts', 'demos/test/**/*.test.ts'],
    exclude: configDefaults.exclude,
    coverage: { enabled: false },
  },
});
