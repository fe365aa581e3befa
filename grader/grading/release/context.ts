/**
 * What a student release's grading entry point (grader/grading/release/unlock.ts) hands to the grader CLI it runs
 * (`--release-context FILE`): the integrity result and, without the key, the hidden tests it withholds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ReportContext } from '../report.ts';

export type ReleaseContext = Required<Pick<ReportContext, 'integrity'>> & Pick<ReportContext, 'withheld'>;

export function writeReleaseContext(file: string, context: ReleaseContext): void {
  writeFileSync(file, `${JSON.stringify(context)}\n`, { mode: 0o600 });
}

export function readReleaseContext(file: string): ReleaseContext {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as ReleaseContext;
  if (typeof parsed?.integrity?.ok !== 'boolean' || !Array.isArray(parsed.integrity.findings)) {
    throw new Error(`${file} is not a release context (integrity.ok and integrity.findings expected)`);
  }
  return parsed;
}
