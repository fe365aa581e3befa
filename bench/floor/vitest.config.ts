import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The floor: a bare Vitest run of one trivial file, none of the course's options (bench/run.ts). */
export default defineConfig({
  root: HERE,
  test: {
    include: ['trivial.test.ts'],
  },
});
