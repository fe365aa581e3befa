/**
 * Runs inside the sandboxed process (under bubblewrap and Node's permission model: it can read only the
 * transpiled submission and node_modules; no writes, no child processes, no workers). Loads one exercise
 * module, then answers calls. It is transpiled into the sandbox folder with the submission, so it runs
 * without a TypeScript loader.
 */
import { firstDifference, isPlainData, mutationMessage } from '../runtime/purity.ts';
import { describeError, type FromChild, type ToChild } from './protocol.ts';

/**
 * Signals and native code are outside the permission model: `process.kill(process.ppid, 'SIGUSR1')` would
 * open the grader's inspector, `_debugProcess` does the same by PID. Under bubblewrap no other process is
 * visible anyway; without it, this is the wall. Removed before any student code runs.
 */
const FORBIDDEN = ['kill', '_kill', '_debugProcess', '_debugEnd', 'dlopen', 'binding', '_linkedBinding'] as const;
for (const name of FORBIDDEN) {
  Object.defineProperty(process, name, {
    value: () => {
      throw Object.assign(new Error(`process.${name} is not allowed in the sandbox`), { code: 'ERR_ACCESS_DENIED', permission: 'Process', resource: `process.${name}` });
    },
    writable: false,
    configurable: false,
  });
}

let exercise: Record<string, unknown> = {};
const send = (message: FromChild): void => {
  process.send!(message);
};

process.on('disconnect', () => process.exit(0)); // the grader is gone: nobody will read the answers

process.on('message', async (message: ToChild) => {
  if (message.type === 'load') {
    try {
      exercise = (await import(message.url)) as Record<string, unknown>;
      send({ type: 'loaded' });
    } catch (error) {
      send({ type: 'load-failed', error: describeError(error) });
    }
    return;
  }
  const fn = exercise[message.fn];
  try {
    if (typeof fn !== 'function') throw new Error(`the module does not export a function named ${message.fn}`);
    const before = structuredClone(message.args);
    const value: unknown = await fn(...message.args);
    const change = firstDifference(before, message.args);
    if (change) {
      send({ type: 'failed', id: message.id, error: { name: 'InputMutationError', message: mutationMessage(message.fn, fn, change) } });
      return;
    }
    if (!isPlainData(value)) {
      send({ type: 'failed', id: message.id, error: { name: 'TypeError', message: `${message.fn} returned something that is not plain data (numbers, arrays, objects)` } });
      return;
    }
    send({ type: 'result', id: message.id, value });
  } catch (error) {
    send({ type: 'failed', id: message.id, error: describeError(error) });
  }
});
