/**
 * The loader seam: the only way suites (public and hidden) reach a student's functions.
 *
 *     const student = loadSubmission<typeof Exercise>('01-rnn-forward');
 *     const { h } = await student.rnnStepForward(x, hPrev, Wx, Wh, b);
 *
 * Every call is asynchronous so that the implementation behind it can move into another process without
 * touching the suites. Today it imports the module in-process, lazily (a module that fails to load fails
 * each test that calls it, with the load error), and checks on every call that the function left its
 * arguments untouched; the result is deep-copied so it can never alias the suite's own arrays.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exerciseById } from './manifest.ts';
import { exerciseModulePath, REPO_ROOT } from './paths.ts';

/** The submission module could not be loaded: the report marks such tests as `error`. */
export class SubmissionLoadError extends Error {
  override name = 'SubmissionLoadError';
}

/** A student function changed one of its inputs. */
export class InputMutationError extends Error {
  override name = 'InputMutationError';
}

type AnyFunction = (...args: never[]) => unknown;
/** The module's functions as the seam exposes them: same arguments, always a Promise of the result. */
export type Remote<M> = {
  [K in keyof M as M[K] extends AnyFunction ? K : never]: M[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/** The folder graded: SEQLAB_SUBMISSION (set by the grader), else the repository's exercises/. */
export function submissionDir(): string {
  const dir = process.env.SEQLAB_SUBMISSION;
  if (!dir) return join(REPO_ROOT, 'exercises');
  return isAbsolute(dir) ? dir : resolve(REPO_ROOT, dir);
}

const loaded = new Map<string, Promise<Record<string, unknown>>>();

function importExercise(id: string): Promise<Record<string, unknown>> {
  const path = exerciseModulePath(submissionDir(), id);
  let module = loaded.get(path);
  if (!module) {
    module = existsSync(path)
      ? import(pathToFileURL(path).href).catch((error: unknown) => {
          throw new SubmissionLoadError(`${id} failed to load: ${String((error as Error)?.message ?? error)}`);
        })
      : Promise.reject(new SubmissionLoadError(`${id}: no file ${path}`));
    module.catch(() => {}); // rejected loads are reported by each call, not as unhandled rejections
    loaded.set(path, module);
  }
  return module;
}

export function loadSubmission<M>(id: string): Remote<M> {
  const functions = new Set(exerciseById(id).functions);
  return new Proxy({} as Remote<M>, {
    get(_target, name) {
      if (typeof name !== 'string' || !functions.has(name)) return undefined;
      return async (...args: unknown[]) => {
        const module = await importExercise(id);
        const fn = module[name];
        if (typeof fn !== 'function') throw new Error(`${id} does not export a function named ${name}`);
        const before = structuredClone(args);
        const result: unknown = await fn(...args);
        const change = firstDifference(before, args);
        if (change) {
          const argName = parameterNames(fn)[change.index] ?? `argument ${change.index + 1}`;
          throw new InputMutationError(`${name} mutated its input ${argName}${change.path}: inputs must stay unchanged`);
        }
        return copyResult(result, name);
      };
    },
  });
}

function copyResult(result: unknown, name: string): unknown {
  try {
    return structuredClone(result);
  } catch {
    throw new Error(`${name} returned something that is not plain data (numbers, arrays, objects)`);
  }
}

/** Where `after` differs from `before`: index of the argument and a path like [0][2]. */
function firstDifference(before: unknown[], after: unknown[]): { index: number; path: string } | undefined {
  for (let index = 0; index < before.length; index++) {
    const path = diffPath(before[index], after[index]);
    if (path !== undefined) return { index, path };
  }
  return undefined;
}

function diffPath(a: unknown, b: unknown): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return '';
  if (Array.isArray(a) !== Array.isArray(b)) return '';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const inner = diffPath((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
    if (inner !== undefined) return (Array.isArray(a) ? `[${key}]` : `.${key}`) + inner;
  }
  return undefined;
}

/** Parameter names as written in the student's source, for messages ("mutated its input x[0][1]"). */
function parameterNames(fn: Function): string[] {
  const params = /^[^(]*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? '';
  return params.split(',').map((p) => p.replace(/[=:].*$/s, '').trim());
}
