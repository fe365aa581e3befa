/**
 * The benchmark's results as markdown tables (printed by bench/run.ts and written into README.md).
 */
import type { Summary } from './stats.ts';

export interface CommandRow {
  label: string;
  seconds: Summary;
  /** Median ÷ the floor's median; undefined for the floor itself. */
  vsFloor?: number;
  exitCodes: number[];
  expectedExit: number;
}

export interface BackendRow {
  label: string;
  available: boolean;
  reason?: string;
  /** GFLOP/s per workload, in the order of `workloads`. */
  gflops: (Summary | undefined)[];
  /** Median ÷ cpu's median per workload. */
  vsCpu: (number | undefined)[];
  auto: boolean;
}

export interface TargetRow {
  description: string;
  measured: number;
  limit: string;
  met: boolean;
}

export interface SpeedUpRow {
  description: string;
  ratio: number;
}

const s = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${Math.round(x * 100)} %`;
const times = (x: number | undefined): string => (x === undefined ? '—' : `${x.toFixed(1)}×`);
const gflop = (x: number): string => (x >= 10 ? x.toFixed(1) : x.toFixed(2));

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function commandTable(rows: CommandRow[]): string {
  return table(
    ['command', 'median s', 'min s', 'max s', 'spread', '× floor', 'exit'],
    rows.map((r) => {
      const codes = [...new Set(r.exitCodes)];
      const exit = codes.length === 1 && codes[0] === r.expectedExit ? String(r.expectedExit) : `${codes.join(',')} (expected ${r.expectedExit})`;
      return [r.label, s(r.seconds.median), s(r.seconds.min), s(r.seconds.max), pct(r.seconds.spread), times(r.vsFloor), exit];
    }),
  );
}

export function speedUpTable(rows: SpeedUpRow[]): string {
  return table(['already-made speed-up', 'slower ÷ faster'], rows.map((r) => [r.description, times(r.ratio)]));
}

export function backendTable(workloads: string[], rows: BackendRow[]): string {
  return table(
    ['backend', ...workloads.map((w) => `${w} GFLOP/s (× cpu)`), 'spread (max)'],
    rows.map((r) => {
      const label = r.auto ? `${r.label} ← automatic choice` : r.label;
      if (!r.available) return [label, ...workloads.map(() => '—'), `unavailable: ${(r.reason ?? '').replaceAll('|', '\\|')}`];
      const cells = r.gflops.map((g, i) => (g ? `${gflop(g.median)} (${times(r.vsCpu[i])})` : '—'));
      const spread = Math.max(...r.gflops.map((g) => g?.spread ?? 0));
      return [label, ...cells, pct(spread)];
    }),
  );
}

export function targetTable(rows: TargetRow[]): string {
  return table(
    ['target (2-core machine)', 'measured', 'limit', 'met'],
    rows.map((r) => [r.description, `${r.measured.toFixed(1)}×`, r.limit, r.met ? 'met' : 'not met']),
  );
}
