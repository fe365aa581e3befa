/**
 * The CPU time a process has used, so that a time limit counts the student's computation and not the
 * time the machine spent on others (2 shared cores: a busy neighbour must not turn a correct call into a
 * timeout). Read from /proc on Linux; elsewhere undefined, and the caller falls back to wall-clock time.
 */
import { readFileSync } from 'node:fs';

/** Linux reports utime and stime in USER_HZ ticks, 100 per second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // fields 14 and 15: utime, stime
  } catch {
    return undefined; // the process has just ended
  }
}
