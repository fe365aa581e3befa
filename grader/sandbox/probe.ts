/**
 * Which isolation a grading run on this machine gets, asked before grading many submissions (regrade): a
 * trial sandbox of an empty submission, chosen exactly as `npm run grade` chooses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseIsolation, type IsolationChoice } from './isolation.ts';
import { prepareSandbox } from './prepare.ts';

export async function probeIsolation(): Promise<IsolationChoice> {
  const empty = mkdtempSync(join(tmpdir(), 'seqlab-probe-'));
  const folder = prepareSandbox(empty);
  try {
    return await chooseIsolation(folder);
  } finally {
    rmSync(folder.root, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}
