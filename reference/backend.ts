/**
 * The one place that chooses the TensorFlow.js backend.
 *
 * SEQLAB_BACKEND=tensorflow|wasm|cpu forces a backend (and fails loudly if it cannot start); unset, the
 * first that starts wins: tensorflow (native: @tensorflow/tfjs-node-gpu where installed, else the optional
 * @tensorflow/tfjs-node) → wasm → cpu.
 * The choice is printed once per run (the grader and the test config announce it, and set
 * SEQLAB_BACKEND_ANNOUNCED so their worker processes stay quiet) and written into every grade report.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers no gradients by itself: tf.grads needs this (see grader/runtime/loader/tfjs-core-esm.mjs).
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';

export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendChoice {
  name: BackendName;
  /** Why each backend tried before the chosen one did not start. */
  skipped: { name: BackendName; reason: string }[];
}

/**
 * Installed by hand on a CUDA machine, never a dependency of the course or of a release: imported through a
 * variable, so that the release builder, which declares every package a released file imports literally, leaves
 * it out of the release's package.json.
 */
const CUDA_PACKAGE = '@tensorflow/tfjs-node-gpu';

const starters: Record<BackendName, () => Promise<void>> = {
  async tensorflow() {
    // The CUDA build first where someone installed it (README, Backends): it registers the same backend. Only its
    // absence falls through; an installed build that fails to start (no CUDA) fails this backend with its reason.
    try {
      await import(CUDA_PACKAGE);
      return;
    } catch (error) {
      if (!String(error).includes(`Cannot find package '${CUDA_PACKAGE}'`) && !String(error).includes(`Cannot find module '${CUDA_PACKAGE}'`)) throw error;
    }
    // @ts-ignore — optional dependency without bundled types; absent where its install failed.
    await import('@tensorflow/tfjs-node');
  },
  async wasm() {
    await import('@tensorflow/tfjs-backend-wasm');
    // The threaded build starts its workers from blob: URLs, which Node's Worker rejects; the SIMD build
    // without threads is the fastest that runs here.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  },
  async cpu() {},
};

async function start(name: BackendName): Promise<void> {
  await starters[name]();
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') returned false`);
  await tf.ready();
  tf.dispose(tf.scalar(0)); // the first write is when the cpu backend prints its banner
}

function requestedBackend(): BackendName | undefined {
  const requested = process.env.SEQLAB_BACKEND?.trim();
  if (!requested) return undefined;
  if (!(BACKENDS as readonly string[]).includes(requested)) {
    throw new Error(`SEQLAB_BACKEND='${requested}' is not a backend; use one of ${BACKENDS.join(', ')}`);
  }
  return requested as BackendName;
}

let choice: Promise<BackendChoice> | undefined;

/** Starts the backend once per process and returns which one runs. */
export function initBackend(): Promise<BackendChoice> {
  choice ??= chooseBackend().then((chosen) => {
    if (!process.env.SEQLAB_BACKEND_ANNOUNCED) {
      console.error(`[seqlab] ${announceBackend(chosen)}`);
    }
    return chosen;
  });
  return choice;
}

async function chooseBackend(): Promise<BackendChoice> {
  // The cpu backend's first-use banner ("install tfjs-node") prints only when IS_NODE is set; our own
  // announcement says the same more precisely, so the flag is off while the backend starts.
  tf.env().set('IS_NODE', false);
  try {
    const requested = requestedBackend();
    if (requested) {
      try {
        await start(requested);
      } catch (error) {
        throw new Error(`SEQLAB_BACKEND=${requested} could not start: ${(error as Error).message}`);
      }
      return { name: requested, skipped: [] };
    }
    const skipped: BackendChoice['skipped'] = [];
    for (const name of BACKENDS) {
      try {
        await start(name);
        return { name, skipped };
      } catch (error) {
        skipped.push({ name, reason: firstLine((error as Error).message) });
      }
    }
    throw new Error(`no TensorFlow.js backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
  } finally {
    tf.env().set('IS_NODE', true);
  }
}

export function describeBackend(chosen: BackendChoice): string {
  const how = process.env.SEQLAB_BACKEND ? 'set by SEQLAB_BACKEND' : 'chosen automatically';
  const skipped = chosen.skipped.map((s) => `${s.name} unavailable: ${s.reason}`);
  return [`${chosen.name} (${how})`, ...skipped].join('; ');
}

const BACKEND_WORDS: Record<string, string> = { tensorflow: 'native TensorFlow', wasm: 'WebAssembly', cpu: 'plain JavaScript (slow)' };

/**
 * The one line a student sees: which backend, in words. Why the others were skipped (an optional package
 * not installed) is in describeBackend, which goes into the grade report, and is said here only when a
 * backend was asked for by SEQLAB_BACKEND.
 */
function announceBackend(chosen: BackendChoice): string {
  return `using TensorFlow.js on ${BACKEND_WORDS[chosen.name] ?? chosen.name}${process.env.SEQLAB_BACKEND ? ` (${describeBackend(chosen)})` : ''}`;
}

const firstLine = (text: string): string => text.split('\n')[0]!.slice(0, 200);
