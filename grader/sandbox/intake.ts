/**
 * Reads a submission folder the way a hostile one must be read: never following a symbolic link, never
 * opening a device, FIFO or socket, and within caps on file count and bytes. What it refuses becomes an
 * integrity finding instead of being read.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface IntakeLimits {
  maxFiles: number;
  maxBytes: number;
  /** One source file (a larger one is not transpiled: the trusted compiler must stay fast). */
  maxFileBytes: number;
}

const INTAKE_LIMITS: IntakeLimits = { maxFiles: 2000, maxBytes: 20 * 1024 * 1024, maxFileBytes: 1024 * 1024 };

export interface SubmissionFile {
  /** Relative path with '/' separators, e.g. `04-lstm/lstm.ts`. */
  path: string;
  content: Buffer;
}

export interface Intake {
  files: SubmissionFile[];
  /** Folders (relative, '/'-separated), so that empty ones keep their place. */
  folders: string[];
  /** What was refused and why, one sentence each. */
  findings: string[];
}

/** Files the sandbox needs: TypeScript sources and JSON data; tests and dot-files stay behind. */
const wanted = (name: string): boolean => (name.endsWith('.ts') && !name.endsWith('.test.ts')) || name.endsWith('.json');

const MB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Reads one regular file without following a link that replaced it after the folder was listed. */
function readRegularFile(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readSubmission(root: string, limits: IntakeLimits = INTAKE_LIMITS): Intake {
  const intake: Intake = { files: [], folders: [], findings: [] };
  let bytes = 0;
  let capped = false;
  const visit = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const shown = relative(root, path).split(sep).join('/');
      if (entry.isSymbolicLink()) {
        intake.findings.push(`${shown} is a symbolic link: not followed, not graded`);
      } else if (entry.isDirectory()) {
        intake.folders.push(shown);
        visit(path);
      } else if (!entry.isFile()) {
        intake.findings.push(`${shown} is not a regular file (a device, FIFO or socket): not read, not graded`);
      } else if (wanted(entry.name) && !capped) {
        const size = lstatSync(path).size;
        if (size > limits.maxFileBytes) {
          intake.findings.push(`${shown} is ${MB(size)}, over the ${MB(limits.maxFileBytes)} limit of one file: not graded`);
        } else if (intake.files.length >= limits.maxFiles || bytes + size > limits.maxBytes) {
          capped = true;
          intake.findings.push(`the submission is over ${limits.maxFiles} files or ${MB(limits.maxBytes)}: ${shown} and the files after it were not graded`);
        } else {
          bytes += size;
          intake.files.push({ path: shown, content: readRegularFile(path) });
        }
      }
    }
  };
  visit(root);
  return intake;
}
