/**
 * The gradebook's history: an SQLite file (sql.js, SQLite compiled to WebAssembly, so it installs without
 * a compiler on every supported Node) in which every collect and regrade is a run with its rows. The CSV,
 * the HTML page and the LMS exports are views of one run, the latest by default; `diff` compares two.
 *
 * sql.js keeps the database in memory: `save` writes the whole file at once (to a temporary file renamed
 * over the old one, so that an interrupted write never leaves half a database). Two commands writing the
 * same file at the same time would lose one run: run them one after the other.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { countedTotal, type GradebookRow } from './collect.ts';
import type { LatePolicy } from './late.ts';

export interface RunInfo {
  id: number;
  kind: 'collect' | 'regrade';
  /** When the run was stored (ISO). */
  createdAt: string;
  /** Where the rows came from: the reports folder, the roster, the snapshot. */
  source: string;
  policy?: LatePolicy;
  students: number;
  graded: number;
}

export interface TotalChange {
  student: string;
  /** The total that counts (after the late penalty); undefined without a grade. */
  before?: number;
  after?: number;
  /** Why a row without a grade has none, on either side. */
  reasonBefore?: string;
  reasonAfter?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('collect', 'regrade')),
  created_at TEXT NOT NULL,
  source TEXT NOT NULL,
  policy TEXT
);
CREATE TABLE IF NOT EXISTS run_rows (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  position INTEGER NOT NULL,
  student TEXT NOT NULL,
  final REAL,
  row TEXT NOT NULL,
  PRIMARY KEY (run_id, student)
);`;

export class GradebookHistory {
  private constructor(private readonly db: Database, readonly file: string) {}

  /** Opens `file`, or starts an empty history that `save` will write there. */
  static async open(file: string): Promise<GradebookHistory> {
    const SQL = await initSqlJs();
    let db: Database;
    try {
      db = existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();
      db.run(SCHEMA);
    } catch (error) {
      throw new Error(`${file} is not a seqlab gradebook database: ${(error as Error).message}`);
    }
    return new GradebookHistory(db, file);
  }

  /** Stores a run and its rows (in their order); returns the run's id. */
  addRun(run: { kind: RunInfo['kind']; source: string; policy?: LatePolicy; createdAt?: Date }, rows: readonly GradebookRow[]): number {
    this.db.run('BEGIN');
    try {
      this.db.run('INSERT INTO runs (kind, created_at, source, policy) VALUES (?, ?, ?, ?)', [
        run.kind,
        (run.createdAt ?? new Date()).toISOString(),
        run.source,
        run.policy ? JSON.stringify(run.policy) : null,
      ]);
      const id = Number(this.db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]);
      const insert = this.db.prepare('INSERT INTO run_rows (run_id, position, student, final, row) VALUES (?, ?, ?, ?, ?)');
      rows.forEach((row, position) => insert.run([id, position, row.student, countedTotal(row) ?? null, JSON.stringify(row)]));
      insert.free();
      this.db.run('COMMIT');
      return id;
    } catch (error) {
      this.db.run('ROLLBACK');
      throw error;
    }
  }

  runs(): RunInfo[] {
    const result = this.db.exec(`SELECT r.id, r.kind, r.created_at, r.source, r.policy, COUNT(x.student), COUNT(x.final)
      FROM runs r LEFT JOIN run_rows x ON x.run_id = r.id GROUP BY r.id ORDER BY r.id`);
    return (result[0]?.values ?? []).map(([id, kind, createdAt, source, policy, students, graded]) => ({
      id: Number(id),
      kind: kind as RunInfo['kind'],
      createdAt: String(createdAt),
      source: String(source),
      ...(policy ? { policy: revivePolicy(JSON.parse(String(policy))) } : {}),
      students: Number(students),
      graded: Number(graded),
    }));
  }

  run(id: number): RunInfo {
    const run = this.runs().find((r) => r.id === id);
    if (!run) throw new Error(`${this.file} has no run ${id} (runs: ${this.runs().map((r) => r.id).join(', ') || 'none'})`);
    return run;
  }

  latestRunId(): number | undefined {
    return this.runs().at(-1)?.id;
  }

  rows(runId: number): GradebookRow[] {
    this.run(runId);
    const statement = this.db.prepare('SELECT row FROM run_rows WHERE run_id = ? ORDER BY position');
    statement.bind([runId]);
    const rows: GradebookRow[] = [];
    while (statement.step()) rows.push(JSON.parse(String(statement.get()[0])) as GradebookRow);
    statement.free();
    return rows;
  }

  save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, this.db.export());
    renameSync(temporary, this.file);
  }

  close(): void {
    this.db.close();
  }
}

function revivePolicy(stored: Omit<LatePolicy, 'deadline'> & { deadline: string }): LatePolicy {
  return { ...stored, deadline: new Date(stored.deadline) };
}

/**
 * Students whose counted total differs between two runs (a grade gained or lost included), in the order of
 * the later run, then students only in the earlier one.
 */
export function diffTotals(before: readonly GradebookRow[], after: readonly GradebookRow[]): TotalChange[] {
  const earlier = new Map(before.map((row) => [row.student, row]));
  const students = [...after.map((r) => r.student), ...before.map((r) => r.student).filter((s) => !after.some((r) => r.student === s))];
  const later = new Map(after.map((row) => [row.student, row]));
  return students.flatMap((student): TotalChange[] => {
    const a = earlier.get(student);
    const b = later.get(student);
    const totalA = a && countedTotal(a);
    const totalB = b && countedTotal(b);
    if (totalA === totalB) return [];
    return [{
      student,
      ...(totalA === undefined ? {} : { before: totalA }),
      ...(totalB === undefined ? {} : { after: totalB }),
      ...(a && totalA === undefined ? { reasonBefore: a.reason ?? 'no grade' } : {}),
      ...(!a ? { reasonBefore: 'not in the run' } : {}),
      ...(b && totalB === undefined ? { reasonAfter: b.reason ?? 'no grade' } : {}),
      ...(!b ? { reasonAfter: 'not in the run' } : {}),
    }];
  });
}
