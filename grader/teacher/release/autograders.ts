/**
 * Autograders for the platforms teachers hand assignments out with now that GitHub Classroom is retired,
 * written by the release builder (grader/teacher/release/build.ts) around a grading copy of the course, the "kit"
 * under `seqlab/`: the release as built, with the reference and the hidden suites in plain text (what a
 * release's private mirror holds), without the solutions, the encrypted bundle or the key.
 * - Gradescope: a zip with `setup.sh` and `run_autograder` at its root (Gradescope's autograder
 *   specification), the kit, and when students see the hidden tests.
 * - Classroom 50: the folder to copy to `CLASSROOM/autograders/ASSIGNMENT/` of the classroom's repository:
 *   `autograder.py` (run by Classroom 50's runner in the student's checkout), the kit, and `runtime.json`
 *   for `gh teacher assignment add --runtime`.
 * Both grade with grader/grading/release/autograde.ts from the kit, so edits in the student's repository never
 * change how it is graded. The Gradescope zip stays with the course staff; a Classroom 50 bundle is public
 * by obscurity, so its hidden tests and reference are readable there (docs/teachers.md: what each can keep hidden).
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { REPO_ROOT } from '../../runtime/paths.ts';
import type { HiddenVisibility } from '../../grading/formats/gradescope.ts';

/** The Node major the autograders install: the current LTS, as the student workflow uses. */
export const AUTOGRADER_NODE_MAJOR = '24';

const KIT = 'seqlab';

/** The kit: path → content. */
export type KitFiles = Record<string, string | Uint8Array>;

const template = (name: string): string =>
  readFileSync(new URL(name, import.meta.url), 'utf8').replaceAll('{{nodeMajor}}', AUTOGRADER_NODE_MAJOR);

/** Unix permissions in the zip's external attributes (made on "Unix", os 3): the scripts executable, the rest readable. */
const withMode = (content: string | Uint8Array, mode: number): [Uint8Array, { os: number; attrs: number }] => [
  typeof content === 'string' ? Buffer.from(content) : content,
  { os: 3, attrs: ((0o100000 | mode) << 16) >>> 0 },
];

export function writeGradescopeZip(kit: KitFiles, file: string, hiddenVisibility: HiddenVisibility): number {
  const entries: Zippable = {
    'setup.sh': withMode(template('gradescope-setup.template.sh'), 0o755),
    run_autograder: withMode(template('gradescope-run_autograder.template.sh'), 0o755),
    'hidden-visibility': withMode(`${hiddenVisibility}\n`, 0o644),
  };
  for (const [path, content] of Object.entries(kit)) entries[`${KIT}/${path}`] = withMode(content, 0o644);
  const zip = zipSync(entries, { level: 6 });
  mkdirSync(dirname(file), { recursive: true });
  // The hidden suites are in it: readable by the teacher only, as the key file is.
  writeFileSync(file, zip, { mode: 0o600 });
  chmodSync(file, 0o600);
  return zip.length;
}

/** `dir` must be empty or absent (the release builder checks). */
export function writeClassroom50Autograder(kit: KitFiles, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'autograder.py'), template('classroom50-autograder.template.py'));
  writeFileSync(join(dir, 'runtime.json'), `${JSON.stringify({ 'runs-on': 'ubuntu-latest', node: AUTOGRADER_NODE_MAJOR, apt: ['bubblewrap'] }, null, 2)}\n`);
  for (const [path, content] of Object.entries(kit)) {
    const target = join(dir, KIT, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
