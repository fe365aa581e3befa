/**
 * Deadlines that cannot be forged: a snapshot records, at one moment, each roster repository's head commit
 * and its Classroom 50 submission tags, read with `git ls-remote` (no clone, a second or so per repository).
 * Taken at the deadline (by .github/workflows/snapshot.yml's schedule), it fixes what counts whatever dates
 * the students' commits carry; `regrade --snapshot FILE` grades exactly those commits.
 *
 * Classroom 50 tags every graded submission `submit/<UTC time>-<short sha>` (e.g.
 * `submit/2026-06-01T14-32-05Z-a1b2c3d`); in its `tag` submission mode only such a tag submits, and students
 * may push one by hand under any name below `submit/`. A snapshot keeps every `submit/*` tag that existed
 * at its moment; `--graded submit-tag` grades the latest one (by the time in Classroom 50's name form; tags
 * of another form sort before those, by name).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { RosterEntry } from './roster.ts';

const run = promisify(execFile);

export const SNAPSHOT_SCHEMA = 'seqlab/snapshot/v1';

export interface SubmitTag {
  name: string;
  /** The commit the tag points at (peeled, for an annotated tag). */
  commit: string;
}

export interface SnapshotEntry {
  student: string;
  /** The commit of the remote HEAD (the default branch); absent when the repository could not be read or is empty. */
  head?: string;
  submitTags: SubmitTag[];
  /** Why the repository could not be read. */
  error?: string;
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  takenAt: string;
  entries: SnapshotEntry[];
}

export type GradedRef = 'head' | 'submit-tag';

export interface SnapshotOptions {
  /** Runs git with this environment (regrade.ts's gitEnv: no prompts, the token as a header). */
  env: NodeJS.ProcessEnv;
  /** Per repository (default 60 s). */
  timeoutMs?: number;
  /** Repositories read at the same time (default 8). */
  jobs?: number;
  /** Called with each entry's one-line outcome. */
  log?: (line: string) => void;
  /** Sources may carry credentials: errors pass through this before they are stored. */
  redact: (text: string) => string;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const CLASSROOM50_TAG = /^submit\/(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)-[0-9a-f]{7,40}$/;

/** `git ls-remote` output → HEAD's commit and the submit tags (annotated tags peeled). */
export function parseLsRemote(output: string): Pick<SnapshotEntry, 'head' | 'submitTags'> {
  let head: string | undefined;
  const tags = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [sha, ref] = line.trim().split('\t');
    if (!sha || !ref || !SHA.test(sha)) continue;
    if (ref === 'HEAD') head = sha;
    else if (ref.startsWith('refs/tags/submit/')) {
      const peeled = ref.endsWith('^{}');
      const name = ref.slice('refs/tags/'.length).replace(/\^\{\}$/, '');
      // The peeled line (the commit) wins over the tag object's own id.
      if (peeled || !tags.has(name)) tags.set(name, sha);
    }
  }
  const submitTags = [...tags].map(([name, commit]) => ({ name, commit })).sort((a, b) => compareSubmitTags(a.name, b.name));
  return { ...(head ? { head } : {}), submitTags };
}

/** Classroom 50's `submit/<time>-<sha>` by time, after any other name (by name). */
export function compareSubmitTags(a: string, b: string): number {
  const ta = CLASSROOM50_TAG.exec(a)?.[1];
  const tb = CLASSROOM50_TAG.exec(b)?.[1];
  if (ta && tb) return ta === tb ? a.localeCompare(b) : ta < tb ? -1 : 1;
  if (ta || tb) return ta ? 1 : -1;
  return a.localeCompare(b);
}

async function readRemote(entry: RosterEntry, options: SnapshotOptions): Promise<SnapshotEntry> {
  try {
    const { stdout } = await run('git', ['-c', 'protocol.ext.allow=never', 'ls-remote', '--', entry.source, 'HEAD', 'refs/tags/submit/*'], {
      env: options.env,
      timeout: options.timeoutMs ?? 60_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    });
    return { student: entry.student, ...parseLsRemote(stdout) };
  } catch (error) {
    const e = error as { stderr?: string; message?: string; killed?: boolean };
    const lines = (e.stderr || e.message || String(error)).split('\n').map((l) => l.trim()).filter(Boolean);
    const message = e.killed ? 'git ls-remote did not finish in time' : lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.at(-1) ?? 'git ls-remote failed';
    return { student: entry.student, submitTags: [], error: options.redact(message) };
  }
}

/** Reads every roster repository; the snapshot's time is taken before the first read. */
export async function takeSnapshot(roster: readonly RosterEntry[], options: SnapshotOptions): Promise<Snapshot> {
  const takenAt = new Date().toISOString();
  const entries: SnapshotEntry[] = new Array(roster.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < roster.length) {
      const index = next++;
      const entry = await readRemote(roster[index]!, options);
      entries[index] = entry;
      options.log?.(`${entry.student}: ${entry.error ? `not read: ${entry.error}` : `${entry.head?.slice(0, 12) ?? 'no commit'}${entry.submitTags.length ? `, ${entry.submitTags.length} submit tag(s), latest ${entry.submitTags.at(-1)!.name}` : ''}`}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 8, roster.length)) }, worker));
  return { schema: SNAPSHOT_SCHEMA, takenAt, entries };
}

/** Reads and checks a snapshot file; throws naming what is wrong. */
export function readSnapshot(file: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the snapshot ${file}: ${(error as Error).message}`);
  }
  const snapshot = data as Snapshot;
  const bad = (why: string): never => {
    throw new Error(`${file} is not a seqlab snapshot: ${why}`);
  };
  if (snapshot?.schema !== SNAPSHOT_SCHEMA) bad(`schema is not '${SNAPSHOT_SCHEMA}'`);
  if (typeof snapshot.takenAt !== 'string' || Number.isNaN(Date.parse(snapshot.takenAt))) bad(`'takenAt' is not a date`);
  if (!Array.isArray(snapshot.entries)) bad(`'entries' is not a list`);
  for (const entry of snapshot.entries) {
    if (typeof entry?.student !== 'string') bad('an entry has no student');
    if (entry.head !== undefined && !SHA.test(entry.head)) bad(`${entry.student}: 'head' is not a commit id`);
    if (!Array.isArray(entry.submitTags) || !entry.submitTags.every((t) => typeof t?.name === 'string' && SHA.test(t.commit))) bad(`${entry.student}: 'submitTags' is malformed`);
  }
  return snapshot;
}

/** The commit the snapshot says to grade for `student`, and what it is (for the report), or why there is none. */
export function snapshotCommit(snapshot: Snapshot, student: string, graded: GradedRef): { commit: string; ref: string } | { error: string } {
  const entry = snapshot.entries.find((e) => e.student === student);
  if (!entry) return { error: `not in the snapshot of ${snapshot.takenAt}` };
  if (entry.error) return { error: `the snapshot of ${snapshot.takenAt} could not read the repository: ${entry.error}` };
  if (graded === 'submit-tag') {
    const tag = entry.submitTags.at(-1);
    return tag ? { commit: tag.commit, ref: tag.name } : { error: `no submit/* tag at the snapshot of ${snapshot.takenAt}` };
  }
  return entry.head ? { commit: entry.head, ref: 'HEAD' } : { error: `the repository had no commit at the snapshot of ${snapshot.takenAt}` };
}
