/**
 * The teacher's command line: `npm run collect`, `regrade`, `snapshot` and `gradebook`, and `shard` for
 * .github/workflows/regrade.yml (grader/teacher/gradebook/commands.ts). Apart from grader/grading/cli.ts so that a student
 * release, which ships grader/grading/cli.ts, carries neither the gradebook code nor its database package.
 */
import { runCommandLine } from '../runtime/command-line.ts';
import { COLLECT_USAGE, collectCommand, GRADEBOOK_USAGE, gradebookCommand, REGRADE_USAGE, regradeCommand, shardCommand, SHARD_USAGE, snapshotCommand, SNAPSHOT_USAGE } from './gradebook/commands.ts';

await runCommandLine(
  { collect: collectCommand, regrade: regradeCommand, snapshot: snapshotCommand, gradebook: gradebookCommand, shard: shardCommand },
  [COLLECT_USAGE, REGRADE_USAGE, SNAPSHOT_USAGE, GRADEBOOK_USAGE, SHARD_USAGE].join('\n\n'),
);
