/**
 * Deliberately wrong implementations (grader/test/mutants/<id>.ts) must lose points in their exercise.
 * Round k grades, together, the k-th mutant of every exercise that has one.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { COURSE, slugOf } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import type { Mutant } from './mutants/mutant.ts';
import { runGrader } from '../teacher/run-grader.ts';

// SEQLAB_MUTANTS_ONLY=07-char-lm,08-seq2seq runs only those exercises' mutants (while writing them).
const only = process.env.SEQLAB_MUTANTS_ONLY?.split(',').map((id) => id.trim());
const mutantsByExercise = new Map<string, Mutant[]>();
for (const { id } of COURSE.filter((e) => !only || only.includes(e.id))) {
  const file = join(REPO_ROOT, 'grader/test/mutants', `${id}.ts`);
  if (existsSync(file)) mutantsByExercise.set(id, ((await import(pathToFileURL(file).href)) as { mutants: Mutant[] }).mutants);
}

/** Applies a mutant to a copy of the solution text; throws if its `find` text is gone. */
export function applyMutant(source: string, mutant: Mutant): string {
  if (!source.includes(mutant.find)) throw new Error(`mutant '${mutant.name}': text not found in the solution: ${mutant.find}`);
  const edited = mutant.all ? source.split(mutant.find).join(mutant.replace) : source.replace(mutant.find, mutant.replace);
  return mutant.addImport ? `${mutant.addImport}\n${edited}` : edited;
}

const rounds = Math.max(0, ...[...mutantsByExercise.values()].map((m) => m.length));

test('every exercise has deliberately wrong implementations', () => {
  for (const id of only ?? COURSE.map((e) => e.id)) expect(mutantsByExercise.get(id)?.length ?? 0, id).toBeGreaterThanOrEqual(3);
});

describe.each(Array.from({ length: rounds }, (_, k) => k))('mutant round %i', (round) => {
  const inRound = [...mutantsByExercise].flatMap(([id, list]) => (list[round] ? [{ id, mutant: list[round]! }] : []));

  test(`each loses points: ${inRound.map((m) => `${m.id}: ${m.mutant.name}`).join('; ')}`, async () => {
    const dir = join(REPO_ROOT, '.seqlab', 'tmp', `mutants-${round}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(join(REPO_ROOT, 'solutions'), dir, { recursive: true });
    for (const { id, mutant } of inRound) {
      const file = join(dir, id, mutant.file ?? `${slugOf(id)}.ts`);
      writeFileSync(file, applyMutant(readFileSync(file, 'utf8'), mutant));
    }
    // In-process: mutants are our own code, and the sandbox has its own tests.
    const { report } = await runGrader(dir, ['--only', inRound.map((m) => m.id).join(','), '--in-process']);
    for (const { id, mutant } of inRound) {
      const exercise = report.exercises.find((e) => e.id === id)!;
      expect(exercise.score, `${id}: '${mutant.name}' kept all ${exercise.maxScore} points`).toBeLessThan(exercise.maxScore);
    }
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});

test('mutant files only hold exercises of the manifest', () => {
  const files = readdirSync(join(REPO_ROOT, 'grader/test/mutants')).filter((f) => f !== 'mutant.ts');
  for (const f of files) expect(COURSE.map((e) => `${e.id}.ts`)).toContain(f);
});
