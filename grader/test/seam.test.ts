import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../runtime/paths.ts';
import { InputMutationError, loadSubmission, SubmissionLoadError } from '../runtime/seam.ts';

type Step = { rnnStepForward(x: number[][], h: number[][]): Promise<{ h: number[][] }> };
const root = join(REPO_ROOT, '.seqlab', 'tmp', 'seam-test');
let counter = 0;

/** A fresh submission folder whose 01 module has the given source. */
function submission(source: string): Step {
  const dir = join(root, String(counter++));
  mkdirSync(join(dir, '01-rnn-forward'), { recursive: true });
  writeFileSync(join(dir, '01-rnn-forward', 'rnn-forward.ts'), source);
  process.env.SEQLAB_SUBMISSION = dir;
  return loadSubmission('01-rnn-forward') as unknown as Step;
}

beforeEach(() => {
  delete process.env.SEQLAB_SUBMISSION;
});
afterAll(() => {
  delete process.env.SEQLAB_SUBMISSION;
  rmSync(root, { recursive: true, force: true });
});

describe('loadSubmission', () => {
  test('calls the student function and returns a copy of its result', async () => {
    const student = submission('const shared = [[1]]; export function rnnStepForward(x) { return { h: shared }; }');
    const first = await student.rnnStepForward([[0]], [[0]]);
    first.h[0]![0] = 99;
    expect((await student.rnnStepForward([[0]], [[0]])).h).toEqual([[1]]);
  });

  test('names the input a function mutated, with the index', async () => {
    const student = submission('export function rnnStepForward(x, hPrev) { hPrev[0][1] = 5; return { h: hPrev }; }');
    const call = student.rnnStepForward([[1, 2]], [[3, 4]]);
    await expect(call).rejects.toThrow(InputMutationError);
    await expect(student.rnnStepForward([[1, 2]], [[3, 4]])).rejects.toThrow('rnnStepForward mutated its input hPrev[0][1]');
  });

  test('a module that throws at import fails every call with a SubmissionLoadError', async () => {
    const student = submission('throw new Error("boom at import");');
    await expect(student.rnnStepForward([[0]], [[0]])).rejects.toThrow(SubmissionLoadError);
    await expect(student.rnnStepForward([[0]], [[0]])).rejects.toThrow(/01-rnn-forward failed to load: boom at import/);
  });

  test('a syntax error is a load error too', async () => {
    const student = submission('export function rnnStepForward( {');
    await expect(student.rnnStepForward([[0]], [[0]])).rejects.toThrow(SubmissionLoadError);
  });

  test('a missing export is reported by name', async () => {
    const student = submission('export const other = 1;');
    await expect(student.rnnStepForward([[0]], [[0]])).rejects.toThrow('01-rnn-forward does not export a function named rnnStepForward');
  });

  test('a missing file says where it looked', async () => {
    process.env.SEQLAB_SUBMISSION = join(root, 'nowhere');
    const student = loadSubmission('01-rnn-forward') as unknown as Step;
    await expect(student.rnnStepForward([[0]], [[0]])).rejects.toThrow(/no file .*nowhere.*rnn-forward\.ts/);
  });

  test('exposes only the functions the manifest lists', () => {
    expect((loadSubmission('01-rnn-forward') as Record<string, unknown>).somethingElse).toBeUndefined();
  });
});
