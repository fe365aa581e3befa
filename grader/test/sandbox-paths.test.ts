/**
 * A submission that cannot load is reported with the student's own file, not the transpiled copy in the
 * sandbox folder (which, in a release, sits inside the private mirror's temporary folder: a path that looked
 * doubled, `/tmp/seqlab-mirror-…/tmp/seqlab-sandbox-…/submission/…js`).
 */
import { expect, test } from 'vitest';
import { studentPaths } from '../sandbox/prepare.ts';

const folder = { submission: '/tmp/seqlab-mirror-a1/tmp/seqlab-sandbox-b2/submission' };
const student = '/home/ada/seqlab/exercises';

test.each([
  [`Cannot find package 'mathjs' imported from ${folder.submission}/01-rnn-forward/rnn-forward.js`, `Cannot find package 'mathjs' imported from ${student}/01-rnn-forward/rnn-forward.ts`],
  [`SyntaxError at file://${folder.submission}/shared/linalg.js:3`, `SyntaxError at ${student}/shared/linalg.ts:3`],
  [`cannot read ${folder.submission}`, `cannot read ${student}`],
  ['a message without a path', 'a message without a path'],
])('%s', (message, expected) => {
  expect(studentPaths(message, folder, student)).toBe(expected);
});
