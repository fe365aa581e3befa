import { describe, expect, test } from 'vitest';
import { expectOutputs } from '../runtime/check.ts';
import { ComparisonError, expectClose, expectData, expectKeys, shapeOf } from '../runtime/compare.ts';

describe('expectClose', () => {
  test('accepts values within atol + rtol·|expected|', () => {
    expect(() => expectClose('h', [[1.000001, 2]], [[1, 2]])).not.toThrow();
  });

  test('reports the first differing index, both values, the error sizes and how many differ', () => {
    expect(() => expectClose('h', [[1, 2], [3, 5]], [[1, 2], [3, 4]])).toThrow(
      /h differs from the reference at 1 of 4 entries\. First at h\[1\]\[1\]: got 5, expected 4\. Max abs error 1\.00e\+0/,
    );
  });

  test('reports a shape mismatch with both shapes and spots swapped axes', () => {
    expect(() => expectClose('h', [[1, 2, 3]], [[1], [2], [3]])).toThrow('h has the wrong shape: got [1][3], expected [3][1] — same sizes in another order');
  });

  test('locates NaN and Infinity', () => {
    expect(() => expectClose('dx', [[0, Number.NaN]], [[0, 1]])).toThrow('dx[0][1] is NaN, expected 1');
  });

  test.each([
    [undefined, 'got undefined at the top level'],
    [[[1], 'a'], "got string at [1]"],
    [[new Float64Array(2)], 'got a typed array at [0]'],
    [[[1, 2], [3]], 'ragged array'],
  ])('explains a malformed result: %j', (actual, message) => {
    expect(() => expectClose('h', actual, [[1, 2], [3, 4]])).toThrow(ComparisonError);
    expect(() => expectClose('h', actual, [[1, 2], [3, 4]])).toThrow(message);
  });
});

test('shapeOf reads rectangular arrays', () => {
  expect(shapeOf([[[1], [2]]])).toEqual({ shape: [1, 2, 1] });
  expect(shapeOf(3)).toEqual({ shape: [] });
});

test('expectKeys names what is missing', () => {
  expect(() => expectKeys('f(…)', { h: 1 }, ['h', 'cache'])).toThrow('f(…) is missing cache (it has: h)');
  expect(() => expectKeys('f(…)', [1], ['h'])).toThrow('should be an object with keys h; got an array');
});

describe('expectData (data holding strings)', () => {
  test('accepts equal data, with numbers inside compared within tolerance', () => {
    expect(() => expectData('v', { chars: ['a', 'b'], index: { a: 0, b: 1 } }, { chars: ['a', 'b'], index: { a: 0, b: 1 } })).not.toThrow();
    expect(() => expectData('nn', [{ word: 'cat', similarity: 0.5000001 }], [{ word: 'cat', similarity: 0.5 }])).not.toThrow();
  });

  test('names the first differing character of a string', () => {
    expect(() => expectData('generate(…)', 'abca', 'abce')).toThrow('generate(…) differs at character 3: got "a", expected "e" (got "abca", expected "abce")');
    expect(() => expectData('generate(…)', 'ab', 'abc')).toThrow('generate(…) has 2 characters, expected 3: it is shorter, the first 2 agree');
    expect(() => expectData('generate(…)', 7, 'abc')).toThrow('generate(…) should be a string; got 7');
  });

  test('names the first differing index of an array and the key of an object', () => {
    expect(() => expectData('f(…)', ['x', 'y', 'z'], ['x', 'w', 'z'])).toThrow('f(…)[1] differs at character 0: got "y", expected "w"');
    expect(() => expectData('f(…)', ['x'], ['x', 'y'])).toThrow('f(…) has 1 entries, expected 2 (the first 1 agree)');
    expect(() => expectData('v', { index: { ' ': 1 } }, { index: { ' ': 0 } })).toThrow('v.index[" "] differs from the reference');
    expect(() => expectData('nn', [{ word: 'dog' }], [{ word: 'dog', similarity: 1 }])).toThrow('nn[0] is missing similarity');
  });
});

test('expectOutputs sends outputs holding strings to expectData', () => {
  expect(() => expectOutputs('buildVocab', { chars: ['a', 'c'], index: { a: 0, c: 1 } }, { chars: ['a', 'b'], index: { a: 0, b: 1 } })).toThrow(
    'buildVocab(…).chars[1] differs at character 0: got "c", expected "b"',
  );
  expect(() => expectOutputs('generate', 'hello', 'hello')).not.toThrow();
});
