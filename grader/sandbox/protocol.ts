/**
 * Messages between the grader (parent) and the sandboxed process that runs one exercise's student code.
 * Values travel by Node's "advanced" IPC serialization (structured clone): plain data only.
 */
export type ToChild = { type: 'load'; url: string } | { type: 'call'; id: number; fn: string; args: unknown[] };

export interface WireError {
  name: string;
  message: string;
}

export type FromChild =
  | { type: 'loaded' }
  | { type: 'load-failed'; error: WireError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: WireError };

/** Node's permission errors say only "Access to this API has been restricted": name what was tried. */
export function describeError(error: unknown): WireError {
  const e = error as { name?: string; message?: string; code?: string; permission?: string; resource?: string };
  if (e?.code === 'ERR_ACCESS_DENIED') {
    const what: Record<string, string> = {
      FileSystemRead: `tried to read ${e.resource}`,
      FileSystemWrite: `tried to write ${e.resource}`,
      ChildProcess: 'tried to start a child process',
      WorkerThreads: 'tried to start a worker thread',
      Process: `tried to use ${e.resource}`,
    };
    return { name: 'AccessDenied', message: `${what[e.permission ?? ''] ?? `tried to use ${e.permission}`}: not allowed` };
  }
  return { name: String(e?.name ?? 'Error'), message: String(e?.message ?? error) };
}
