/**
 * The grade report's contract as the tests check it: docs/grade-report.schema.json, compiled once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { REPO_ROOT } from '../runtime/paths.ts';

const ajv = new Ajv({ allErrors: true, formats: { 'date-time': (text: string) => !Number.isNaN(Date.parse(text)) } });
const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'docs/grade-report.schema.json'), 'utf8')) as object);

/** The schema's complaints about `report`, one line each; empty when it conforms. */
export function schemaErrors(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
