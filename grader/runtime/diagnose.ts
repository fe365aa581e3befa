/**
 * Diagnosers: when a student's value differs from the expected one, name the classic mistake that explains
 * the difference ("Looks like the gates are permuted: …"). grader/runtime/compare.ts calls `diagnose` on every
 * failed comparison and appends the sentence to the failure message, so every suite benefits.
 *
 * A detector sees only the student's value, the expected value, the comparison's tolerance and what the
 * suite chose to pass as context; it is silent unless the student's value matches the mistake's prediction
 * at *every* entry, within the comparison's tolerance, and that prediction differs from the expected value.
 * Each detector is linear in the size of the arrays (times at most 4! block orders), so diagnosing costs
 * less than the comparison that failed. Known wrong answers computed by a suite (`alternatives`) are the
 * general mechanism; the other detectors need no reference.
 */
import {
  shapeAndValues,
  sameShape,
  closeTo,
  allClose,
  explains,
  significant,
  broadcastTrailing,
  stridesOf,
  linesAlong,
  softmaxAlong,
  lineSums,
  permuteAxes,
  permutations,
  shapeText,
  indexText,
  nameFactor,
  ACTIVATIONS,
} from './detectors/flat.ts';
import type { Nested } from './check.ts';
import { CONTEXT_DETECTORS } from './detectors/index.ts';

export type { Nested };

/** A known wrong answer and what it means. */
export interface Alternative {
  /**
   * The wrong answer, or a function computing it (called only when a comparison failed, so a correct
   * submission pays nothing). With expectOutputs' named outputs, an object holding some of the keys.
   */
  value: unknown;
  /** The sentence to show, e.g. "Looks like BPTT drops the gradient carried back from step t+1 …". */
  diagnosis: string;
}

/** What a suite may tell the diagnosers about the value it compares. Every field is optional. */
export interface DiagnosisContext {
  /** Known wrong answers (checked first, in order). */
  alternatives?: readonly Alternative[];
  /**
   * The last axis packs gates in equal blocks: their number, or better their names in the course's order
   * (['i', 'f', 'g', 'o']), so that a permuted order can be named.
   */
  gates?: number | readonly string[];
  /** The bias added along the trailing axes (e.g. by [V] for logits [N][T][V]): spots a missing or doubled bias. */
  bias?: Nested;
  /** The logits the expected value is the softmax of (over the last axis): spots a softmax over another axis. */
  logits?: Nested;
  /** Attention mask over the trailing axes of the weights (1 = may attend, 0 = masked); the expected rows are softmaxes. */
  mask?: Nested;
  /** The key dimension d of attention scores q·kᵀ/√d: spots unscaled (or doubly scaled) scores. */
  keyDim?: number;
  /** The value is a layer norm's output over its last axis (size n unless given), shifted by beta if given. */
  layerNorm?: { size?: number; beta?: Nested };
  /** The value is this activation of a pre-activation (h = tanh(a)): spots another activation or none. */
  activation?: 'tanh' | 'sigmoid';
  /** Which axis is time (1 for [N][T][H]): spots a sequence output shifted by one step. */
  timeAxis?: number;
  /** With `mask`: the scores whose masked softmax the expected value is (spots a finite penalty, a mask one key off). */
  scores?: Nested;
  /** The value holds input·weight (inside `activation` if given) with a square weight: spots the weight transposed. */
  weightProduct?: { name: string; inputName: string; input: Nested; weight: Nested };
  /** The value is an LSTM step's dcPrev: the step's upstream dh and cached f, o, c ([N][H] each), to spot the h→c path missing. */
  lstmCellPath?: { dh: Nested; f: Nested; o: Nested; c: Nested };
  /** Names of the axes, e.g. ['N', 'T', 'H'], to word a permuted-axes diagnosis. */
  axisNames?: readonly string[];
  /** Per named output of expectOutputs: context for that key only (merged over the fields above). */
  outputs?: Readonly<Record<string, DiagnosisContext>>;
}

export interface MatchTolerance {
  atol: number;
  rtol: number;
}

/** Everything a detector may look at. Arrays are flattened in row-major order. */
export interface Case {
  actual: number[];
  actualShape: number[];
  expected: number[];
  shape: number[];
  context: DiagnosisContext;
  tolerance: MatchTolerance;
}

export interface Detector {
  name: string;
  /** Runs only when the student's shape equals the expected one (most detectors). */
  sameShape: boolean;
  detect(c: Case): string | undefined;
}

/** Arrays larger than this are not diagnosed: the comparison message alone must do. */
const MAX_ENTRIES = 1_000_000;

// ---------------------------------------------------------------------------------------------------------
// The detectors, most specific first.

function resolveAlternative(value: unknown): unknown {
  try {
    return typeof value === 'function' ? (value as () => unknown)() : value;
  } catch {
    return undefined; // a suite's wrong-answer helper failing must never hide the real failure message
  }
}

const alternatives: Detector = {
  name: 'known wrong answers',
  sameShape: false,
  detect(c) {
    for (const alternative of c.context.alternatives ?? []) {
      const wrong = shapeAndValues(resolveAlternative(alternative.value));
      if (wrong && sameShape(wrong.shape, c.actualShape) && allClose(c.actual, wrong.values, c.tolerance)) {
        // A wrong answer of the expected shape must also differ from the expected value to count.
        if (sameShape(wrong.shape, c.shape) && allClose(wrong.values, c.expected, c.tolerance)) continue;
        return alternative.diagnosis;
      }
    }
    return undefined;
  },
};

const gateOrder: Detector = {
  name: 'gate blocks permuted',
  sameShape: true,
  detect(c) {
    const { gates } = c.context;
    if (gates === undefined || c.shape.length === 0) return undefined;
    const names = typeof gates === 'number' ? Array.from({ length: gates }, (_, k) => `${k + 1}`) : [...gates];
    const k = names.length;
    const last = c.shape[c.shape.length - 1]!;
    if (k < 2 || k > 5 || last % k !== 0) return undefined;
    const width = last / k;
    for (const order of permutations(k).slice(1)) {
      // Block j of the student's value holds the expected block order[j].
      const candidate = c.expected.map((_, i) => {
        const column = i % last;
        return c.expected[i - column + order[Math.floor(column / width)]! * width + (column % width)]!;
      });
      if (explains(c, candidate)) {
        const said = order.map((g) => names[g]).join(', ');
        return typeof gates === 'number'
          ? `Looks like the gate blocks are permuted: your value equals the expected one with its ${k} column blocks (of width ${width}) in order ${said} instead of ${names.join(', ')}.`
          : `Looks like the gates are permuted: your output equals the expected one with the gates in order ${said} — the course packs ${names.join(', ')}.`;
      }
    }
    return undefined;
  },
};

const bias: Detector = {
  name: 'missing or doubled bias',
  sameShape: true,
  detect(c) {
    const b = broadcastTrailing(c.context.bias, c.shape);
    if (!b || significant(b, c.tolerance) === 0) return undefined;
    if (explains(c, c.expected.map((e, i) => e - b[i]!))) {
      return 'Looks like the bias is missing: your output plus the bias equals the expected one.';
    }
    if (explains(c, c.expected.map((e, i) => e + b[i]!))) {
      return 'Looks like the bias is added twice: your output minus the bias equals the expected one.';
    }
    return undefined;
  },
};

const softmaxOfLogits: Detector = {
  name: 'softmax over the wrong axis (logits given)',
  sameShape: true,
  detect(c) {
    const logits = c.context.logits === undefined ? undefined : shapeAndValues(c.context.logits);
    if (!logits || !sameShape(logits.shape, c.shape) || c.shape.length < 2) return undefined;
    const last = c.shape.length - 1;
    for (let axis = 0; axis < last; axis++) {
      if (c.shape[axis]! < 2) continue;
      if (explains(c, softmaxAlong(logits.values, c.shape, axis))) {
        return `Looks like the softmax is taken over the wrong axis: your output is the softmax over axis ${axis} (size ${c.shape[axis]}); it should run over the last axis (size ${c.shape[last]}), so that every row sums to 1.`;
      }
    }
    return undefined;
  },
};

const attentionMask: Detector = {
  name: 'mask applied after the softmax, ignored or inverted',
  sameShape: true,
  detect(c) {
    const mask = broadcastTrailing(c.context.mask, c.shape);
    if (!mask || c.shape.length === 0) return undefined;
    const last = c.shape.length - 1;
    const tol = c.tolerance;
    const rows = linesAlong(c.shape, last);
    const keeps = (i: number) => mask[i] !== 0;
    // Only rows that may attend somewhere, whose expected weights form a masked softmax.
    const live = rows.filter((row) => row.some(keeps));
    const isSoftmaxRow = (values: readonly number[], row: number[]) => closeTo(row.reduce((s, i) => s + values[i]!, 0), 1, tol) && row.every((i) => values[i]! >= -tol.atol);
    if (live.length === 0 || !live.every((row) => isSoftmaxRow(c.expected, row))) return undefined;
    if (!live.every((row) => row.every((i) => keeps(i) || Math.abs(c.expected[i]!) <= tol.atol))) return undefined;
    if (!rows.some((row) => row.some((i) => !keeps(i)))) return undefined; // nothing is masked: no mask mistake to see
    const maskedZero = (i: number) => keeps(i) || Math.abs(c.actual[i]!) <= tol.atol;

    // Softmax over every position, then the masked weights set to 0: each row is the expected row scaled by
    // the weight its allowed positions kept, so the rows sum to less than 1.
    const afterSoftmax = live.every((row) => {
      const sum = row.reduce((s, i) => s + c.actual[i]!, 0);
      return row.every(maskedZero) && sum > 0 && row.every((i) => closeTo(c.actual[i]!, c.expected[i]! * sum, tol));
    });
    if (afterSoftmax && live.some((row) => !isSoftmaxRow(c.actual, row))) {
      return 'Looks like the mask is applied after the softmax: the masked weights are 0 but the rows no longer sum to 1. Mask the scores before the softmax (a large negative number or −∞ where the mask is 0), so the allowed positions share all the weight.';
    }
    if (live.every((row) => isSoftmaxRow(c.actual, row))) {
      const inverted = rows.every((row) => row.every((i) => !keeps(i) || Math.abs(c.actual[i]!) <= tol.atol));
      if (inverted) return 'Looks like the mask is inverted: your weights are 0 exactly where the mask allows attention. In the course, mask 1 = may attend, 0 = masked.';
      const leak = c.actual.findIndex((v, i) => !keeps(i) && Math.abs(v) > tol.atol);
      // With the scores at hand, "not applied" must be exact: your rows are the softmax of the scores.
      const scores = c.context.scores === undefined ? undefined : shapeAndValues(c.context.scores);
      const unmasked = scores && sameShape(scores.shape, c.shape) ? softmaxAlong(scores.values, c.shape, last) : undefined;
      if (leak >= 0 && (!unmasked || allClose(c.actual, unmasked, tol))) {
        return `Looks like the mask is not applied: your rows are softmaxes, but positions the mask excludes get weight (yours${indexText(leak, c.shape)} = ${Number(c.actual[leak]!.toPrecision(4))}). Mask the scores before the softmax.`;
      }
    }
    return undefined;
  },
};

const attentionScale: Detector = {
  name: 'attention scores not scaled by 1/√d',
  sameShape: true,
  detect(c) {
    const d = c.context.keyDim;
    if (d === undefined || !(d > 1) || significant(c.expected, c.tolerance) < 2) return undefined;
    const root = Math.sqrt(d);
    if (explains(c, c.expected.map((e) => e * root))) {
      return `Looks like the attention scores are not scaled: yours equal the expected ones × √d (d = ${d}). Divide q·kᵀ by √d.`;
    }
    if (explains(c, c.expected.map((e) => e / root))) {
      return `Looks like the attention scores are scaled twice (or divided by d instead of √d): yours equal the expected ones ÷ √d (d = ${d}).`;
    }
    return undefined;
  },
};

const unbiasedVariance: Detector = {
  name: 'unbiased variance in layer norm',
  sameShape: true,
  detect(c) {
    const ln = c.context.layerNorm;
    if (!ln || c.shape.length === 0) return undefined;
    const n = ln.size ?? c.shape[c.shape.length - 1]!;
    if (!(n > 1)) return undefined;
    const beta = ln.beta === undefined ? c.expected.map(() => 0) : broadcastTrailing(ln.beta, c.shape);
    if (!beta) return undefined;
    const factor = Math.sqrt((n - 1) / n);
    // Layer norm's ε makes the ratio approximate: allow ten times the comparison's tolerance.
    const loose = { atol: 10 * c.tolerance.atol, rtol: Math.max(10 * c.tolerance.rtol, 1e-3) };
    if (significant(c.expected.map((e, i) => e - beta[i]!), c.tolerance) < 2) return undefined;
    if (explains(c, c.expected.map((e, i) => beta[i]! + (e - beta[i]!) * factor), loose)) {
      return `Looks like the variance is the unbiased one (divided by n − 1 = ${n - 1}): your normalized values are the expected ones × √((n−1)/n). Layer norm divides the squared deviations by n = ${n}.`;
    }
    return undefined;
  },
};

export type ActivationName = keyof typeof ACTIVATIONS;

const activation: Detector = {
  name: 'wrong or missing activation',
  sameShape: true,
  detect(c) {
    const name = c.context.activation;
    const inverse = name && ACTIVATIONS[name].inverse;
    if (!name || !inverse || significant(c.expected, c.tolerance) < 2) return undefined;
    // The pre-activation the expected value came from; the student applied another function to it.
    const pre = c.expected.map(inverse);
    for (const [other, { f }] of Object.entries(ACTIVATIONS)) {
      if (other !== name && explains(c, pre.map(f))) {
        return `Looks like ${other} is used where the course applies ${name}: your output equals ${other} of the pre-activation.`;
      }
    }
    if (pre.every(Number.isFinite) && explains(c, pre)) {
      return `Looks like the ${name} is missing: your output equals the pre-activation itself.`;
    }
    return undefined;
  },
};

const timeShift: Detector = {
  name: 'sequence output shifted by one step',
  sameShape: true,
  detect(c) {
    const axis = c.context.timeAxis;
    if (axis === undefined || axis >= c.shape.length || c.shape[axis]! < 2) return undefined;
    const strides = stridesOf(c.shape);
    const T = c.shape[axis]!;
    const tOf = (i: number) => Math.floor(i / strides[axis]!) % T;
    // The student's step t holds the expected step t − 1 (states h_0..h_{T−1} instead of h_1..h_T): compare steps 1..T−1.
    const kept = c.actual.map((_, i) => i).filter((i) => tOf(i) > 0);
    const got = kept.map((i) => c.actual[i]!);
    const wanted = kept.map((i) => c.expected[i - strides[axis]!]!);
    const same = kept.map((i) => c.expected[i]!);
    if (allClose(got, wanted, c.tolerance) && !allClose(wanted, same, c.tolerance)) {
      return 'Looks like the sequence is shifted by one step: your step t holds the expected step t − 1. The output should hold the states after each step, h_1 … h_T (not h_0 … h_{T−1}).';
    }
    return undefined;
  },
};

const permutedAxes: Detector = {
  name: 'transposed or permuted axes',
  sameShape: false,
  detect(c) {
    const rank = c.shape.length;
    if (rank < 2 || rank > 4 || c.actualShape.length !== rank) return undefined;
    for (const order of permutations(rank).slice(1)) {
      const moved = permuteAxes(c.expected, c.shape, order);
      if (!sameShape(moved.shape, c.actualShape)) continue;
      if (!allClose(c.actual, moved.values, c.tolerance)) continue;
      if (sameShape(moved.shape, c.shape) && allClose(moved.values, c.expected, c.tolerance)) continue;
      const swapsLastTwo = order.every((a, j) => (j < rank - 2 ? a === j : a === (j === rank - 2 ? rank - 1 : rank - 2)));
      if (swapsLastTwo) {
        return `Looks like the result is transposed: your value is the expected ${shapeText(c.shape)} one with rows and columns swapped. A product with its factors in the wrong order gives the transpose: (A·B)ᵀ = Bᵀ·Aᵀ.`;
      }
      const names = c.context.axisNames?.length === rank ? c.context.axisNames : undefined;
      const layout = (axes: readonly number[]) => axes.map((a) => (names ? names[a] : `axis ${a}`)).join(', ');
      return `Looks like the axes are in another order: your value holds the expected values laid out as (${layout(order)}) instead of (${layout(order.map((_, j) => j))}).`;
    }
    return undefined;
  },
};

const normalizedAxis: Detector = {
  name: 'normalized over the wrong axis',
  sameShape: true,
  detect(c) {
    const rank = c.shape.length;
    if (rank < 2) return undefined;
    const last = rank - 1;
    const tol = { atol: Math.max(c.tolerance.atol, 1e-6) * c.shape[last]!, rtol: c.tolerance.rtol };
    const sumsToOne = (values: readonly number[], axis: number) => lineSums(values, c.shape, axis).every((s) => closeTo(s, 1, tol));
    // Only where the expected value is a distribution over its last axis (a softmax's output).
    if (c.shape[last]! < 2 || !c.expected.every((v) => v >= -c.tolerance.atol) || !sumsToOne(c.expected, last)) return undefined;
    if (sumsToOne(c.actual, last) || !c.actual.every((v) => v >= -c.tolerance.atol)) return undefined;
    for (let axis = 0; axis < last; axis++) {
      if (c.shape[axis]! > 1 && sumsToOne(c.actual, axis)) {
        return `Looks like the normalization runs over the wrong axis: your values sum to 1 along axis ${axis} (size ${c.shape[axis]}) instead of along the last axis (size ${c.shape[last]}).`;
      }
    }
    return undefined;
  },
};

const signFlip: Detector = {
  name: 'sign flipped',
  sameShape: true,
  detect(c) {
    if (significant(c.expected, c.tolerance) < 2) return undefined;
    if (explains(c, c.expected.map((e) => -e))) {
      return 'Looks like the sign is flipped: your values are the expected ones × −1 (a − b where b − a is meant, or a descent step where the gradient is asked?).';
    }
    return undefined;
  },
};

const constantFactor: Detector = {
  name: 'off by a constant factor',
  sameShape: true,
  detect(c) {
    if (significant(c.expected, c.tolerance) < 2) return undefined;
    let dot = 0;
    let norm = 0;
    c.expected.forEach((e, i) => {
      dot += e * c.actual[i]!;
      norm += e * e;
    });
    const factor = dot / norm;
    if (!Number.isFinite(factor) || Math.abs(factor) < 1e-3 || Math.abs(Math.abs(factor) - 1) < 1e-3) return undefined;
    if (!explains(c, c.expected.map((e) => e * factor))) return undefined;
    return `Looks like every value is off by the same factor: yours are the expected ones × ${nameFactor(factor)}. A mean over the wrong count, or a scale applied twice or not at all?`;
  },
};

/** Every detector, in the order they are tried: suite-provided answers, then context, then shape-only. */
export const DETECTORS: readonly Detector[] = [
  alternatives,
  gateOrder,
  bias,
  // Detectors that need a context field of their own, one file each (grader/runtime/detectors/).
  ...CONTEXT_DETECTORS,
  softmaxOfLogits,
  attentionMask,
  attentionScale,
  unbiasedVariance,
  activation,
  timeShift,
  permutedAxes,
  normalizedAxis,
  signFlip,
  constantFactor,
];

/**
 * The first detector's sentence that explains why `actual` differs from `expected`, or undefined.
 * Never throws: a diagnosis is a bonus on top of the comparison's own message.
 */
export function diagnose(actual: unknown, expected: unknown, context: DiagnosisContext = {}, tolerance: MatchTolerance): string | undefined {
  const got = shapeAndValues(actual);
  const want = shapeAndValues(expected);
  if (!got || !want || got.values.length > MAX_ENTRIES || want.values.length > MAX_ENTRIES) return undefined;
  if (!got.values.every(Number.isFinite)) return undefined;
  const c: Case = { actual: got.values, actualShape: got.shape, expected: want.values, shape: want.shape, context, tolerance };
  const same = sameShape(got.shape, want.shape);
  for (const detector of DETECTORS) {
    if (detector.sameShape && !same) continue;
    try {
      const found = detector.detect(c);
      if (found) return found;
    } catch {
      // A detector bug must never replace the comparison's message.
    }
  }
  return undefined;
}

/** Resolved alternatives, so that a wrong answer computed for one named output is not recomputed for the next. */
const resolved = new WeakMap<Alternative, unknown>();

function resolveOnce(alternative: Alternative): unknown {
  if (!resolved.has(alternative)) resolved.set(alternative, resolveAlternative(alternative.value));
  return resolved.get(alternative);
}

/** The context for one named output `key`: the shared fields, that key's own, and the key's part of each alternative. */
export function contextForKey(context: DiagnosisContext | undefined, key: string): DiagnosisContext {
  if (!context) return {};
  const { outputs, alternatives: shared = [], ...common } = context;
  const own = outputs?.[key] ?? {};
  const split = shared.map((alternative): Alternative => ({
    diagnosis: alternative.diagnosis,
    value: () => {
      const whole = resolveOnce(alternative);
      return typeof whole === 'object' && whole !== null && !Array.isArray(whole) ? (whole as Record<string, unknown>)[key] : undefined;
    },
  }));
  return { ...common, ...own, alternatives: [...split, ...(own.alternatives ?? [])] };
}

/**
 * `value` with the k equal blocks of its last axis reordered: block j of the result is block order[j].
 * Suites use it to build wrong answers: a student who unpacks the LSTM gates as i, f, o, g computes what
 * the reference computes on weights whose g and o blocks are swapped (`reorderBlocks(Wx, 4, [0, 1, 3, 2])`).
 */
export function reorderBlocks<T extends Nested>(value: T, k: number, order: readonly number[]): T {
  if (!Array.isArray(value)) return value;
  if (value.length === 0 || Array.isArray(value[0])) return value.map((inner) => reorderBlocks(inner, k, order)) as T;
  const width = value.length / k;
  if (!Number.isInteger(width)) throw new Error(`cannot split a last axis of ${value.length} into ${k} blocks`);
  return order.flatMap((block) => value.slice(block * width, (block + 1) * width)) as T;
}
