/**
 * The roster: `student-id<TAB>git-url-or-path[<TAB>extension]`, one student a line. Student ids become
 * folder names (the layout of downloaded artifacts and of regrade's output), so only safe names pass. The
 * optional extension moves that student's due time: `+2d`, `+36h` or an ISO instant (grader/teacher/gradebook/late.ts).
 */
import { isAbsolute, resolve } from 'node:path';
import { parseExtension, type Extension } from './late.ts';

export interface RosterEntry {
  student: string;
  /** A git URL as written, or a local path made absolute. */
  source: string;
  /** The extension as written (kept so that a shard's roster is the same text). */
  extension?: string;
}

/** A problem with the teacher's input (a roster line, an option): the CLI prints it and exits 2. */
export class RosterError extends Error {
  override name = 'RosterError';
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Why `id` cannot be a folder name, or undefined when it can (letters, digits, '.', '_', '-'; no leading dot). */
export function unsafeStudentId(id: string): string | undefined {
  if (SAFE_ID.test(id)) return undefined;
  if (id === '') return 'the student id is empty';
  if (id.length > 100) return 'a student id has at most 100 characters';
  return `student id '${id}' is not a safe folder name (letters, digits, '.', '_' and '-' only, not starting with '.' or '-')`;
}

/** `https://…`, `ssh://…`, `file://…`, `git@host:path`: passed to git as written. */
export function isGitUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

/**
 * Parses a roster file's text. Blank lines and lines starting with '#' are skipped. Relative paths are
 * resolved against `baseDir` (the roster file's folder). Throws RosterError naming the line on any problem:
 * a malformed line, an unsafe or repeated id.
 */
export function parseRoster(text: string, baseDir: string): RosterEntry[] {
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `roster line ${index + 1}`;
    const fields = raw.split('\t').map((f) => f.trim());
    if (fields.length < 2 || fields.length > 3 || fields[1] === '' || fields[2] === '') {
      throw new RosterError(`${where}: expected 'student-id<TAB>git-url-or-path[<TAB>extension]', got '${line}'`);
    }
    const [student, source, extension] = fields as [string, string, string | undefined];
    if (extension !== undefined) {
      try {
        parseExtension(extension);
      } catch (error) {
        throw new RosterError(`${where}: ${(error as Error).message}`);
      }
    }
    const unsafe = unsafeStudentId(student);
    if (unsafe) throw new RosterError(`${where}: ${unsafe}`);
    const earlier = seen.get(student.toLowerCase());
    if (earlier !== undefined) throw new RosterError(`${where}: student '${student}' is already on line ${earlier}`);
    seen.set(student.toLowerCase(), index + 1);
    entries.push({ student, source: isGitUrl(source) || isAbsolute(source) ? source : resolve(baseDir, source), ...(extension ? { extension } : {}) });
  });
  return entries;
}

/** The roster as text again (what a shard file holds). */
export function formatRoster(entries: readonly RosterEntry[]): string {
  return entries.map((e) => `${e.student}\t${e.source}${e.extension ? `\t${e.extension}` : ''}\n`).join('');
}

/** Student id → parsed extension, for the students who have one. */
export function rosterExtensions(entries: readonly RosterEntry[]): Map<string, Extension> {
  return new Map(entries.filter((e) => e.extension).map((e) => [e.student, parseExtension(e.extension!)]));
}

/**
 * Splits a roster into at most `count` shards of near-equal size, each keeping roster order; empty shards
 * are dropped (3 students in 5 shards make 3 shards).
 */
export function splitRoster(entries: readonly RosterEntry[], count: number): RosterEntry[][] {
  if (!Number.isInteger(count) || count < 1) throw new RosterError(`the number of shards must be a positive integer, got ${count}`);
  const shards = Math.min(count, entries.length);
  const size = Math.floor(entries.length / shards);
  const extra = entries.length % shards;
  const result: RosterEntry[][] = [];
  let start = 0;
  for (let i = 0; i < shards; i++) {
    const end = start + size + (i < extra ? 1 : 0);
    result.push(entries.slice(start, end));
    start = end;
  }
  return result;
}
