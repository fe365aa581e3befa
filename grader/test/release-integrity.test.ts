import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readReleaseContext, writeReleaseContext } from '../grading/release/context.ts';
import { compareManifests, hashFiles, isWatchedPath, verifyIntegrity, type ReleaseManifest } from '../grading/release/integrity.ts';

const FILES: Record<string, string> = {
  'exercises/01-rnn-forward/rnn-forward.test.ts': "graded('matches', 1, () => {});\n",
  'exercises/01-rnn-forward/fixtures.json': '{ "example": [1, 2] }\n',
  'exercises/01-rnn-forward/rnn-forward.ts': 'export function rnnStepForward() {}\n',
  'grader/grading/cli.ts': 'console.log("grade");\n',
  '.github/workflows/grade.yml': 'name: grade\n',
  'package.json': '{ "name": "x" }\n',
};
const PROTECTED = Object.keys(FILES).filter((p) => !p.endsWith('rnn-forward.ts'));

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

function manifest(): ReleaseManifest {
  return { schemaVersion: 1, course: 'seqlab', version: '0.1.0', builtAt: '2026-11-24T00:00:00.000Z', protected: hashFiles(root, PROTECTED), hidden: { '01-rnn-forward': [{ name: 'a > b', points: 2 }] } };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'seqlab-integrity-'));
  for (const [path, text] of Object.entries(FILES)) write(path, text);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('integrity manifest', () => {
  test('an untouched release verifies; the student may edit stubs, READMEs and add notes', () => {
    const m = manifest();
    write('exercises/01-rnn-forward/rnn-forward.ts', 'export function rnnStepForward() { return 42; }\n');
    write('exercises/01-rnn-forward/notes.md', 'my notes\n');
    write('node_modules/vitest/index.test.js', 'ignored\n');
    expect(verifyIntegrity(root, m)).toEqual({ ok: true, findings: [] });
  });

  test('an edited public test is flagged, by path', () => {
    const m = manifest();
    write('exercises/01-rnn-forward/rnn-forward.test.ts', "graded('matches', 100, () => {});\n");
    const result = verifyIntegrity(root, m);
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual(['exercises/01-rnn-forward/rnn-forward.test.ts: changed since the release was built (protected file)']);
  });

  test('removed protected files and added test, grader or workflow files are flagged', () => {
    const m = manifest();
    unlinkSync(join(root, 'exercises/01-rnn-forward/fixtures.json'));
    write('exercises/01-rnn-forward/extra.test.ts', 'test("free points")\n');
    write('grader/hidden/01-rnn-forward.test.ts', 'fake hidden suite\n');
    write('.github/workflows/leak.yml', 'on: push\n');
    write('vitest.config.mts', 'export default {}\n');
    const { ok, findings } = verifyIntegrity(root, m);
    expect(ok).toBe(false);
    expect(findings).toEqual([
      'exercises/01-rnn-forward/fixtures.json: missing (protected file removed)',
      '.github/workflows/leak.yml: added (not part of the release; it would change what the grader runs)',
      'exercises/01-rnn-forward/extra.test.ts: added (not part of the release; it would change what the grader runs)',
      'grader/hidden/01-rnn-forward.test.ts: added (not part of the release; it would change what the grader runs)',
      'vitest.config.mts: added (not part of the release; it would change what the grader runs)',
    ]);
  });

  test('CRLF line endings (a Windows checkout) are not a change', () => {
    const m = manifest();
    write('grader/grading/cli.ts', 'console.log("grade");\r\n');
    expect(verifyIntegrity(root, m).ok).toBe(true);
  });

  test('the bundle hash of the plain manifest is checked too', () => {
    write('grader/bundle.enc', 'sealed');
    const m = { ...manifest(), bundleSha256: hashFiles(root, ['grader/bundle.enc'])['grader/bundle.enc'] };
    expect(verifyIntegrity(root, m).ok).toBe(true);
    write('grader/bundle.enc', 'replaced');
    expect(verifyIntegrity(root, m).findings).toEqual(['grader/bundle.enc: changed since the release was built (protected file)']);
  });

  test('a plain manifest edited to match an edited test differs from the authentic copy', () => {
    const authentic = manifest();
    const plain = { ...authentic, bundleSha256: 'ab'.repeat(32) };
    expect(compareManifests(plain, authentic)).toEqual([]);
    // Same content, keys in another order: no finding.
    const reordered = Object.fromEntries(Object.entries(plain).reverse()) as unknown as ReleaseManifest;
    expect(compareManifests(reordered, authentic)).toEqual([]);
    write('exercises/01-rnn-forward/rnn-forward.test.ts', "graded('matches', 100, () => {});\n");
    const forged = { ...plain, protected: { ...plain.protected, ...hashFiles(root, ['exercises/01-rnn-forward/rnn-forward.test.ts']) } };
    expect(verifyIntegrity(root, { protected: forged.protected }).ok).toBe(true); // the plain check alone is fooled
    expect(compareManifests(forged, authentic)).toEqual([
      'grader/release-manifest.json: changed since the release was built (it differs from the copy inside the encrypted bundle)',
    ]);
  });

  test('watched paths', () => {
    expect(['grader/x.ts', '.github/workflows/a.yml', 'exercises/01/a.test.ts', 'exercises/01/a.spec.js', 'vitest.config.js', '.npmrc'].every(isWatchedPath)).toBe(true);
    expect(['exercises/01/rnn-forward.ts', 'README.md', 'notes/todo.md', 'exercises/shared/linalg.ts'].some(isWatchedPath)).toBe(false);
  });

  test('the release context file round-trips and rejects what it is not', () => {
    const file = join(root, 'context.json');
    const context = { integrity: { ok: false, findings: ['x: changed'] }, withheld: { '01-rnn-forward': [{ name: 'a > b', points: 2 }] } };
    writeReleaseContext(file, context);
    expect(readReleaseContext(file)).toEqual(context);
    writeFileSync(file, '{"withheld": {}}');
    expect(() => readReleaseContext(file)).toThrow(/not a release context/);
  });
});
