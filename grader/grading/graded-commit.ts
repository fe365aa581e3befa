/**
 * The commit a grade belongs to, recorded in grade-report.json so that a collected CI report says which
 * commit it graded: HEAD of the git repository holding the submission; in GitHub Actions, when the checkout
 * has no repository (actions/checkout without git), the workflow's GITHUB_SHA. Undefined outside both.
 */
import { spawnSync } from 'node:child_process';

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export function gradedCommit(submission: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  // git finds the repository from the submission folder, not from an inherited GIT_DIR.
  const { GIT_DIR: _dir, GIT_WORK_TREE: _tree, ...gitEnv } = env;
  const head = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: submission, encoding: 'utf8', env: gitEnv });
  const commit = head.status === 0 ? head.stdout.trim() : '';
  if (COMMIT.test(commit)) return commit;
  const sha = env.GITHUB_ACTIONS === 'true' ? env.GITHUB_SHA?.trim() : undefined;
  return sha && COMMIT.test(sha) ? sha : undefined;
}
