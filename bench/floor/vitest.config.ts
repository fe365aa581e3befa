import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The floor (bench/run.ts): a bare Vitest run of one trivial file, none of the course's options. */
export default defineConfig({
  // The repository root, so Vitest keeps its cache in node_modules/.vite like the course's own runs.
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['bench/floor/trivial.test.ts'],
  },
});
