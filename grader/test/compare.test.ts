import { describe, expect, test } from 'vitest';
import { ComparisonError, expectClose, expectKeys, shapeOf } from '../compare.ts';

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
