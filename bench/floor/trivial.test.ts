// The floor of every Vitest measurement in bench/: one test that does nothing worth timing.
import { expect, test } from 'vitest';

test('one plus one', () => {
  expect(1 + 1).toBe(2);
});
