/**
 * Watch-mode cases of bench/run.ts: how long `vitest watch` takes from a saved file to the end of the
 * re-run it triggers. One watch process per case: it starts, finishes its first run, then the file is
 * touched (its modification time set, content unchanged) `reps` times, each time waiting until the
 * re-run's last line. Wall clock from the touch to that line.
 */
import { spawn } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../grader/runtime/paths.ts';
import { cleanEnv } from './commands.ts';

export interface WatchCase {
  id: string;
  label: string;
  config: string;
  /** The file saved, relative to the repository. */
  touch: string;
  /** What the watch process prints when a run is over and it waits for changes. */
  ready: RegExp;
}

export const WATCH_CASES: WatchCase[] = [
  {
    id: 'watch-floor',
    label: 'floor: bare Vitest watch, re-run of one trivial test',
    config: 'bench/floor/vitest.config.ts',
    touch: 'bench/floor/trivial.test.ts',
    ready: /Waiting for file changes/,
  },
  {
    id: 'watch-01-save',
    label: 'npm run watch: re-run after saving 01 (stubs)',
    config: 'grader/student/exercises.config.ts',
    touch: 'exercises/01-rnn-forward/rnn-forward.ts',
    ready: /Watching: save a file/,
  },
];

/** Seconds from each touch of the case's file to the end of the re-run, `reps` times. */
export function timeWatchReruns(c: WatchCase, reps: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'watch', '--config', c.config], {
      cwd: REPO_ROOT,
      env: cleanEnv({ NO_COLOR: '1' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const samples: number[] = [];
    let output = '';
    let touchedAt: number | undefined;
    const stop = (error?: Error) => {
      child.kill('SIGKILL');
      if (error) reject(error);
      else resolve(samples);
    };
    // Give up rather than hang the bench if a run never ends.
    const guard = setTimeout(() => stop(new Error(`${c.id}: no re-run ended within 5 minutes; last output:\n${output.slice(-1000)}`)), 300_000);
    const touch = () => {
      // Let the watcher settle after a run before the next save, as a person would.
      setTimeout(() => {
        touchedAt = performance.now();
        const now = new Date();
        utimesSync(join(REPO_ROOT, c.touch), now, now);
      }, 500);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!c.ready.test(output)) return;
      output = '';
      if (touchedAt !== undefined) samples.push((performance.now() - touchedAt) / 1000);
      if (samples.length >= reps) {
        clearTimeout(guard);
        stop();
      } else touch();
    });
    child.stderr.resume();
    child.on('error', (error) => stop(error));
  });
}
