/**
 * The relative imports of the course's own code, read from the source text (nothing is run): what the checks
 * of import boundaries walk, between grader/'s audiences (grader/test/audiences.test.ts) and from trusted
 * code to the shared helpers (grader/test/shared-imports.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../runtime/paths.ts';

/** The TypeScript and .mjs files under `dir`, as paths relative to `root`. */
export function codeFilesUnder(dir: string, root = REPO_ROOT): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

export interface Import {
  /** The imported file, relative to the repository root. */
  path: string;
  /** An `import type …` or `export type … from` statement: erased at run time, so the file is never loaded. */
  typeOnly: boolean;
}

/** `from './x'`, `import './x'` and `import('./x')`: every way a file names another (static, dynamic, re-export). */
const SPECIFIER = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * The specifiers of `import type …` and `export type … from` statements. Only these are type-only: under
 * verbatimModuleSyntax `import { type A } from` still loads its module. A type-only statement this misses
 * (a quote in a comment inside its braces) counts as a value import: a check errs on the safe side.
 */
const TYPE_ONLY = /\b(?:import|export)\s+type\s+[^'";]*?[\s}*]from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The relative imports of `file` (relative to `root`), as paths relative to `root`. */
export function importsOf(file: string, root = REPO_ROOT): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const typeOnlyEnds = new Set([...text.matchAll(TYPE_ONLY)].map((m) => m.index + m[0].length));
  return (
    [...text.matchAll(SPECIFIER)]
      .map((m) => ({ path: relative(root, resolve(root, dirname(file), m[1]!)), typeOnly: typeOnlyEnds.has(m.index + m[0].length) }))
      // Examples in comments name files that do not exist: only real files count.
      .filter(({ path }) => existsSync(join(root, path)))
  );
}
