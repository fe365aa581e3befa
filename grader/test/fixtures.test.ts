import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { computeFixtures, fixturesPath } from '../../reference/generate-fixtures.ts';
import { expectOutputs } from '../runtime/check.ts';

test('committed fixtures are what the reference computes now (run `npm run fixtures` after a change)', async () => {
  const fresh = await computeFixtures();
  expect(fresh.size).toBeGreaterThan(0);
  for (const [id, fixtures] of fresh) {
    const committed = JSON.parse(readFileSync(fixturesPath(id), 'utf8')) as typeof fixtures;
    expect(Object.keys(committed), id).toEqual(Object.keys(fixtures));
    for (const [name, fixture] of Object.entries(fixtures)) {
      expect(committed[name]!.fn, `${id}.${name}`).toBe(fixture.fn);
      expect(committed[name]!.args, `${id}.${name} args`).toEqual(fixture.args);
      // Backends round float32 differently in the last bits: compare values, not text.
      expectOutputs(`${id}.${name}`, committed[name]!.expected, fixture.expected, { atol: 1e-6, rtol: 1e-5 });
      expect(Object.keys(committed[name]!.mistakes ?? {}), `${id}.${name} mistakes`).toEqual(Object.keys(fixture.mistakes ?? {}));
      for (const [mistake, value] of Object.entries(fixture.mistakes ?? {})) {
        expectOutputs(`${id}.${name} mistake ${mistake}`, committed[name]!.mistakes![mistake], value, { atol: 1e-6, rtol: 1e-5 });
      }
    }
  }
});
