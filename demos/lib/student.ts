/**
 * `--student`: a demo runs the student's own functions from exercises/ (in this process: it is their own
 * code on their own machine). A function the demo uses that still throws its TODO stops the demo at once,
 * before any training, with a message saying which one. Every comparison of the student's numbers with the
 * demo's ends with a verdict line (`studentVerdict`): the same, or where they differ and what to check.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { exerciseModulePath } from '../../grader/runtime/paths.ts';
import { submissionDir } from '../../grader/runtime/seam.ts';
import { TODO_PREFIX } from '../../grader/runtime/stubs.ts';

/**
 * The student's module of exercise `id`, from exercises/ (or the folder SEQLAB_SUBMISSION names, as for
 * grading); `uses` are the functions the demo calls.
 */
export async function loadStudentExercise<M>(id: string, uses: readonly (keyof M & string)[]): Promise<M> {
  const path = exerciseModulePath(submissionDir(), id);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`--student: there is no ${id} to run (${path}): ${(error as Error).message}`);
  }
  const unwritten = uses.filter((fn) => source.includes(`${TODO_PREFIX} ${fn}.`));
  if (unwritten.length) {
    const still = unwritten.length === 1 ? 'still throws its TODO' : 'still throw their TODOs';
    throw new Error(`--student: your ${unwritten.join(' and ')} (${id}) ${still}; \`npm run test:exercises -- ${id.slice(0, 2)}\` checks your work`);
  }
  try {
    return (await import(pathToFileURL(path).href)) as M;
  } catch (error) {
    throw new Error(`--student: your ${id} could not be loaded (${path}): ${(error as Error).message}`);
  }
}

/** A student's function compared with the demo's own computation of the same numbers. */
export type StudentComparison = {
  /** The function compared (`bahdanauStep`) and its exercise (`09-attention`). */
  fn: string;
  exercise: string;
  /** Where the largest difference (or the first differing item) is, in the demo's terms, when known. */
  where?: string;
} & (
  | { /** The largest (|a − b|, or |a − b| / |b| when `relative`) difference, and the most it may be. */ difference: number; tolerance: number; relative?: boolean }
  | { /** How many of `of` items (`things`: 'captions', 'samples') are identical. */ same: number; of: number; things: string }
);

/** Two significant digits, as a number reads: 3e-8, 0.89, 12. */
const short = (value: number) => String(Number(value.toPrecision(2)));

/** The verdict of a comparison, in words: "same as the demo's (…)" or "differs from the demo's: … — check …". */
export function verdictText(comparison: StudentComparison): string {
  const check = `check ${comparison.fn} against exercises/${comparison.exercise}/README.md`;
  const at = comparison.where ? ` at ${comparison.where}` : '';
  if ('things' in comparison) {
    const { same, of, things } = comparison;
    return same === of
      ? `same as the demo's (${same}/${of} ${things} identical)`
      : `differs from the demo's: ${of - same} of ${of} ${things} differ${comparison.where ? `, the first${at}` : ''} — ${check}`;
  }
  const { difference, tolerance, relative } = comparison;
  const what = `max ${relative ? 'relative ' : ''}difference`;
  return difference <= tolerance // NaN is never within
    ? `same as the demo's (${what} ${short(difference)}, ${tolerance === 0 ? 'an exact match' : `within ${tolerance.toExponential(0).replace('e+', 'e')}`})`
    : `differs from the demo's: ${what} ${short(difference)}${at} — ${check}`;
}

/** The metric line that ends a student comparison: `your <fn>: verdict` → its verdict. */
export function studentVerdict(comparison: StudentComparison): Record<string, string> {
  return { [verdictKey(comparison.fn)]: verdictText(comparison) };
}

/** The name of the verdict metric of a function. */
export const verdictKey = (fn: string) => `your ${fn}: verdict`;
