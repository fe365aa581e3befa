/**
 * A small class of sample grade reports for the gradebook's tests and its browser check: full marks,
 * partial marks with half points, a student who never started (every test fails on its TODO stub), a
 * flagged submission, a corrupt report, an empty folder and a report of an unsupported schemaVersion. Each
 * exercise has one hidden test holding all its points, so its pass rate is the share of full marks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COURSE } from '../runtime/manifest.ts';
import type { CollectedReport } from '../teacher/gradebook/collect.ts';
import { TODO_PREFIX } from '../runtime/stubs.ts';

export const SAMPLE_GRADED_AT = '2026-11-20T10:00:00.000Z';
export const SAMPLE_COMMIT = '3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a';
export const SAMPLE_FINDING = 'exercises/05-gru/gru.ts tried to read a file outside the submission';

/** The message of a test that failed on a stub, as the report words it. */
export const STUB_MESSAGE = `not implemented yet — ${TODO_PREFIX} rnnForward`;

/** A valid report with these points per exercise (one test per exercise, so every sum adds up). */
export function sampleReport(points: readonly number[], extra: Partial<CollectedReport> = {}, failure = 'wrong'): CollectedReport {
  const exercises = COURSE.map((spec, i) => {
    const score = points[i] ?? 0;
    return {
      id: spec.id,
      title: spec.title,
      score,
      maxScore: spec.points,
      tests: [{ name: `${spec.id} hidden suite`, status: score === spec.points ? 'passed' as const : 'failed' as const, score, maxScore: spec.points, hidden: true, message: score === spec.points ? '' : failure }],
    };
  });
  return {
    schemaVersion: 1,
    score: exercises.reduce((s, e) => s + e.score, 0),
    maxScore: exercises.reduce((s, e) => s + e.maxScore, 0),
    backend: 'wasm',
    submission: 'exercises',
    gradedAt: SAMPLE_GRADED_AT,
    exercises,
    integrity: { ok: true, findings: [] },
    warnings: [],
    ...extra,
  };
}

/** Folder name → grade-report.json text, or undefined for a folder without a report. */
export const SAMPLE_CLASS: Record<string, string | undefined> = {
  ana: JSON.stringify(sampleReport([17, 41, 17, 30, 19], { sandbox: 'bwrap' })),
  ben: JSON.stringify(sampleReport([17, 20.5, 0, 10, 19], { sandbox: 'permission-model' })),
  cleo: JSON.stringify(sampleReport([17, 41, 17, 30, 19], { commit: SAMPLE_COMMIT, integrity: { ok: false, findings: [SAMPLE_FINDING] } })),
  dan: '{"schemaVersion": 1, "score": ',
  eve: JSON.stringify(sampleReport([0, 0, 0, 0, 0], {}, STUB_MESSAGE)),
  finn: undefined,
  gus: JSON.stringify({ ...sampleReport([17, 41, 17, 30, 19]), schemaVersion: 2 }),
  hana: JSON.stringify(sampleReport([17, 30, 8.5, 15, 0])),
  ivo: JSON.stringify(sampleReport([10, 41, 17, 30, 19])),
  jo: JSON.stringify(sampleReport([17, 41, 17, 0, 0])),
};

/** Writes SAMPLE_CLASS as `dir/<student>/grade-report.json`, the layout of downloaded artifacts. */
export function writeSampleClass(dir: string): void {
  for (const [student, text] of Object.entries(SAMPLE_CLASS)) {
    mkdirSync(join(dir, student), { recursive: true });
    if (text !== undefined) writeFileSync(join(dir, student, 'grade-report.json'), text);
  }
}
