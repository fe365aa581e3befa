/**
 * `npm run demo` lists the demos; `npm run demo -- <name> [--student] [--quick] [--seed N] [--plots DIR]`
 * runs one (`--all`: every one), prints what it found and where its plots are. Exit status 2 for a bad command line, 1 when the demo
 * failed (under --student: usually a function that still throws its TODO).
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../reference/backend.ts';
import { REPO_ROOT } from '../grader/runtime/paths.ts';
import type { Demo, DemoResult } from './demo.ts';
import { DEMOS, demoByName } from './registry.ts';

const USAGE = `usage: npm run demo -- <name>|--all [--student] [--quick] [--seed N] [--plots DIR]
  --all        run every demo, one after the other (with --student: every demo that has a student mode)
  --student    run your own functions from exercises/ where the demo can (on weights it trained;
               SEQLAB_SUBMISSION=DIR takes them from another folder with the exercises/ layout)
  --quick      a much shorter run (a smoke test of the same code)
  --seed N     seed of the run's random choices (default 1)
  --plots DIR  where the SVG plots go (default .seqlab/plots)`;

function listing(): string {
  const width = Math.max(...DEMOS.map((d) => d.name.length));
  const rows = DEMOS.map((d) => `  ${d.name.padEnd(width)}  ${d.summary}${d.studentExercises.length ? `  [--student: ${d.studentExercises.join(', ')}]` : ''}`);
  return ['Demos (npm run demo -- <name>):', ...rows].join('\n');
}

function printResult(name: string, result: DemoResult, seconds: number): void {
  console.log(`\n${name} finished in ${seconds.toFixed(1)} s`);
  if (result.finalLoss !== undefined) {
    const what = result.finalLossBatches === undefined ? '' : ` (mean of the last ${result.finalLossBatches} training-batch losses, as last logged)`;
    console.log(`  final training loss${what}: ${result.finalLoss.toFixed(4)}`);
  }
  for (const [key, value] of Object.entries(result.metrics)) console.log(`  ${key}: ${value}`);
  for (const plot of result.plots) console.log(`  plot: ${relative(process.cwd(), plot) || plot}`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      student: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      plots: { type: 'string', default: join(REPO_ROOT, '.seqlab', 'plots') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`${USAGE}\n\n${listing()}`);
    return 0;
  }
  if (positionals.length === 0 && !values.all) {
    console.log(listing());
    return 0;
  }
  const [name, ...extra] = positionals;
  const named = values.all ? DEMOS : [demoByName(name!)];
  if (named.some((d) => !d) || extra.length || (values.all && name)) {
    console.error(values.all || extra.length ? 'name one demo, or --all' : `no demo named '${name}'.\n${listing()}`);
    return 2;
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) {
    console.error(`--seed needs an integer, got '${values.seed}'`);
    return 2;
  }
  // --all --student runs the demos that have a student mode.
  const chosen = (named as Demo[]).filter((d) => !values.student || !values.all || d.studentExercises.length > 0);
  if (values.student && chosen.some((d) => d.studentExercises.length === 0)) {
    console.error(`the ${chosen[0]!.name} demo has no --student mode`);
    return 2;
  }
  await initBackend();
  let failed = 0;
  for (const demo of chosen) {
    const start = Date.now();
    try {
      const result = await demo.run({ student: values.student, quick: values.quick, seed, plotDir: resolve(values.plots), log: (line) => console.log(line) });
      printResult(demo.name, result, (Date.now() - start) / 1000);
    } catch (error) {
      // A student function that still throws its TODO (or fails) under --student ends the demo with its message.
      console.error(`\n${demo.name} stopped: ${(error as Error).message}`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
