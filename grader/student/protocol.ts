/**
 * Messages between a public-test worker and the child process that runs one exercise's student code
 * (grader/student/process.ts ↔ child.ts). Values travel by Node's "advanced" IPC serialization
 * (structured clone): plain data only.
 */

/** One module to evaluate, in dependency order: the student's file, its transpiled URL, who imports it. */
export interface ModuleStep {
  file: string;
  url: string;
  importer?: string;
}

export type ToChild = { type: 'load'; steps: ModuleStep[] } | { type: 'call'; id: number; fn: string; args: unknown[] };

/** A frame of a stack trace, already mapped back to the TypeScript source by --enable-source-maps. */
export interface Frame {
  file: string;
  line: number;
  column: number;
  fn?: string;
}

export interface WireError {
  name: string;
  message: string;
  /** The stack's frames, innermost first. */
  frames: Frame[];
}

export type FromChild =
  | { type: 'loading'; step: number }
  | { type: 'loaded' }
  | { type: 'load-failed'; step: number; error: WireError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: WireError }
  | { type: 'missing'; id: number; exported: string[] };
