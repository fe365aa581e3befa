/**
 * The integrity manifest of a student release (grader/release-manifest.json): the sha256 of every
 * protected file (public tests and their fixtures, the grader, the configs, the workflow, the package
 * files, the bundle) and the hidden tests' names and points, so that a grade without the key can list
 * them as skipped. Verifying a folder against it finds files changed, removed, or added where they would
 * change what the grader runs (test files, grader/, workflows, tool configs).
 *
 * Text is hashed with LF line endings, so a Windows checkout (core.autocrlf) is not a finding.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HiddenTest {
  name: string;
  points: number;
}

export interface ReleaseManifest {
  schemaVersion: 1;
  course: string;
  version: string;
  builtAt: string;
  /** Release path (with '/') → sha256 hex of its content. */
  protected: Record<string, string>;
  /** Exercise id → its hidden tests, in suite order. */
  hidden: Record<string, HiddenTest[]>;
  /**
   * sha256 of grader/bundle.enc. Only in the plain copy: the copy inside the bundle cannot hold its own
   * hash, and with the key the bundle authenticates itself.
   */
  bundleSha256?: string;
}

export interface IntegrityResult {
  ok: boolean;
  findings: string[];
}

export const MANIFEST_PATH = 'grader/release-manifest.json';
export const BUNDLE_PATH = 'grader/bundle.enc';

/** Folders never part of a release's content. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.seqlab', 'coverage']);

/** sha256 of a file's content; text (no NUL byte) with CRLF turned into LF first. */
export function digest(content: Uint8Array): string {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const text = !bytes.includes(0);
  const normalized = text && bytes.includes(13) ? Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1') : bytes;
  return createHash('sha256').update(normalized).digest('hex');
}

const onDisk = (root: string, path: string): string => join(root, ...path.split('/'));

export function hashFiles(root: string, paths: readonly string[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const path of [...paths].sort()) hashes[path] = digest(readFileSync(onDisk(root, path)));
  return hashes;
}

/** Every file under `dir` (release-relative, '/'-separated), without node_modules, .git and .seqlab. */
export function listFiles(root: string, dir = ''): string[] {
  const files: string[] = [];
  const absolute = dir ? onDisk(root, dir) : root;
  if (!existsSync(absolute)) return files;
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...listFiles(root, path));
    } else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

/**
 * Files that are not in the manifest but would change what runs: anything under grader/ or .github/, a
 * test file anywhere, a root-level tool config (Vitest, Vite, npm).
 */
export function isWatchedPath(path: string): boolean {
  return (
    path.startsWith('grader/') ||
    path.startsWith('.github/') ||
    /\.(test|spec)\.[cm]?[jt]sx?$/.test(path) ||
    /^(vite|vitest)\.(config|workspace)\.[cm]?[jt]s$/.test(path) ||
    path === '.npmrc'
  );
}

/** Compares the folder `root` with the manifest. */
export function verifyIntegrity(root: string, manifest: Pick<ReleaseManifest, 'protected' | 'bundleSha256'>): IntegrityResult {
  const expected: Record<string, string> = { ...manifest.protected };
  if (manifest.bundleSha256) expected[BUNDLE_PATH] = manifest.bundleSha256;
  const findings: string[] = [];
  for (const [path, hash] of Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))) {
    const file = onDisk(root, path);
    if (!existsSync(file)) findings.push(`${path}: missing (protected file removed)`);
    else if (digest(readFileSync(file)) !== hash) findings.push(`${path}: changed since the release was built (protected file)`);
  }
  for (const path of listFiles(root)) {
    if (path === MANIFEST_PATH || path === BUNDLE_PATH || path in expected) continue;
    if (isWatchedPath(path)) findings.push(`${path}: added (not part of the release; it would change what the grader runs)`);
  }
  return { ok: findings.length === 0, findings };
}

/**
 * The plain manifest against the authentic copy from inside the bundle: a student who edits a protected
 * file and its hash in the plain manifest is caught here.
 */
export function compareManifests(plain: ReleaseManifest, authentic: ReleaseManifest): string[] {
  const { bundleSha256: _bundle, ...rest } = plain;
  return JSON.stringify(canonical(rest)) === JSON.stringify(canonical(authentic))
    ? []
    : [`${MANIFEST_PATH}: changed since the release was built (it differs from the copy inside the encrypted bundle)`];
}

/** Objects with sorted keys, so key order is no difference. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function readManifest(root: string): ReleaseManifest | undefined {
  const file = onDisk(root, MANIFEST_PATH);
  if (!existsSync(file)) return undefined;
  return parseManifest(readFileSync(file, 'utf8'), MANIFEST_PATH);
}

export function parseManifest(text: string, name: string): ReleaseManifest {
  let parsed: ReleaseManifest;
  try {
    parsed = JSON.parse(text) as ReleaseManifest;
  } catch (error) {
    throw new Error(`${name} is not valid JSON (${(error as Error).message})`);
  }
  if (parsed?.schemaVersion !== 1 || typeof parsed.protected !== 'object' || typeof parsed.hidden !== 'object') {
    throw new Error(`${name} is not a seqlab release manifest (schemaVersion 1 with protected and hidden)`);
  }
  return parsed;
}
