/**
 * Flake check: grades the solutions and the stubs under many seeds of the hidden suites. The solutions
 * must get full marks and the stubs 0 every time. Slow (two grades per seed), so it runs in .ci/run after
 * `npm test`: `npm run check:seeds [-- --count 20] [--sandboxed]`. With --sandboxed the student code runs
 * in the operating-system sandbox, which must be available (.ci/run's check of another Node version).
 */
import { parseArgs } from 'node:util';
import { runGrader } from './run-grader.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '20' }, sandboxed: { type: 'boolean', default: false } } });
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${values.count}`);

const failures: string[] = [];
for (let seed = 1; seed <= count; seed++) {
  // In-process by default: the seed changes the inputs, not how student code is run (the sandbox has its own tests).
  const how = values.sandboxed ? [] : ['--in-process'];
  const env = values.sandboxed ? { SEQLAB_SANDBOX: 'bwrap' } : {};
  const [solutions, stubs] = [
    (await runGrader('solutions', ['--seed', String(seed), ...how], env)).report,
    (await runGrader('exercises', ['--seed', String(seed), ...how], env)).report,
  ];
  const lost = solutions.exercises.flatMap((e) => e.tests.filter((t) => t.status !== 'passed').map((t) => `${e.id} › ${t.name}: ${t.message}`));
  const earned = stubs.exercises.flatMap((e) => e.tests.filter((t) => t.score > 0).map((t) => `${e.id} › ${t.name}`));
  failures.push(...lost.map((l) => `seed ${seed}, solutions lost: ${l}`), ...earned.map((e) => `seed ${seed}, stubs earned: ${e}`));
  console.log(`seed ${String(seed).padStart(2)}: solutions ${solutions.score}/${solutions.maxScore}, stubs ${stubs.score}/${stubs.maxScore} (node ${process.version}, student code isolation: ${solutions.sandbox})`);
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`${count} passed, 0 failed`);
