/**
 * `--student`: a demo runs the student's own functions from exercises/ (in this process: it is their own
 * code on their own machine). A function the demo uses that still throws its TODO stops the demo at once,
 * before any training, with a message saying which one.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { exerciseModulePath } from '../../grader/paths.ts';
import { submissionDir } from '../../grader/seam.ts';
import { TODO_PREFIX } from '../../grader/stubs.ts';

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
