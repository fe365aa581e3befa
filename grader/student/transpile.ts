/**
 * The student's TypeScript as plain ES modules, for the child process that runs it: each file is
 * transpiled (oxc-transform, ≈3 ms a file, types stripped, `.ts` imports rewritten to `.js`) into a mirror
 * folder under node_modules/.cache, with a source map whose `sources` is the student's own file, so that
 * with --enable-source-maps every stack frame names `exercises/04-lstm/lstm.ts:31`. A file is transpiled
 * again only when its text changed. Bare imports (`mathjs`) resolve from the mirror up to the repository's
 * node_modules, as from the original file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'oxc-transform';
import { REPO_ROOT } from '../runtime/paths.ts';
import { studentPath } from './where.ts';

const CACHE = join(REPO_ROOT, 'node_modules', '.cache', 'seqlab-student');

/** The mirror folder of a source folder (one per submission folder, and one for the child runner). */
export function mirrorOf(sourceRoot: string): string {
  const mirror = join(CACHE, createHash('sha256').update(sourceRoot).digest('hex').slice(0, 16));
  if (!existsSync(join(mirror, 'package.json'))) {
    mkdirSync(mirror, { recursive: true });
    writeFileSync(join(mirror, 'package.json'), '{ "type": "module" }\n');
  }
  return mirror;
}

/** A module that throws the file's syntax errors at import, each once, with file:line:column. */
function syntaxErrorModule(file: string, source: string, errors: { message: string; labels: { start: number }[] }[]): string {
  const lines = errors.map((error) => {
    const at = error.labels[0]?.start;
    if (at === undefined) return `${studentPath(file)}: ${error.message}`;
    const before = source.slice(0, at).split('\n');
    return `${studentPath(file)}:${before.length}:${before.at(-1)!.length + 1}: ${error.message}`;
  });
  return `throw new SyntaxError(${JSON.stringify(lines.join('\n'))});\n`;
}

/** Transpiles `file` (inside `sourceRoot`) into the mirror if needed; returns the URL to import. */
export function transpiled(file: string, sourceRoot: string): string {
  const target = join(mirrorOf(sourceRoot), relative(sourceRoot, file)).replace(/\.ts$/, '.js');
  const url = pathToFileURL(target).href;
  if (!existsSync(file)) return url; // importing it fails with "Cannot find module", naming the file
  const source = readFileSync(file, 'utf8');
  const stamp = `// seqlab-source ${createHash('sha256').update(source).digest('hex')}`;
  if (existsSync(target) && readFileSync(target, 'utf8').includes(stamp)) return url;
  const { code, map, errors } = transformSync(file, source, { sourcemap: true, typescript: { rewriteImportExtensions: 'rewrite' } });
  let output: string;
  if (errors.length > 0 || !map) {
    output = syntaxErrorModule(file, source, errors);
  } else {
    const sourceMap = { ...map, sources: [pathToFileURL(file).href] };
    output = `${code}\n${stamp}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(sourceMap)).toString('base64')}\n`;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, output.includes(stamp) ? output : `${output}${stamp}\n`);
  return url;
}
