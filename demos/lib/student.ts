/**
 * `--student`: a demo runs the student's own functions from exercises/ (in this process: it is their own
 * code on their own machine). A function still throwing its TODO stops the demo with that message.
 */
import { pathToFileURL } from 'node:url';
import { exerciseModulePath } from '../../grader/paths.ts';
import { submissionDir } from '../../grader/seam.ts';

/** The student's module of exercise `id`, from exercises/ (or the folder SEQLAB_SUBMISSION names, as for grading). */
export async function loadStudentExercise<M>(id: string): Promise<M> {
  const path = exerciseModulePath(submissionDir(), id);
  try {
    return (await import(pathToFileURL(path).href)) as M;
  } catch (error) {
    throw new Error(`--student: your ${id} could not be loaded (${path}): ${(error as Error).message}`);
  }
}
