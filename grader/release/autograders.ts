/**
 * Autograders for the platforms teachers hand assignments out with now that GitHub Classroom is retired,
 * written from a built release (grader/release/build.ts) and its key:
 * - Gradescope: a zip with `setup.sh` and `run_autograder` at its root (Gradescope's autograder
 *   specification), the release as built under `seqlab/`, the key, and when students see the hidden tests.
 * - Classroom 50: the folder to copy to `CLASSROOM/autograders/ASSIGNMENT/` of the classroom's repository:
 *   `autograder.py` (run by Classroom 50's runner in the student's checkout), the release under `seqlab/`,
 *   the key, and `runtime.json` for `gh teacher assignment add --runtime`.
 * Both grade with grader/release/autograde.ts from that pristine release copy, so edits in the student's
 * repository never change how it is graded. Both hold the key: the Gradescope zip stays with the course
 * staff; a Classroom 50 bundle is public by obscurity (README: what each can keep hidden).
 */
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { REPO_ROOT } from '../paths.ts';
import type { HiddenVisibility } from '../formats/gradescope.ts';
import { listFiles } from './integrity.ts';

/** The Node major the autograders install: the current LTS, as the student workflow uses. */
export const AUTOGRADER_NODE_MAJOR = '24';

const KIT = 'seqlab';
const KEY_FILE = 'grader-key.txt';

const template = (name: string): string =>
  readFileSync(join(REPO_ROOT, 'grader/release', name), 'utf8').replaceAll('{{nodeMajor}}', AUTOGRADER_NODE_MAJOR);

/** The release's files (its git metadata and installed packages left out), relative paths. */
const releaseFiles = (release: string): string[] => listFiles(release).filter((path) => !path.startsWith('.git/') && !path.startsWith('node_modules/'));

/** Unix permissions in the zip's external attributes (made on "Unix", os 3): the scripts executable, the rest readable. */
const withMode = (content: string | Uint8Array, mode: number): [Uint8Array, { os: number; attrs: number }] => [
  typeof content === 'string' ? Buffer.from(content) : content,
  { os: 3, attrs: ((0o100000 | mode) << 16) >>> 0 },
];

export function writeGradescopeZip(release: string, key: string, file: string, hiddenVisibility: HiddenVisibility): number {
  const entries: Zippable = {
    'setup.sh': withMode(template('gradescope-setup.template.sh'), 0o755),
    run_autograder: withMode(template('gradescope-run_autograder.template.sh'), 0o755),
    [KEY_FILE]: withMode(`${key}\n`, 0o600),
    'hidden-visibility': withMode(`${hiddenVisibility}\n`, 0o644),
  };
  for (const path of releaseFiles(release)) entries[`${KIT}/${path}`] = withMode(readFileSync(join(release, path)), 0o644);
  const zip = zipSync(entries, { level: 6 });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, zip, { mode: 0o600 });
  chmodSync(file, 0o600);
  return zip.length;
}

/** `dir` must be empty or absent (the release builder checks). */
export function writeClassroom50Autograder(release: string, key: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'autograder.py'), template('classroom50-autograder.template.py'));
  writeFileSync(join(dir, KEY_FILE), `${key}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'runtime.json'), `${JSON.stringify({ 'runs-on': 'ubuntu-latest', node: AUTOGRADER_NODE_MAJOR, apt: ['bubblewrap'] }, null, 2)}\n`);
  for (const path of releaseFiles(release)) cpSync(join(release, path), join(dir, KIT, path));
}
