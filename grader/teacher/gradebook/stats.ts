/**
 * What the gradebook page summarises: per-exercise means over the graded students, the histogram of
 * totals, and the submissions to look at (flagged ones and those without a grade).
 */
import { COURSE } from '../../runtime/manifest.ts';
import { countedTotal, type GradebookRow } from './collect.ts';

export interface ExerciseMean {
  id: string;
  title: string;
  maxScore: number;
  /** Students whose report holds the exercise. */
  count: number;
  /** Undefined when no student has it. */
  mean?: number;
  /** Students with every point of it. */
  fullMarks: number;
}

/** How many graded students pass one hidden test. */
export interface TestPassRate {
  exercise: string;
  name: string;
  passed: number;
  count: number;
}

export interface HistogramBin {
  /** Totals t with from ≤ t < to (the last bin also holds t = to). */
  from: number;
  to: number;
  count: number;
}

export interface GradebookStats {
  students: number;
  graded: number;
  flagged: GradebookRow[];
  ungraded: GradebookRow[];
  /** The largest `max` among graded rows (the course total when none). */
  maxTotal: number;
  meanTotal?: number;
  medianTotal?: number;
  exercises: ExerciseMean[];
  /** Hidden tests, the least passed first (ties by exercise, then suite order). */
  hiddenTests: TestPassRate[];
  /** Graded students whose every test failed on a TODO stub. */
  neverStarted: GradebookRow[];
  /** Graded students with late days. */
  late: GradebookRow[];
  histogram: HistogramBin[];
}

export const HISTOGRAM_BINS = 10;

export const isGraded = (row: GradebookRow): row is GradebookRow & { total: number; max: number } =>
  row.total !== undefined && row.max !== undefined;

/** Points for people: at most two decimals, no trailing zeros ('8.5', '17', '11.33'). */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `bins` bins of equal whole-point width from 0 to at least `maxTotal`. */
export function histogram(totals: readonly number[], maxTotal: number, bins = HISTOGRAM_BINS): HistogramBin[] {
  const width = Math.max(1, Math.ceil(maxTotal / bins));
  const count = Math.max(1, Math.ceil(maxTotal / width));
  const result = Array.from({ length: count }, (_, i): HistogramBin => ({ from: i * width, to: (i + 1) * width, count: 0 }));
  for (const total of totals) {
    const index = Math.min(count - 1, Math.max(0, Math.floor(total / width)));
    result[index]!.count++;
  }
  return result;
}

export function gradebookStats(rows: readonly GradebookRow[]): GradebookStats {
  const graded = rows.filter(isGraded);
  // The totals that count: after the late penalty when one applied.
  const totals = graded.map((r) => countedTotal(r)!);
  const courseTotal = COURSE.reduce((sum, e) => sum + e.points, 0);
  const maxTotal = graded.length ? Math.max(...graded.map((r) => r.max)) : courseTotal;
  const exercises = COURSE.map((spec): ExerciseMean => {
    const scores = graded.map((r) => r.scores[spec.id]).filter((s): s is number => s !== undefined);
    return {
      id: spec.id,
      title: spec.title,
      maxScore: spec.points,
      count: scores.length,
      fullMarks: scores.filter((score) => score >= spec.points - 1e-6).length,
      ...(scores.length ? { mean: scores.reduce((a, b) => a + b, 0) / scores.length } : {}),
    };
  });
  return {
    students: rows.length,
    graded: graded.length,
    flagged: rows.filter((r) => r.integrity === 'flagged'),
    ungraded: rows.filter((r) => !isGraded(r)),
    maxTotal,
    ...(totals.length ? { meanTotal: totals.reduce((a, b) => a + b, 0) / totals.length, medianTotal: median(totals) } : {}),
    exercises,
    hiddenTests: hiddenPassRates(graded),
    neverStarted: graded.filter((r) => r.neverStarted),
    late: graded.filter((r) => (r.lateness?.lateDays ?? 0) > 0),
    histogram: histogram(totals, maxTotal),
  };
}

function hiddenPassRates(graded: readonly GradebookRow[]): TestPassRate[] {
  const rates = new Map<string, TestPassRate & { order: number }>();
  for (const row of graded) {
    for (const test of row.tests ?? []) {
      if (!test.hidden) continue;
      const key = `${test.exercise}\u0000${test.name}`;
      const rate = rates.get(key) ?? { exercise: test.exercise, name: test.name, passed: 0, count: 0, order: rates.size };
      rate.count++;
      if (test.passed) rate.passed++;
      rates.set(key, rate);
    }
  }
  return [...rates.values()]
    .sort((a, b) => a.passed / a.count - b.passed / b.count || a.order - b.order)
    .map(({ order: _order, ...rate }) => rate);
}
