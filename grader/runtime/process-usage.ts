/**
 * CPU time and resident memory of a process and all its descendants, read from Linux's /proc: what the limits
 * on student code count (grader/sandbox/client.ts for graded runs, grader/student/process.ts for the student's
 * own), so that a busy machine never turns a correct call into a timeout. The sandboxed Node process is a
 * grandchild of the grader under bubblewrap (bwrap → bwrap as PID 1 → node), so limits are enforced on the
 * whole tree; resident memory includes ArrayBuffers, which V8's heap limit does not bound.
 */
import { readFileSync } from 'node:fs';

export interface TreeUsage {
  /** User + system CPU time of every live process in the tree. */
  cpuMs: number;
  /** Resident memory of every live process in the tree. */
  rssMb: number;
}

/** Linux reports CPU in clock ticks of 1/100 s on every architecture Node supports (USER_HZ). */
const MS_PER_TICK = 10;

/** Whether this system has a /proc to read (Linux); elsewhere limits fall back to wall-clock time. */
export const CAN_MEASURE_USAGE = (() => {
  try {
    readFileSync(`/proc/${process.pid}/stat`);
    return true;
  } catch {
    return false;
  }
})();

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between two reads
  }
}

function ownUsage(pid: number): TreeUsage | undefined {
  const stat = read(`/proc/${pid}/stat`);
  const status = read(`/proc/${pid}/status`);
  if (stat === undefined || status === undefined) return undefined;
  // Fields after the command name, which may itself hold spaces and parentheses: utime and stime are the
  // 14th and 15th fields of the line, the 12th and 13th after ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return { cpuMs: ticks * MS_PER_TICK, rssMb: rssKb / 1024 };
}

function children(pid: number): number[] {
  const text = read(`/proc/${pid}/task/${pid}/children`) ?? '';
  return text.split(' ').filter(Boolean).map(Number);
}

/** Usage of `pid` and its descendants; undefined when /proc is missing or the process is gone. */
export function treeUsage(pid: number): TreeUsage | undefined {
  const own = ownUsage(pid);
  if (!own) return undefined;
  for (const child of children(pid)) {
    const usage = treeUsage(child);
    if (usage) {
      own.cpuMs += usage.cpuMs;
      own.rssMb += usage.rssMb;
    }
  }
  return own;
}
