/**
 * Validators for the result formats other platforms read, from the schemas beside this file (ajv 8):
 * Gradescope's results.json, and Classroom 50's result.json with the cross-field rules its schema leaves to
 * code (score ≤ max-score, per test and in total).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schema = (name: string): object => JSON.parse(readFileSync(join(import.meta.dirname, name), 'utf8')) as object;

const gradescope = new Ajv({ allErrors: true, strict: false }).compile(schema('gradescope-results.schema.json'));
const classroom50 = new Ajv2020({ allErrors: true, strict: false }).compile(schema('classroom50-result-v1.schema.json'));

type Validator = typeof gradescope;
const problems = (validate: Validator, data: unknown): string[] => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));

export const gradescopeProblems = (data: unknown): string[] => problems(gradescope, data);

export function classroom50Problems(data: unknown): string[] {
  const found = problems(classroom50, data);
  if (found.length) return found;
  const result = data as { score: number; 'max-score': number; tests: { 'test-name': string; score: number; 'max-score': number }[] };
  if (result.score > result['max-score']) found.push(`score ${result.score} > max-score ${result['max-score']}`);
  for (const test of result.tests) if (test.score > test['max-score']) found.push(`${test['test-name']}: score ${test.score} > max-score ${test['max-score']}`);
  return found;
}
