/**
 * Runs in the child process of one exercise (started by grader/student/process.ts, transpiled like the
 * submission so that it needs no TypeScript loader): evaluates the student's modules one by one, saying
 * which one it is on (so that a module that ends the process can be named), then answers calls.
 */
import { firstDifference, isPlainData, mutationMessage } from '../runtime/purity.ts';
import type { Frame, FromChild, ToChild, WireError } from './protocol.ts';

let exercise: Record<string, unknown> = {};
const send = (message: FromChild): void => {
  process.send!(message);
};

/** `at fn (file:///…/lstm.ts:31:7)` or `at file:///…/lstm.ts:31:7`. */
const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

function framesOf(stack: string): Frame[] {
  return stack.split('\n').flatMap((line) => {
    const match = FRAME.exec(line);
    if (!match) return [];
    const [, fn, file, row, column] = match;
    return [{ file: file!.replace(/^file:\/\//, ''), line: Number(row), column: Number(column), ...(fn ? { fn } : {}) }];
  });
}

function describeError(error: unknown): WireError {
  const e = error as { name?: unknown; message?: unknown; stack?: unknown };
  const isError = typeof e === 'object' && e !== null;
  return {
    name: String((isError && e.name) || 'Error'),
    message: String(isError ? e.message : error),
    frames: isError && typeof e.stack === 'string' ? framesOf(e.stack).map((f) => ({ ...f, file: decodeURIComponent(f.file) })) : [],
  };
}

process.on('disconnect', () => process.exit(0)); // the test worker is gone: nobody will read the answers

async function load(steps: Extract<ToChild, { type: 'load' }>['steps']): Promise<void> {
  for (const [step, { url }] of steps.entries()) {
    send({ type: 'loading', step });
    try {
      exercise = (await import(url)) as Record<string, unknown>;
    } catch (error) {
      send({ type: 'load-failed', step, error: describeError(error) });
      return;
    }
  }
  send({ type: 'loaded' });
}

async function call(message: Extract<ToChild, { type: 'call' }>): Promise<void> {
  const fn = exercise[message.fn];
  if (typeof fn !== 'function') {
    send({ type: 'missing', id: message.id, exported: Object.keys(exercise) });
    return;
  }
  try {
    const before = structuredClone(message.args);
    const value: unknown = await fn(...message.args);
    const change = firstDifference(before, message.args);
    if (change) {
      send({ type: 'failed', id: message.id, error: { name: 'InputMutationError', message: mutationMessage(message.fn, fn, change), frames: [] } });
    } else if (!isPlainData(value)) {
      const text = `${message.fn} returned something that is not plain data (numbers, arrays, objects)`;
      send({ type: 'failed', id: message.id, error: { name: 'TypeError', message: text, frames: [] } });
    } else {
      send({ type: 'result', id: message.id, value });
    }
  } catch (error) {
    send({ type: 'failed', id: message.id, error: describeError(error) });
  }
}

process.on('message', (message: ToChild) => void (message.type === 'load' ? load(message.steps) : call(message)));
