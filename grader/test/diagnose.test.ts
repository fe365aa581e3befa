import { describe, expect, test, vi } from 'vitest';
import { expectOutputs } from '../runtime/check.ts';
import { ComparisonError, expectClose, FORWARD_TOLERANCE, GRADIENT_TOLERANCE } from '../runtime/compare.ts';
import { diagnose, DETECTORS, reorderBlocks, type DiagnosisContext, type Nested } from '../runtime/diagnose.ts';
import { clipGlobalNormMistakes, lossAveragedOverTime } from '../runtime/mistakes/02-bptt.ts';
import { lstmGatesAsIFOG } from '../runtime/mistakes/04-lstm.ts';
import { gruGatesAsRZH } from '../runtime/mistakes/05-gru.ts';
import { makeRandom } from '../runtime/random.ts';
import type { Matrix, Tensor3 } from '../runtime/shared/types.ts';

const random = makeRandom(7);

// Plain helpers to build right and wrong answers; none of them is course code.
const matmul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const transpose = (m: Matrix): Matrix => m[0]!.map((_, j) => m.map((row) => row[j]!));
const map = (x: Nested, f: (v: number, i: number) => number): Nested => {
  let i = 0;
  const walk = (v: Nested): Nested => (Array.isArray(v) ? v.map(walk) : f(v, i++));
  return walk(x);
};
const softmaxRow = (row: number[]): number[] => {
  const max = Math.max(...row);
  const e = row.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
/** Columns [kH, (k+1)H) reordered: block j of the result is block order[j] of m. */
const permuteBlocks = (m: Matrix, order: number[]): Matrix => {
  const H = m[0]!.length / order.length;
  return m.map((row) => order.flatMap((k) => row.slice(k * H, (k + 1) * H)));
};
const layerNorm = (x: Matrix, beta: number[], unbiased = false): Matrix =>
  x.map((row) => {
    const n = row.length;
    const mean = row.reduce((a, b) => a + b, 0) / n;
    const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / (unbiased ? n - 1 : n);
    return row.map((v, j) => (v - mean) / Math.sqrt(variance + 1e-5) + beta[j]!);
  });
/** An image [R][C] cut into 2×2 patches, each flattened row by row (or column by column). */
const patches = (image: Matrix, columnMajor: boolean): Matrix => {
  const out: Matrix = [];
  for (let r = 0; r < image.length; r += 2) {
    for (let c = 0; c < image[0]!.length; c += 2) {
      const p = [image[r]![c]!, image[r]![c + 1]!, image[r + 1]![c]!, image[r + 1]![c + 1]!];
      out.push(columnMajor ? [p[0]!, p[2]!, p[1]!, p[3]!] : p);
    }
  }
  return out;
};

const TOL = FORWARD_TOLERANCE;

// Shared inputs of the scenarios.
const h = random.matrix(3, 4);
const Wy = random.matrix(4, 5);
const by = random.vector(5);
const logits3: Tensor3 = random.tensor3(2, 3, 4, 2);
const square = random.matrix(3, 3);
const wide = random.matrix(2, 3);
const seq: Tensor3 = random.tensor3(2, 3, 4);
const gatePacked = random.matrix(3, 8);
const scoresRaw = random.matrix(3, 4, 3);
const d = 8;
const padMask = [1, 1, 1, 0];
const attentionLogits: Tensor3 = random.tensor3(2, 4, 4, 2);
const maskedSoftmax = attentionLogits.map((m) => m.map((row) => softmaxRow(row.map((v, j) => (padMask[j] ? v : -1e9)))));
const x = random.matrix(3, 6, 2);
const beta = random.vector(6, 0.5);
const states: Tensor3 = random.tensor3(2, 4, 3);
const h0 = random.matrix(2, 3);
const image = random.matrix(4, 4);
const bpttDx = random.tensor3(2, 3, 2);
// Valid lengths [2, 3] for the 2 batches of 2 queries over 4 keys: the mask the suites build from validLens.
const lens = [2, 3];
const lensMask = [0, 1].map((b) => [0, 1].map(() => [0, 1, 2, 3].map((j) => (j < lens[b]! ? 1 : 0))));
const lensScores: Tensor3 = random.tensor3(2, 2, 4, 2);
const softmaxWithPenalty = (penalty: number, shift = 0): Tensor3 =>
  lensScores.map((m, b) => m.map((row) => softmaxRow(row.map((v, j) => (j < lens[b]! + shift ? v : v + penalty))).map((w, j) => (j < lens[b]! + shift || Number.isFinite(penalty) ? w : 0))));
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const gatePre = random.matrix(3, 4, 2);
const gateBias = random.vector(4, 1);
// An LSTM step's backward: dcPrev = f ⊙ (dcNext + dh ⊙ o ⊙ (1 − tanh²(c))), and without the h → c path f ⊙ dcNext.
const [cellDh, cellF, cellO, cellC, cellDcNext] = [0, 1, 2, 3, 4].map(() => random.matrix(3, 4));
const cellPath = (withPath: boolean): Matrix =>
  cellF.map((row, n) => row.map((f, j) => f * (cellDcNext[n]![j]! + (withPath ? cellDh[n]![j]! * cellO[n]![j]! * (1 - Math.tanh(cellC[n]![j]!) ** 2) : 0))));
const xSquare = random.matrix(3, 4);
const Wsquare = random.matrix(4, 4);
const noCarryDx = random.tensor3(2, 3, 2);

interface Scenario {
  name: string;
  expected: Nested;
  mistake: Nested;
  context?: DiagnosisContext;
  says: RegExp;
}

const scenarios: Scenario[] = [
  {
    name: 'a known wrong answer (BPTT without the carried gradient)',
    expected: bpttDx,
    // The student's float64 differs from the suite's float32 wrong answer in the last bits: still recognized.
    mistake: map(noCarryDx, (v) => v * (1 + 1e-7)),
    context: { alternatives: [{ value: noCarryDx, diagnosis: 'Looks like BPTT drops the carried gradient.' }] },
    says: /^Looks like BPTT drops the carried gradient\.$/,
  },
  {
    name: 'a known wrong answer computed lazily (patches flattened column by column)',
    expected: patches(image, false),
    mistake: patches(image, true),
    context: { alternatives: [{ value: () => patches(image, true), diagnosis: 'Looks like each patch is flattened column by column.' }] },
    says: /flattened column by column/,
  },
  {
    name: 'a square result transposed',
    expected: square,
    mistake: transpose(square),
    says: /^Looks like the result is transposed: .*rows and columns swapped.*\(A·B\)ᵀ = Bᵀ·Aᵀ/,
  },
  {
    name: 'a non-square result transposed (shape differs too)',
    expected: wide,
    mistake: transpose(wide),
    says: /transposed: your value is the expected \[2\]\[3\] one/,
  },
  {
    name: 'a sequence output stacked time-major [T][N][H]',
    expected: seq,
    mistake: seq[0]!.map((_, t) => seq.map((s) => s[t]!)),
    context: { axisNames: ['N', 'T', 'H'] },
    says: /laid out as \(T, N, H\) instead of \(N, T, H\)/,
  },
  {
    name: 'LSTM gate blocks in order i, f, o, g',
    expected: gatePacked,
    mistake: permuteBlocks(gatePacked, [0, 1, 3, 2]),
    context: { gates: ['i', 'f', 'g', 'o'] },
    says: /^Looks like the gates are permuted: your output equals the expected one with the gates in order i, f, o, g — the course packs i, f, g, o\.$/,
  },
  {
    name: 'unnamed gate blocks permuted',
    expected: random.matrix(2, 6),
    mistake: [],
    context: { gates: 3 },
    says: /3 column blocks \(of width 2\) in order 2, 1, 3 instead of 1, 2, 3\.$/,
  },
  {
    name: 'missing bias',
    expected: matmul(h, Wy).map((row) => row.map((v, j) => v + by[j]!)),
    mistake: matmul(h, Wy),
    context: { bias: by },
    says: /^Looks like the bias is missing/,
  },
  {
    name: 'bias added twice',
    expected: matmul(h, Wy).map((row) => row.map((v, j) => v + by[j]!)),
    mistake: matmul(h, Wy).map((row) => row.map((v, j) => v + 2 * by[j]!)),
    context: { bias: by },
    says: /bias is added twice/,
  },
  {
    name: 'softmax over the wrong axis of the logits',
    expected: logits3.map((m) => m.map(softmaxRow)),
    mistake: logits3.map((m) => transpose(transpose(m).map(softmaxRow))),
    context: { logits: logits3 },
    says: /softmax over axis 1 \(size 3\); it should run over the last axis \(size 4\)/,
  },
  {
    name: 'probabilities normalized over the wrong axis (no logits given)',
    expected: scoresRaw.map(softmaxRow),
    mistake: transpose(transpose(scoresRaw).map(softmaxRow)),
    says: /sum to 1 along axis 0 \(size 3\) instead of along the last axis \(size 4\)/,
  },
  {
    name: 'attention scores not divided by √d',
    expected: map(scoresRaw, (v) => v / Math.sqrt(d)),
    mistake: scoresRaw,
    context: { keyDim: d },
    says: /not scaled: yours equal the expected ones × √d \(d = 8\)/,
  },
  {
    name: 'attention scores divided by d',
    expected: map(scoresRaw, (v) => v / Math.sqrt(d)),
    mistake: map(scoresRaw, (v) => v / d),
    context: { keyDim: d },
    says: /scaled twice \(or divided by d instead of √d\)/,
  },
  {
    name: 'mask applied after the softmax',
    expected: maskedSoftmax,
    mistake: attentionLogits.map((m) => m.map((row) => softmaxRow(row).map((v, j) => v * padMask[j]!))),
    context: { mask: padMask },
    says: /mask is applied after the softmax: the masked weights are 0 but the rows no longer sum to 1/,
  },
  {
    name: 'mask ignored',
    expected: maskedSoftmax,
    mistake: attentionLogits.map((m) => m.map(softmaxRow)),
    context: { mask: padMask },
    says: /mask is not applied: your rows are softmaxes, but positions the mask excludes get weight \(yours\[0\]\[0\]\[3\] = 0\.0\d+\)/,
  },
  {
    name: 'mask inverted',
    expected: maskedSoftmax,
    mistake: attentionLogits.map((m) => m.map((row) => softmaxRow(row.map((v, j) => (padMask[j] ? -1e9 : v))))),
    context: { mask: padMask },
    says: /mask is inverted/,
  },
  {
    name: 'layer norm with the unbiased variance',
    expected: layerNorm(x, beta),
    mistake: layerNorm(x, beta, true),
    context: { layerNorm: { beta } },
    says: /unbiased one \(divided by n − 1 = 5\).*n = 6/,
  },
  {
    name: 'sigmoid where the course applies tanh',
    expected: map(square, Math.tanh),
    mistake: map(square, (v) => 1 / (1 + Math.exp(-v))),
    context: { activation: 'tanh' },
    says: /sigmoid is used where the course applies tanh/,
  },
  {
    name: 'the activation missing',
    expected: map(square, Math.tanh),
    mistake: square,
    context: { activation: 'tanh' },
    says: /the tanh is missing: your output equals the pre-activation itself/,
  },
  {
    name: 'sequence output shifted by one step (h_0..h_{T−1})',
    expected: states,
    mistake: states.map((s, n) => [h0[n]!, ...s.slice(0, -1)]),
    context: { timeAxis: 1 },
    says: /shifted by one step: your step t holds the expected step t − 1/,
  },
  {
    name: 'a finite penalty (−8) on the masked scores',
    expected: softmaxWithPenalty(-Infinity),
    mistake: softmaxWithPenalty(-8),
    context: { mask: lensMask, scores: lensScores },
    says: /^Looks like the masked scores get a finite penalty \(about -8\) instead of being left out: .*yours\[0\]\[0\]\[2\] = /,
  },
  {
    name: 'a mask one key too long (j ≤ len)',
    expected: softmaxWithPenalty(-Infinity),
    mistake: softmaxWithPenalty(-Infinity, 1),
    context: { mask: lensMask, scores: lensScores },
    says: /^Looks like the mask allows one key too many/,
  },
  {
    name: 'a mask one key too short',
    expected: softmaxWithPenalty(-Infinity),
    mistake: softmaxWithPenalty(-Infinity, -1),
    context: { mask: lensMask, scores: lensScores },
    says: /^Looks like the mask allows one key too few/,
  },
  {
    name: 'the bias missing inside a sigmoid (an LSTM gate)',
    expected: map(gatePre, (v, i) => sigmoid(v + gateBias[i % 4]!)),
    mistake: map(gatePre, sigmoid),
    context: { activation: 'sigmoid', bias: gateBias },
    says: /^Looks like the bias is missing: your values equal sigmoid\(pre-activation − b\)/,
  },
  {
    name: 'a square weight transposed inside a tanh',
    expected: map(matmul(xSquare, Wsquare), Math.tanh),
    mistake: map(matmul(xSquare, transpose(Wsquare)), Math.tanh),
    context: { activation: 'tanh', weightProduct: { name: 'Wh', inputName: 'hPrev', input: xSquare, weight: Wsquare } },
    says: /^Looks like Wh is used transposed: your values are those of Whᵀ/,
  },
  {
    name: 'the LSTM backward step without the h → c path',
    expected: cellPath(true),
    mistake: cellPath(false),
    context: { lstmCellPath: { dh: cellDh, f: cellF, o: cellO, c: cellC } },
    says: /^Looks like the backward step misses the path from h to c/,
  },
  {
    name: 'sign flipped',
    expected: square,
    mistake: map(square, (v) => -v),
    says: /^Looks like the sign is flipped/,
  },
  {
    name: 'off by a constant factor 1/4',
    expected: seq,
    mistake: map(seq, (v) => v / 4),
    says: /× 0\.25 \(= 1\/4\)/,
  },
  {
    name: 'off by a constant factor √8',
    expected: seq,
    mistake: map(seq, (v) => v * Math.sqrt(8)),
    says: /× 2\.828 \(= √8\)/,
  },
  {
    name: 'off by an unremarkable constant factor',
    expected: seq,
    mistake: map(seq, (v) => v * 7.5781234),
    says: /× 7\.578\. A mean/,
  },
];
// Filled here: it needs the scenario's own expected value.
const unnamed = scenarios.find((s) => s.name === 'unnamed gate blocks permuted')!;
unnamed.mistake = permuteBlocks(unnamed.expected as Matrix, [1, 0, 2]);

/** Unrelated wrong answers: one entry off (a local bug), and an unrelated array of the same shape. */
function unrelated(expected: Nested): Nested[] {
  const oneOff = map(expected, (v, i) => (i === 1 ? v + 0.5 : v));
  const other = map(expected, () => random.uniform(-1, 1));
  return [oneOff, other];
}

describe.each(scenarios)('$name', ({ expected, mistake, context, says }) => {
  test('is diagnosed', () => {
    expect(diagnose(mistake, expected, context, TOL)).toMatch(says);
  });
  test('stays silent on the correct answer', () => {
    expect(diagnose(expected, expected, context, TOL)).toBeUndefined();
    expect(diagnose(map(expected, (v) => v * (1 + 1e-6)), expected, context, TOL)).toBeUndefined();
  });
  test('stays silent on unrelated wrong answers', () => {
    for (const wrong of unrelated(expected)) expect(diagnose(wrong, expected, context, TOL)).toBeUndefined();
  });
});

test('every detector has a scenario that fires it', () => {
  const fired = new Set<string>();
  for (const { expected, mistake, context } of scenarios) {
    const message = diagnose(mistake, expected, context, TOL);
    const detector = DETECTORS.find((dt) => {
      try {
        return dt.detect({ ...caseOf(mistake, expected), context: context ?? {}, tolerance: TOL }) === message;
      } catch {
        return false;
      }
    });
    if (detector) fired.add(detector.name);
  }
  expect([...fired].sort()).toEqual(DETECTORS.map((dt) => dt.name).sort());
});

function caseOf(actual: Nested, expected: Nested) {
  const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
  const shape = (v: Nested): number[] => (Array.isArray(v) ? [v.length, ...shape(v[0]!)] : []);
  return { actual: flat(actual), actualShape: shape(actual), expected: flat(expected), shape: shape(expected) };
}

describe('the mask, bias and weight detectors stay silent on near misses', () => {
  const maskContext = { mask: lensMask, scores: lensScores };
  test('a penalty of −∞ or a mask applied right is no finite penalty; a penalty of 0 is left to "not applied"', () => {
    expect(diagnose(softmaxWithPenalty(-Infinity), softmaxWithPenalty(-Infinity), maskContext, TOL)).toBeUndefined();
    expect(diagnose(softmaxWithPenalty(0), softmaxWithPenalty(-Infinity), maskContext, TOL)).not.toMatch(/finite penalty/);
  });
  test('one row one key off, the others right, is not "the mask one key off"', () => {
    const oneRow = softmaxWithPenalty(-Infinity).map((m, b) => (b === 0 ? softmaxWithPenalty(-Infinity, 1)[0]! : m));
    expect(diagnose(oneRow, softmaxWithPenalty(-Infinity), maskContext, TOL)).toBeUndefined();
  });
  test('a bias missing from one gate only, or a symmetric weight, gets no diagnosis', () => {
    const expected = map(gatePre, (v, i) => sigmoid(v + gateBias[i % 4]!));
    const oneGate = map(gatePre, (v, i) => sigmoid(v + (i % 4 === 0 ? 0 : gateBias[i % 4]!)));
    expect(diagnose(oneGate, expected, { activation: 'sigmoid', bias: gateBias }, TOL)).toBeUndefined();
    const symmetric = Wsquare.map((row, i) => row.map((v, j) => v + Wsquare[j]![i]!));
    const wrong = map(matmul(xSquare, symmetric), (v, i) => Math.tanh(v) + (i === 0 ? 0.1 : 0));
    expect(diagnose(wrong, map(matmul(xSquare, symmetric), Math.tanh), { activation: 'tanh', weightProduct: { name: 'Wh', inputName: 'hPrev', input: xSquare, weight: symmetric } }, TOL)).toBeUndefined();
  });
  test('half the h → c path is not "the path missing"', () => {
    const half = cellPath(true).map((row, n) => row.map((v, j) => (v + cellPath(false)[n]![j]!) / 2));
    expect(diagnose(half, cellPath(true), { lstmCellPath: { dh: cellDh, f: cellF, o: cellO, c: cellC } }, TOL)).toBeUndefined();
  });
});

describe('detectors that need evidence', () => {
  test('a scalar, or a value with fewer than 2 significant entries, gets no shape-only diagnosis', () => {
    expect(diagnose(-2, 2, {}, TOL)).toBeUndefined();
    expect(diagnose([0, 0, 4], [0, 0, 2], {}, TOL)).toBeUndefined();
  });
  test('a symmetric matrix is never called transposed, an all-zero answer never "off by a factor"', () => {
    const symmetric = [[1, 2], [2, 5]];
    expect(diagnose([[1, 2], [2, 6]], symmetric, {}, TOL)).toBeUndefined();
    expect(diagnose([[0, 0], [0, 0]], symmetric, {}, TOL)).toBeUndefined();
  });
  test('context that does not fit the value is ignored', () => {
    expect(diagnose(matmul(h, Wy), matmul(h, Wy).map((r) => r.map((v) => v + 1)), { bias: [1, 2] }, TOL)).toBeUndefined();
    expect(diagnose(gatePacked, gatePacked.map((r) => r.map((v) => v + 1)), { gates: 3 }, TOL)).toBeUndefined();
  });
  test('a wrong answer that coincides with the expected one on this input is not claimed', () => {
    expect(diagnose([[1, 2.5]], [[1, 2]], { alternatives: [{ value: [[1, 2]], diagnosis: 'no' }] }, TOL)).toBeUndefined();
  });
  test('a throwing alternative or a malformed value never throws', () => {
    const boom = () => {
      throw new Error('boom');
    };
    expect(diagnose([[1, 3]], [[1, 2]], { alternatives: [{ value: boom, diagnosis: 'no' }] }, TOL)).toBeUndefined();
    expect(diagnose(undefined, [[1, 2]], {}, TOL)).toBeUndefined();
    expect(diagnose([[1, Number.NaN]], [[1, 2]], {}, TOL)).toBeUndefined();
  });
});

describe('in the comparison messages', () => {
  test('expectClose appends the diagnosis as the last line and keeps it on the error', () => {
    let error: unknown;
    try {
      expectClose('dWh', transpose(square), square, GRADIENT_TOLERANCE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComparisonError);
    const { message, diagnosis } = error as ComparisonError;
    expect(message).toMatch(/^dWh differs from the reference at \d+ of 9 entries\. First at dWh\[0\]\[1\]/);
    expect(message.split('\n')).toEqual([expect.stringMatching(/allowed: atol/), diagnosis]);
    expect(diagnosis).toMatch(/transposed/);
  });

  test('a wrong shape that is the transpose says so', () => {
    expect(() => expectClose('dWx', transpose(wide), wide)).toThrow(/wrong shape: got \[3\]\[2\], expected \[2\]\[3\].*\nLooks like the result is transposed/s);
  });

  test('an undiagnosed difference keeps the plain message', () => {
    expect(() => expectClose('h', [[1, 2], [3, 5]], [[1, 2], [3, 4]])).toThrow(/^h differs from the reference at 1 of 4 entries\.[^\n]*$/);
  });

  test('expectOutputs passes each output its context, and splits whole-output alternatives by key', () => {
    const expected = { h: seq, c: states };
    const wrong = { h: map(seq, (v) => v + 1), c: map(states, (v) => v - 1) };
    const context: DiagnosisContext = { alternatives: [{ value: () => wrong, diagnosis: 'Looks like the gates are in order i, f, o, g.' }] };
    expect(() => expectOutputs('lstmForward', wrong, expected, undefined, context)).toThrow(/^lstmForward\(…\)\.h differs.*\nLooks like the gates are in order i, f, o, g\.$/s);
    const perKey: DiagnosisContext = { outputs: { db: { gates: ['i', 'f', 'g', 'o'] } } };
    const db = random.vector(8);
    expect(() => expectOutputs('f', { db: permuteBlocks([db], [0, 1, 3, 2])[0] }, { db }, undefined, perKey)).toThrow(/gates in order i, f, o, g/);
  });

  test('an undiagnosed output borrows the diagnosis of a later output that differs too', () => {
    const dWx = random.matrix(3, 8);
    const actual = { dx: map(seq, (v) => v + 1), dWx: permuteBlocks(dWx, [0, 1, 3, 2]) };
    const context: DiagnosisContext = { outputs: { dWx: { gates: ['i', 'f', 'g', 'o'] } } };
    expect(() => expectOutputs('lstmStepBackward', actual, { dx: seq, dWx }, GRADIENT_TOLERANCE, context)).toThrow(
      /^lstmStepBackward\(…\)\.dx differs[^\n]*\nlstmStepBackward\(…\)\.dWx differs too\. Looks like the gates are permuted/,
    );
  });

  test('alternatives are computed only when a comparison fails, once for all outputs', () => {
    const compute = vi.fn(() => ({ h: seq, c: seq }));
    const context: DiagnosisContext = { alternatives: [{ value: compute, diagnosis: 'x' }] };
    expectOutputs('f', { h: seq, c: states }, { h: seq, c: states }, undefined, context);
    expect(compute).not.toHaveBeenCalled();
    expect(() => expectOutputs('f', { h: states, c: seq }, { h: seq, c: states }, undefined, context)).toThrow();
    expect(compute).toHaveBeenCalledTimes(1);
  });
});

describe('the course\'s known wrong answers (grader/runtime/mistakes/)', () => {
  const resolve = (value: unknown) => (typeof value === 'function' ? (value as () => unknown)() : value);

  test('gate reorderings swap whole blocks of the last axis', () => {
    expect(lstmGatesAsIFOG([1, 2, 3, 4, 5, 6, 7, 8])).toEqual([1, 2, 3, 4, 7, 8, 5, 6]);
    expect(gruGatesAsRZH([[1, 2, 3], [4, 5, 6]])).toEqual([[2, 1, 3], [5, 4, 6]]);
    expect(() => reorderBlocks([1, 2, 3], 2, [1, 0])).toThrow('cannot split a last axis of 3 into 2 blocks');
  });

  test('a loss averaged over N·T is the expected one ÷ T', () => {
    const wrong = lossAveragedOverTime({ loss: 2, dLogits: [[[0.5, -1]]] }, 4);
    expect(resolve(wrong.value)).toEqual({ loss: 0.5, dLogits: [[[0.125, -0.25]]] });
    expect(wrong.diagnosis).toContain('T = 4');
  });

  test('clipGlobalNorm: unchanged, scale upside down, a norm per gradient', () => {
    const grads = { a: [3, 0], b: [[0, 4]] }; // global norm 5
    const [unchanged, upsideDown, perGradient] = clipGlobalNormMistakes(grads, 1).map((m) => resolve(m.value));
    expect(unchanged).toEqual(grads);
    expect(upsideDown).toEqual({ a: [15, 0], b: [[0, 20]] });
    expect(perGradient).toEqual({ a: [1, 0], b: [[0, 1]] });
  });
});
