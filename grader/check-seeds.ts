/**
 * Flake check: grades the solutions and the stubs under many seeds of the hidden suites. The solutions
 * must get full marks and the stubs 0 every time. Slow (two grades per seed), so it runs in .ci/run after
 * `npm test`: `npm run check:seeds [-- --count 20]`.
 */
import { parseArgs } from 'node:util';
import { runGrader } from './run-grader.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '20' } } });
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${values.count}`);

const failures: string[] = [];
for (let seed = 1; seed <= count; seed++) {
  // In-process: the seed changes the inputs, not how student code is run (the sandbox has its own tests).
  const [solutions, stubs] = [
    (await runGrader('solutions', ['--seed', String(seed), '--in-process'])).report,
    (await runGrader('exercises', ['--seed', String(seed), '--in-process'])).report,
  ];
  const lost = solutions.exercises.flatMap((e) => e.tests.filter((t) => t.status !== 'passed').map((t) => `${e.id} › ${t.name}: ${t.message}`));
  const earned = stubs.exercises.flatMap((e) => e.tests.filter((t) => t.score > 0).map((t) => `${e.id} › ${t.name}`));
  failures.push(...lost.map((l) => `seed ${seed}, solutions lost: ${l}`), ...earned.map((e) => `seed ${seed}, stubs earned: ${e}`));
  console.log(`seed ${String(seed).padStart(2)}: solutions ${solutions.score}/${solutions.maxScore}, stubs ${stubs.score}/${stubs.maxScore}`);
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`${count} passed, 0 failed`);
