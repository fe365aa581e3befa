/**
 * Where in the student's files something happened: the first stack frame inside the submission, as
 * `exercises/04-lstm/lstm.ts:31` with the source line, so that a crash says where and not only what.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { REPO_ROOT } from '../runtime/paths.ts';
import type { Frame } from './protocol.ts';

/** A path as the student reads it: relative to the repository, with '/', or absolute if outside it. */
export function studentPath(file: string): string {
  const inside = relative(REPO_ROOT, file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside.split(sep).join('/');
}

const isInside = (file: string, folder: string): boolean => {
  const path = relative(folder, file);
  return !path.startsWith('..') && !isAbsolute(path) && !path.split(sep).includes('node_modules');
};

/** The innermost frame in the submission folder, if any. */
export function studentFrame(frames: readonly Frame[], submission: string): Frame | undefined {
  return frames.find((f) => isInside(f.file, submission));
}

/** Line `line` (1-based) of `file`, trimmed, or undefined. */
function sourceLine(file: string, line: number): string | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').split('\n')[line - 1]?.trim();
  return text ? (text.length > 100 ? `${text.slice(0, 99)}…` : text) : undefined;
}

/** "at exercises/04-lstm/lstm.ts:31 (in lstmForward)\n  31 | const h = x.forEach(…)" */
export function describeFrame(frame: Frame): string {
  const fn = frame.fn && /^[\w$.]+$/.test(frame.fn) ? ` (in ${frame.fn})` : '';
  const code = sourceLine(frame.file, frame.line);
  return `at ${studentPath(frame.file)}:${frame.line}${fn}${code ? `\n  ${frame.line} | ${code}` : ''}`;
}

/** A stack as Vitest's `--reporter=default` shows it: the student's frames only (no grader, no Node internals). */
export function studentStack(name: string, message: string, frames: readonly Frame[], submission: string): string {
  const own = frames.filter((f) => isInside(f.file, submission));
  return [`${name}: ${message}`, ...own.map((f) => `    at ${f.fn ? `${f.fn} (${f.file}:${f.line}:${f.column})` : `${f.file}:${f.line}:${f.column}`}`)].join('\n');
}
