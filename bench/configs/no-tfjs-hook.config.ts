import { defineConfig } from 'vitest/config';
import { REPO_ROOT } from '../../grader/runtime/paths.ts';
// Importing the course config also registers the tfjs-core hook in this (main) process, which its
// globalSetup needs to load the reference backend: only the workers go without it below.
import course from '../../vitest.config.ts';

// What grader/grading/vitest-shared.ts adds for the workers: the hook (execArgv) and tfjs-core externalised.
const { execArgv: _hook, server: _external, ...test } = course.test ?? {};

/**
 * vitest.config.ts without the tfjs-core speed-up, so Vite transforms tfjs-core in every worker as it
 * would by default. Only bench/commands.ts uses it, to document what the hook saves on a tfjs test file.
 */
export default defineConfig({ ...course, root: REPO_ROOT, test });
