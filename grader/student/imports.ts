/**
 * Which of the submission's own files a module imports (relative `.ts` imports; `import type` is erased and
 * left out), and the order to evaluate them in. Read from the source text: the student's code is never run
 * to find out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** `import … from './x.ts'`, `export … from '../01-rnn-forward/rnn-forward.ts'`, `import '../shared/y.ts'`. */
const RELATIVE_IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+\.ts)['"]/gm;

/** The files `file` imports for their values, as absolute paths. */
export function localImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(RELATIVE_IMPORT)].filter((m) => !m[2]).map((m) => resolve(dirname(file), m[3]!));
}

export interface LoadStep {
  file: string;
  /** The first module found importing it (undefined for the entry). */
  importer?: string;
}

/**
 * Every file `entry` depends on, dependencies before their importers and `entry` last, each with an
 * importer: evaluating them in this order, the module being evaluated when something goes wrong is the one
 * at fault. A missing file is kept in the list (its import will fail and say so).
 */
export function loadOrder(entry: string): LoadStep[] {
  const order: LoadStep[] = [];
  const seen = new Set<string>();
  const visit = (file: string, importer?: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (existsSync(file)) for (const dependency of localImports(file)) visit(dependency, file);
    order.push({ file, ...(importer ? { importer } : {}) });
  };
  visit(entry);
  return order;
}
