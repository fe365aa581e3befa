/**
 * The late policy, one rule for collect and regrade alike:
 * - a student's due time is the deadline, or their roster extension (`+2d`, `+36h` or an ISO instant);
 * - a submission at or before due + grace is on time;
 * - after that it is late by ⌈(time − due) / 24 h⌉ day(s) and loses `penaltyPerDay` % of its points per day
 *   (at most 100 %);
 * - after due + grace + `maxLateDays` days it is not accepted: the row has no grade and says why.
 * With only a deadline (no grace, no penalty, no late days) anything after it is not accepted.
 *
 * A submission's time is what the grader can trust: a snapshot's time (regrade --snapshot), the graded
 * commit's committer date (regrade --deadline, flagged when the history's dates are suspicious), or a CI
 * report's `gradedAt` (collect: the run that produced it started after the push it graded).
 */
import { roundPoints, type GradebookRow } from './collect.ts';

export interface LatePolicy {
  deadline: Date;
  graceMinutes: number;
  /** Percent of the points lost per started day late. */
  penaltyPerDay: number;
  /** Days after due + grace during which late work is still accepted (with the penalty). */
  maxLateDays: number;
}

/** A roster's per-student extension: a shift of the deadline, or a due time of its own. */
export type Extension = { shiftMs: number } | { until: Date };

export interface Lateness {
  /** The student's due time (deadline or extension). */
  dueAt: string;
  /** The time the submission is judged by. */
  submittedAt: string;
  /** 0 when on time. */
  lateDays: number;
  /** Percent of the points lost. */
  penaltyPercent: number;
}

const DAY_MS = 24 * 3600 * 1000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 instant with its time zone, or undefined: a time without a zone would depend on the machine. */
export function parseInstant(text: string): Date | undefined {
  const date = new Date(text);
  return ISO_INSTANT.test(text) && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** `+2d`, `+36h`, `+1.5d` or an ISO instant; throws with what is expected. */
export function parseExtension(text: string): Extension {
  const shift = /^\+(\d+(?:\.\d+)?)([dh])$/.exec(text);
  if (shift) return { shiftMs: Number(shift[1]) * (shift[2] === 'd' ? DAY_MS : 3600 * 1000) };
  const until = parseInstant(text);
  if (until) return { until };
  throw new Error(`extension '${text}' is neither '+Nd', '+Nh' nor an ISO instant with its time zone`);
}

export function dueAt(policy: LatePolicy, extension?: Extension): Date {
  if (!extension) return policy.deadline;
  return 'until' in extension ? extension.until : new Date(policy.deadline.getTime() + extension.shiftMs);
}

/** The last instant a submission is accepted at: due + grace + the late days. */
export function cutOff(policy: LatePolicy, extension?: Extension): Date {
  return new Date(dueAt(policy, extension).getTime() + policy.graceMinutes * 60_000 + policy.maxLateDays * DAY_MS);
}

/** How late a submission at `submittedAt` is, or a reason it is not accepted. */
export function judge(policy: LatePolicy, submittedAt: Date, extension?: Extension): { lateness: Lateness } | { refused: string } {
  const due = dueAt(policy, extension);
  const late = submittedAt.getTime() - due.getTime();
  const lateDays = late <= policy.graceMinutes * 60_000 ? 0 : Math.ceil(late / DAY_MS);
  if (submittedAt > cutOff(policy, extension)) {
    const accepted = policy.maxLateDays ? ` + ${policy.maxLateDays} late day(s)` : '';
    return { refused: `submitted ${submittedAt.toISOString()}, after the cut-off ${cutOff(policy, extension).toISOString()} (due ${due.toISOString()}${policy.graceMinutes ? ` + ${policy.graceMinutes} min grace` : ''}${accepted})` };
  }
  return {
    lateness: {
      dueAt: due.toISOString(),
      submittedAt: submittedAt.toISOString(),
      lateDays,
      penaltyPercent: Math.min(100, lateDays * policy.penaltyPerDay),
    },
  };
}

const isoTime = (date: Date): string => date.toISOString();

/** The policy in one line, with times as `formatTime` writes them. */
export function describePolicy(policy: LatePolicy, formatTime: (date: Date) => string = isoTime): string {
  const parts = [`due ${formatTime(policy.deadline)}${policy.graceMinutes ? ` + ${policy.graceMinutes} min grace` : ''}`];
  parts.push(policy.maxLateDays ? `late work accepted for ${policy.maxLateDays} day(s), −${policy.penaltyPerDay} % per started day` : 'nothing accepted late');
  return parts.join('; ');
}

/** The total after the penalty, to the 1e-6 point. */
export function penalized(total: number, lateness: Lateness | undefined): number {
  return lateness ? roundPoints(total * (1 - lateness.penaltyPercent / 100)) : total;
}

/**
 * The rows with the policy applied: graded rows get `lateness` and `final`; a row submitted after its
 * cut-off, or without a time to judge it by, loses its grade and says why (its commit and times stay).
 */
export function applyLatePolicy(rows: readonly GradebookRow[], policy: LatePolicy, extensions: ReadonlyMap<string, Extension> = new Map()): GradebookRow[] {
  return rows.map((row) => {
    if (row.total === undefined) return row;
    if (!row.submittedAt) return withoutGrade(row, 'the report has no gradedAt: its lateness cannot be judged');
    const verdict = judge(policy, new Date(row.submittedAt), extensions.get(row.student));
    if ('refused' in verdict) return withoutGrade(row, `late: ${verdict.refused}`);
    return { ...row, lateness: verdict.lateness, final: penalized(row.total, verdict.lateness) };
  });
}

function withoutGrade(row: GradebookRow, reason: string): GradebookRow {
  const { total: _total, max: _max, scores: _scores, tests: _tests, neverStarted: _never, ...kept } = row;
  return { ...kept, scores: {}, reason };
}
