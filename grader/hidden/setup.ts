/**
 * Imported first by every hidden suite: starts the reference backend the grader chose.
 */
import { beforeAll } from 'vitest';
import { initBackend } from '../../reference/backend.ts';

beforeAll(async () => {
  await initBackend();
});
