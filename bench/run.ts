/**
 * `npm run bench [-- --reps N] [--quick | --feedback]`: how long the course's commands take next to a bare Vitest run,
 * and how fast each TensorFlow.js backend runs the reference's kind of work.
 *
 * Every measurement is a child process, run one after another (never in parallel), timed by wall clock.
 * Repetitions go round-robin over the cases so that a change in the machine's load touches every case
 * alike. Prints markdown tables, writes bench/results.json and (except with --quick) the tables into
 * docs/engineering.md between `<!-- bench:start -->` and `<!-- bench:end -->`. Targets are reported, never asserted;
 * the exit status is non-zero only when a command ended with an exit code other than the expected one.
 *
 *   --reps N   repetitions of every case (default 5; 1 with --quick)
 *   --quick    a smoke check: 1 repetition, no warm-up pass, short throughput budgets, docs/engineering.md untouched
 *   --feedback only the student's loop: the floor, one exercise's public tests, watch re-runs; printed only
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../grader/runtime/paths.ts';
import { cleanEnv, COMMAND_CASES, runNode, timeCase, type CommandCase } from './commands.ts';
import { timeWatchReruns, WATCH_CASES } from './watch.ts';
import { summarize, type Summary } from './stats.ts';
import { backendTable, commandTable, speedUpTable, targetTable, type BackendRow, type TargetRow } from './table.ts';
import type { ThroughputOutput } from './throughput.ts';

const RESULTS_FILE = join(REPO_ROOT, 'bench/results.json');
const TABLES_DOC = join(REPO_ROOT, 'docs/engineering.md');
const START_MARKER = '<!-- bench:start -->';
const END_MARKER = '<!-- bench:end -->';
const THROUGHPUT = ['--import', './grader/runtime/loader/register.mjs', 'bench/throughput.ts'];
const WORKLOADS = ['matmul 256', 'matmul 512', 'attention T=256 d=64'];

interface BackendVariant {
  id: string;
  label: string;
  env: Record<string, string>;
  /** Known not to run here, without trying. */
  notOffered?: string;
}

const BACKEND_VARIANTS: BackendVariant[] = [
  { id: 'tensorflow', label: 'tensorflow (tfjs-node)', env: { SEQLAB_BACKEND: 'tensorflow' } },
  { id: 'wasm-simd', label: 'wasm, SIMD', env: { SEQLAB_BACKEND: 'wasm' } },
  { id: 'wasm-no-simd', label: 'wasm, no SIMD', env: { SEQLAB_BACKEND: 'wasm', SEQLAB_BENCH_WASM_SIMD: '0' } },
  {
    id: 'wasm-simd-threads',
    label: 'wasm, SIMD + threads',
    env: {},
    notOffered: "the threaded build starts its workers from blob: URLs, which Node's Worker rejects",
  },
  { id: 'cpu', label: 'cpu (plain JS)', env: { SEQLAB_BACKEND: 'cpu' } },
];

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

function parseOptions() {
  const { values } = parseArgs({ options: { reps: { type: 'string' }, quick: { type: 'boolean', default: false }, feedback: { type: 'boolean', default: false } } });
  const quick = values.quick;
  const reps = values.reps === undefined ? (quick ? 1 : 5) : Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps must be a positive integer, got ${values.reps}`);
  return { quick, reps, warmup: !quick, budgetMs: quick ? 150 : 1000, feedback: values.feedback };
}

interface CommandResult {
  case: CommandCase;
  samples: number[];
  exitCodes: number[];
  /** The 1-minute load average just before each sample: on a shared machine, what else was running. */
  load1: number[];
}

/** `--feedback`: only the student's loop (the floor, one exercise, watch), printed, nothing written. */
const FEEDBACK_CASES = new Set(['floor', 'feedback-01-stubs', 'feedback-01-solutions']);

async function measureCommands(reps: number, warmup: boolean, feedbackOnly: boolean): Promise<CommandResult[]> {
  const cases = COMMAND_CASES.filter((c) => !feedbackOnly || FEEDBACK_CASES.has(c.id));
  const results: CommandResult[] = cases.map((c) => ({ case: c, samples: [], exitCodes: [], load1: [] }));
  const passes = [...(warmup ? ['warm-up'] : []), ...Array.from({ length: reps }, (_, i) => `rep ${i + 1}/${reps}`)];
  for (const pass of passes) {
    for (const result of results) {
      const load1 = loadavg()[0]!;
      const run = await timeCase(result.case);
      const unexpected = run.exitCode !== result.case.expectedExit;
      log(`${pass.padEnd(9)} ${result.case.id.padEnd(28)} ${run.seconds.toFixed(2)} s  exit ${run.exitCode}  load ${load1.toFixed(1)}${unexpected ? ' (unexpected)' : ''}`);
      if (unexpected) log(`  last output: ${(run.stderr + run.stdout).trim().split('\n').slice(-8).join('\n  ')}`);
      if (pass === 'warm-up') continue;
      result.samples.push(run.seconds);
      result.exitCodes.push(run.exitCode);
      result.load1.push(load1);
    }
  }
  return results;
}

async function runThroughput(env: Record<string, string>, args: string[]): Promise<ThroughputOutput> {
  const run = await runNode([...THROUGHPUT, ...args], cleanEnv(env));
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.exitCode !== 0 || !last.startsWith('{')) {
    throw new Error(`bench/throughput.ts failed (exit ${run.exitCode}): ${run.stderr.trim().split('\n').slice(-5).join(' / ')}`);
  }
  return JSON.parse(last) as ThroughputOutput;
}

interface BackendResult {
  variant: BackendVariant;
  available: boolean;
  reason?: string;
  simd?: boolean;
  gflops: Record<string, number[]>;
}

async function measureBackends(reps: number, budgetMs: number): Promise<{ auto: ThroughputOutput; results: BackendResult[] }> {
  const auto = await runThroughput({}, ['--probe']);
  const results: BackendResult[] = BACKEND_VARIANTS.map((variant) => ({
    variant,
    available: !variant.notOffered,
    reason: variant.notOffered,
    gflops: Object.fromEntries(WORKLOADS.map((w) => [w, [] as number[]])),
  }));
  for (let rep = 1; rep <= reps; rep++) {
    for (const result of results) {
      if (!result.available) continue;
      const out = await runThroughput(result.variant.env, ['--budget-ms', String(budgetMs)]);
      if ('probe' in out) throw new Error('unexpected probe output');
      if (!out.available) {
        result.available = false;
        result.reason = out.reason;
        log(`rep ${rep}/${reps} ${result.variant.id.padEnd(18)} unavailable: ${out.reason}`);
        continue;
      }
      result.simd = out.simd;
      for (const w of out.workloads) result.gflops[w.name]?.push(w.gflops);
      log(`rep ${rep}/${reps} ${result.variant.id.padEnd(18)} ${out.workloads.map((w) => `${w.name} ${w.gflops.toFixed(2)}`).join(', ')} GFLOP/s`);
    }
  }
  return { auto, results };
}

/** The variant the automatic choice runs: wasm starts with its default flags, i.e. SIMD where supported. */
function autoVariant(auto: ThroughputOutput): string {
  const name = auto.backend;
  return name === 'wasm' ? 'wasm-simd' : name;
}

function updateReadme(section: string): boolean {
  const text = readFileSync(TABLES_DOC, 'utf8');
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start) return false;
  writeFileSync(TABLES_DOC, `${text.slice(0, start + START_MARKER.length)}\n${section}\n${text.slice(end)}`);
  return true;
}

async function main(): Promise<number> {
  const options = parseOptions();
  const loadStart = loadavg();
  const started = new Date();
  log(`${options.reps} repetition(s)${options.warmup ? ' after one warm-up pass' : ''}, one child process at a time`);

  const commands = await measureCommands(options.reps, options.warmup, options.feedback);
  const watches = new Map<string, Summary>();
  for (const c of WATCH_CASES) {
    const samples = await timeWatchReruns(c, options.reps);
    log(`${c.id.padEnd(28)} ${samples.map((x) => x.toFixed(2)).join(' ')} s`);
    watches.set(c.id, summarize(samples));
  }
  const watchRatio = watches.get('watch-01-save')!.median / watches.get('watch-floor')!.median;
  const watchTable = [
    '| watch mode: from a save to the end of its re-run | median (s) | min | max | ÷ floor |',
    '|---|---:|---:|---:|---:|',
    ...WATCH_CASES.map((c) => {
      const w = watches.get(c.id)!;
      return `| ${c.label} | ${w.median.toFixed(2)} | ${w.min.toFixed(2)} | ${w.max.toFixed(2)} | ${(w.median / watches.get('watch-floor')!.median).toFixed(1)}× |`;
    }),
  ].join('\n');
  if (options.feedback) {
    const s = new Map(commands.map((c) => [c.case.id, summarize(c.samples)]));
    const oneExercise = Math.max(s.get('feedback-01-stubs')!.median, s.get('feedback-01-solutions')!.median) / s.get('floor')!.median;
    console.log(
      [
        '',
        ...commands.map((c) => `${c.case.label}: median ${s.get(c.case.id)!.median.toFixed(2)} s (${c.samples.map((x) => x.toFixed(2)).join(', ')})`),
        `one exercise's public tests ÷ floor: ${oneExercise.toFixed(2)}× (target ≤ 1.5×: ${oneExercise <= 1.5 ? 'met' : 'not met'})`,
        '',
        watchTable,
        `watch re-run of the saved exercise ÷ bare Vitest watch: ${watchRatio.toFixed(2)}× (target ≤ 2×: ${watchRatio <= 2 ? 'met' : 'not met'})`,
        `--feedback: ${RESULTS_FILE} and docs/engineering.md left as they are`,
      ].join('\n'),
    );
    return 0;
  }
  const { auto, results: backends } = await measureBackends(options.reps, options.budgetMs);

  // Summaries and ratios (of medians).
  const summaries = new Map<string, Summary>(commands.map((c) => [c.case.id, summarize(c.samples)]));
  const med = (id: string) => summaries.get(id)!.median;
  const floor = med('floor');
  const vsFloor = Object.fromEntries(COMMAND_CASES.filter((c) => c.id !== 'floor').map((c) => [c.id, med(c.id) / floor]));
  const speedUps = [
    { id: 'grading-isolate-on/off', description: 'grading suites: Vitest isolation on ÷ off', ratio: med('grading-suites-isolate') / med('grading-suites-no-isolate') },
    { id: 'tfjs-hook-off/on', description: 'a tfjs test file: without ÷ with the tfjs-core hook', ratio: med('tfjs-file-without-hook') / med('tfjs-file-with-hook') },
    { id: 'sandbox-bwrap/permission-model', description: "grade of the solutions: bubblewrap ÷ Node's permission model alone", ratio: med('grade-solutions') / med('grade-solutions-permission-model') },
  ];
  const gflopSummaries = new Map(
    backends.map((b) => [b.variant.id, WORKLOADS.map((w) => (b.gflops[w]!.length ? summarize(b.gflops[w]!) : undefined))]),
  );
  const cpu = gflopSummaries.get('cpu')!;
  const vsCpu = Object.fromEntries(
    backends.map((b) => [b.variant.id, WORKLOADS.map((_, i) => { const g = gflopSummaries.get(b.variant.id)![i]; return g && cpu[i] ? g.median / cpu[i]!.median : undefined; })]),
  );
  const autoId = autoVariant(auto);

  const oneExercise = Math.max(vsFloor['feedback-01-stubs']!, vsFloor['feedback-01-solutions']!);
  const autoMatmul = vsCpu[autoId]?.[0];
  const targets: (TargetRow & { id: string })[] = [
    { id: 'one-exercise', description: "one exercise's public tests (01, slower of stubs and solutions) ÷ floor", measured: oneExercise, limit: '≤ 1.5×', met: oneExercise <= 1.5 },
    { id: 'watch-rerun', description: 'watch: re-run after saving 01 ÷ bare Vitest watch re-running one trivial test', measured: watchRatio, limit: '≤ 2×', met: watchRatio <= 2 },
    { id: 'all-public', description: 'all public tests ÷ floor', measured: vsFloor['feedback-all-solutions']!, limit: '≤ 5×', met: vsFloor['feedback-all-solutions']! <= 5 },
    { id: 'grade', description: 'full grade of the solutions ÷ floor', measured: vsFloor['grade-solutions']!, limit: '≤ 15×', met: vsFloor['grade-solutions']! <= 15 },
    { id: 'backend', description: `automatic backend (${autoId}) ÷ cpu, matmul 256`, measured: autoMatmul ?? 0, limit: '≥ 5×', met: (autoMatmul ?? 0) >= 5 },
  ];

  // Tables.
  const commandRows = commands.map((c) => ({
    label: c.case.label,
    seconds: summaries.get(c.case.id)!,
    vsFloor: vsFloor[c.case.id],
    exitCodes: c.exitCodes,
    expectedExit: c.case.expectedExit,
  }));
  const backendRows: BackendRow[] = backends.map((b) => ({
    label: b.variant.id.startsWith('wasm-simd') && b.simd === false ? `${b.variant.label} (no SIMD on this CPU)` : b.variant.label,
    available: b.available,
    reason: b.reason,
    gflops: gflopSummaries.get(b.variant.id)!,
    vsCpu: vsCpu[b.variant.id]!,
    auto: b.variant.id === autoId,
  }));
  const cpuInfo = cpus();
  const machine = {
    os: `${osType()} ${release()} (${platform()}/${arch()})`,
    cpus: cpuInfo.length,
    cpuModel: cpuInfo[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverage: { start: loadStart, end: loadavg() },
  };
  const header =
    `Measured ${started.toISOString().slice(0, 10)} on ${machine.cpus} × ${machine.cpuModel}, ${machine.os}, Node ${machine.node}; ` +
    `${options.reps} repetition(s) per case${options.quick ? ' (--quick)' : ''}, medians, spread = (max − min) ÷ median; ` +
    `load average ${loadStart.map((x) => x.toFixed(1)).join(' / ')} at the start.`;
  const section = [
    header,
    '',
    commandTable(commandRows),
    '',
    watchTable,
    '',
    speedUpTable(speedUps),
    '',
    backendTable(WORKLOADS, backendRows),
    '',
    'FLOP counts: matmul n×n·n×n = 2·n³; attention = 2·T²·d (Q·Kᵀ) + 2·T²·d (weights·V), scaling and softmax not counted.',
    '',
    targetTable(targets),
  ].join('\n');
  console.log(`\n${section}\n`);

  const unexpected = commands.filter((c) => c.exitCodes.some((code) => code !== c.case.expectedExit));
  const results = {
    date: started.toISOString(),
    machine,
    settings: { reps: options.reps, quick: options.quick, warmupPass: options.warmup, throughputBudgetMs: options.budgetMs },
    commands: commands.map((c) => ({
      id: c.case.id,
      group: c.case.group,
      label: c.case.label,
      command: `node ${c.case.args('<tmp>').join(' ')}`,
      env: c.case.env ?? {},
      expectedExit: c.case.expectedExit,
      exitCodes: c.exitCodes,
      seconds: summaries.get(c.case.id),
      load1BeforeEachSample: c.load1,
    })),
    throughput: {
      unit: 'GFLOP/s',
      flopCounts: {
        matmul: '2·n³ for an n×n by n×n product',
        attention: '2·T²·d (Q·Kᵀ) + 2·T²·d (weights·V); the 1/√d scaling and the softmax are not counted',
      },
      automaticChoice: auto,
      backends: backends.map((b) => ({
        id: b.variant.id,
        label: b.variant.label,
        env: b.variant.env,
        available: b.available,
        ...(b.reason ? { reason: b.reason } : {}),
        ...(b.simd === undefined ? {} : { simd: b.simd }),
        workloads: Object.fromEntries(WORKLOADS.map((w, i) => [w, gflopSummaries.get(b.variant.id)![i] ?? null])),
      })),
    },
    ratios: {
      vsFloor,
      speedUps: Object.fromEntries(speedUps.map((s) => [s.id, s.ratio])),
      vsCpu: Object.fromEntries(Object.entries(vsCpu).map(([id, r]) => [id, Object.fromEntries(WORKLOADS.map((w, i) => [w, r[i] ?? null]))])),
    },
    targets: targets.map(({ id, description, measured, limit, met }) => ({ id, description, measured, limit, met })),
    watch: Object.fromEntries(watches),
    unexpectedExits: unexpected.map((c) => c.case.id),
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${RESULTS_FILE}`);
  if (options.quick) log('--quick: docs/engineering.md left as it is');
  else if (existsSync(TABLES_DOC) && updateReadme(section)) log('updated docs/engineering.md between the bench markers');
  else log(`docs/engineering.md has no ${START_MARKER} … ${END_MARKER} markers: not updated`);

  if (unexpected.length) {
    log(`commands with an unexpected exit code: ${unexpected.map((c) => c.case.id).join(', ')}`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`[bench] ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 2;
}
