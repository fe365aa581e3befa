/**
 * `--student`: a demo runs the student's own functions from exercises/ (in this process: it is their own
 * code on their own machine). A function still throwing its TODO stops the demo with that message.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exerciseModulePath, REPO_ROOT } from '../../grader/paths.ts';

export async function loadStudentExercise<M>(id: string): Promise<M> {
  const path = exerciseModulePath(join(REPO_ROOT, 'exercises'), id);
  try {
    return (await import(pathToFileURL(path).href)) as M;
  } catch (error) {
    throw new Error(`--student: your ${id} could not be loaded (${path}): ${(error as Error).message}`);
  }
}
