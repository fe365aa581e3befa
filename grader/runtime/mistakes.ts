/**
 * The course's classic mistakes, for the diagnosers (grader/runtime/diagnose.ts): the sentences a student reads and
 * the context or known wrong answers that recognize them. Public and hidden suites share them, so a mistake
 * is worded the same wherever it is caught. Wrong answers that need the reference are computed by the
 * hidden suites themselves, lazily (only when a comparison failed).
 */
import type { Matrix, NestedNumbers, Tensor3, Vector } from './shared/types.ts';
import { reorderBlocks, type Alternative, type DiagnosisContext } from './diagnose.ts';

/** The packing orders of the syllabus. */
export const LSTM_GATES = ['i', 'f', 'g', 'o'] as const;
export const GRU_GATES = ['z', 'r', 'h̃'] as const;

/** Weights as a student who unpacks the LSTM gates i, f, o, g reads them: the reference on these computes what that student computes. */
export const lstmGatesAsIFOG = <T extends Matrix | Vector>(w: T): T => reorderBlocks(w, 4, [0, 1, 3, 2]);
export const LSTM_GATES_IFOG =
  "Looks like the gates are unpacked in order i, f, o, g (CS231n's order): your output equals the reference's with the g and o blocks swapped. " +
  'The course packs a = [a_i | a_f | a_g | a_o].';

/** Weights as a student who unpacks the GRU gates r, z, h̃ reads them. */
export const gruGatesAsRZH = <T extends Matrix | Vector>(w: T): T => reorderBlocks(w, 3, [1, 0, 2]);
export const GRU_GATES_RZH =
  'Looks like the gates are unpacked in order r, z, h̃: your output equals the reference\'s with the z and r blocks swapped. ' +
  'The course packs z, r, h̃ (as Keras and TF.js).';
export const GRU_Z_SWAPPED =
  'Looks like z and 1 − z are swapped (the PyTorch convention): the course computes h = z ⊙ hPrev + (1 − z) ⊙ h̃, so z = 1 keeps the old state.';

/** Gradients of gate-packed weights ([D][4H], [H][4H], [4H]): a permuted block order is named. */
export const lstmGradientContext: DiagnosisContext = {
  outputs: { dWx: { gates: LSTM_GATES }, dWh: { gates: LSTM_GATES }, db: { gates: LSTM_GATES } },
};

/**
 * The gates an LSTM step caches, each the activation of its pre-activation plus its slice of b ([4H], packed
 * i, f, g, o): spots sigmoid where tanh belongs (and the reverse) and a bias left out.
 */
export function lstmCacheContext(b: Vector): Record<'i' | 'f' | 'g' | 'o', DiagnosisContext> {
  const H = b.length / 4;
  const slice = (k: number) => b.slice(k * H, (k + 1) * H);
  return {
    i: { activation: 'sigmoid', bias: slice(0) },
    f: { activation: 'sigmoid', bias: slice(1) },
    g: { activation: 'tanh', bias: slice(2) },
    o: { activation: 'sigmoid', bias: slice(3) },
  };
}

/** lstmStepBackward's outputs: gate-packed gradients, and dcPrev, which spots the h → c path missing. */
export function lstmStepBackwardContext(dh: Matrix, cache: { f: Matrix; o: Matrix; c: Matrix }): DiagnosisContext {
  return { outputs: { ...lstmGradientContext.outputs, dcPrev: { lstmCellPath: { dh, f: cache.f, o: cache.o, c: cache.c } } } };
}

/** rnnStepForward's h = tanh(x·Wx + hPrev·Wh + b): spots another activation, b left out, and the square Wh transposed. */
export function rnnStepContext(args: readonly unknown[]): DiagnosisContext {
  const [, hPrev, , Wh, b] = args as [Matrix, Matrix, Matrix, Matrix, Vector];
  return { activation: 'tanh', bias: b, weightProduct: { name: 'Wh', inputName: 'hPrev', input: hPrev, weight: Wh } };
}

/** A sequence output [N][T][H]: spots the states h_0..h_{T−1} and a time-major layout. */
export const sequenceContext: DiagnosisContext = { timeAxis: 1, axisNames: ['N', 'T', 'H'] };

export const BPTT_NO_CARRY =
  'Looks like BPTT drops the gradient carried back from step t+1: your gradients are those of each step with only its own dh[:, t] ' +
  '(truncated BPTT with k = 1). The upstream of step t is dh[:, t] + the dhPrev of step t+1.';

export const LOSS_MASK_IGNORED = 'Looks like the mask is ignored: padded steps (mask 0) must add nothing to the loss and get a zero gradient.';

/** temporalSoftmaxLoss averaged over N·T instead of N: the expected loss and gradient divided by T. */
export function lossAveragedOverTime(expected: { loss: number; dLogits: NestedNumbers }, T: number): Alternative {
  const divide = (v: NestedNumbers): NestedNumbers => (Array.isArray(v) ? v.map(divide) : v / T);
  return {
    value: () => ({ loss: expected.loss / T, dLogits: divide(expected.dLogits) }),
    diagnosis: `Looks like the loss is averaged over the time steps too: yours are the expected loss and gradient ÷ T (T = ${T}). Sum over t, then average over the N sequences only.`,
  };
}

/** Truncated BPTT windows one step off. */
export const truncatedWindow = (k: number, got: number): string =>
  `Looks like your window is one step too ${got > k ? 'long' : 'short'}: your gradients are those of k = ${got}. ` +
  'The gradient injected at step t flows back through k steps, t itself included: t, t − 1, …, t − k + 1.';
export const TRUNCATED_NOTHING = 'Looks like nothing is truncated: your gradients are those of full BPTT.';

export const RNN_BIAS_MISSING = 'Looks like the bias b is missing: your h equals tanh(x·Wx + hPrev·Wh).';
export const RNN_H0_IGNORED = 'Looks like h0 is ignored: your states are those of a sequence that starts from zeros.';

/** clipGlobalNorm's classic mistakes, computed from its inputs: no clipping, the scale upside down, a norm per gradient. */
export function clipGlobalNormMistakes(grads: Record<string, NestedNumbers>, maxNorm: number): Alternative[] {
  const entries = (g: NestedNumbers): number[] => (Array.isArray(g) ? g.flatMap(entries) : [g]);
  const scale = (g: NestedNumbers, s: number): NestedNumbers => (Array.isArray(g) ? g.map((v) => scale(v, s)) : g * s);
  const norm = Math.hypot(...Object.values(grads).flatMap(entries));
  const each = (f: (g: NestedNumbers, name: string) => NestedNumbers) => () => Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, f(g, name)]));
  return [
    { value: grads, diagnosis: `Looks like nothing is clipped: your gradients are the inputs unchanged, though their global norm ${norm.toPrecision(4)} is above maxNorm = ${maxNorm}.` },
    { value: each((g) => scale(g, norm / maxNorm)), diagnosis: 'Looks like the scale is upside down: yours are the gradients × ‖g‖ / maxNorm; clipping multiplies them by maxNorm / ‖g‖.' },
    {
      value: each((g) => {
        const own = Math.hypot(...entries(g));
        return own > maxNorm ? scale(g, maxNorm / own) : g;
      }),
      diagnosis: 'Looks like each gradient is clipped by its own norm: the norm is global, over every entry of every gradient together, and one scale applies to all of them.',
    },
  ];
}

export const RNN_WH_TRANSPOSED = 'Looks like Wh is used transposed: your h equals tanh(x·Wx + hPrev·Whᵀ + b). With row vectors, hPrev·Wh is [N][H]·[H][H], Wh as given.';

// 10-self-attention and 13-transformer-block: the sentences, and the reorderings that build wrong answers.

export const ATTENTION_UNSCALED =
  'Looks like the scores are not scaled: your weights are the softmax of q·kᵀ itself. Divide every score by √dk before the softmax ' +
  '(without it, large dk makes the scores large and the softmax nearly one-hot).';
export const ATTENTION_SCALED_BY_DK = 'Looks like the scores are divided by dk instead of √dk: your weights are the softmax of q·kᵀ / dk.';
export const CAUSAL_MASK_TRANSPOSED =
  'Looks like the causal mask is transposed: your position i attends to the positions j ≥ i (the future). The causal mask is 1 where j ≤ i.';
export const CAUSAL_IGNORED = 'Looks like the causal option is ignored: your output is that of attention without a mask. With causal, position i attends only to j ≤ i.';
export const MASK_WHERE_NOT_ASKED = 'Looks like a causal mask is applied though causal is false: without it, every position attends to every position.';
export const HEADS_INTERLEAVED =
  'Looks like the heads are interleaved: your head i takes the features i, i + h, i + 2h, … Head i takes the contiguous block of features i·E/h … (i+1)·E/h − 1.';
export const MERGE_INTERLEAVED =
  'Looks like mergeHeads interleaves the heads: your position t holds feature 0 of every head, then feature 1 of every head, … ' +
  'It should hold all d features of head 0, then all of head 1, … (the inverse of splitHeads).';
export const WO_MISSING = 'Looks like Wo is missing: your output is the concatenated heads. Multi-head attention multiplies them by Wo at the end.';
export const FFN_NO_RELU = 'Looks like the ReLU is missing: your output is x·W1·W2 plus the biases. The hidden layer is max(0, x·W1 + b1).';
export const ADDNORM_NORM_BEFORE_ADD = 'Looks like x is normalized before the residual add: yours is LayerNorm(x) + sublayerOut. Post-norm adds first, then normalizes: LayerNorm(x + sublayerOut).';
export const ADDNORM_NORM_SUBLAYER = 'Looks like only the sublayer is normalized: yours is x + LayerNorm(sublayerOut). Post-norm normalizes the sum: LayerNorm(x + sublayerOut).';
export const PRE_POST_SWAPPED = (preNorm: boolean): string =>
  preNorm
    ? 'Looks like your block is post-norm though preNorm is true: pre-norm normalizes the input of each sublayer, y = x + MHA(LN1(x)), out = y + FFN(LN2(y)).'
    : 'Looks like your block is pre-norm though preNorm is false: post-norm normalizes after each residual add, y = LN1(x + MHA(x)), out = LN2(y + FFN(y)).';

/**
 * Feature order `order` with order[i·d + j] = j·h + i (d = E/h): x with its last axis read in this order, split into
 * contiguous heads, gives the heads an interleaving student builds (head i = features i, i + h, …). With h
 * replaced by E/h, it turns contiguously merged heads into interleaved ones.
 */
export function interleavedFeatureOrder(E: number, h: number): number[] {
  const d = E / h;
  return Array.from({ length: E }, (_, k) => (k % d) * h + Math.floor(k / d));
}

/** x: [B][T][E] with its last axis read in `order`: result[b][t][k] = x[b][t][order[k]]. */
export const reorderFeatures = (x: Tensor3, order: readonly number[]): Tensor3 => x.map((seq) => seq.map((row) => order.map((f) => row[f]!)));

/**
 * Weights with which the ReLU feed-forward network computes the one without ReLU: relu(a) − relu(−a) = a, so
 * W1' = [W1 | −W1], b1' = [b1 | −b1], W2' = [W2 ; −W2] (the reference on these gives the no-ReLU student's answer).
 */
export function ffnWeightsWithoutRelu(W1: Matrix, b1: Vector, W2: Matrix): { W1: Matrix; b1: Vector; W2: Matrix } {
  return { W1: W1.map((row) => [...row, ...row.map((v) => -v)]), b1: [...b1, ...b1.map((v) => -v)], W2: [...W2, ...W2.map((row) => row.map((v) => -v))] };
}

// 07-char-lm and 17-word-embeddings: known wrong answers the suites compute with the reference.

export const TEMPERATURE_MULTIPLIED =
  'Looks like the logits are multiplied by the temperature: yours equal softmax(logits · T). Divide them: softmax(logits / T), ' +
  'so that T > 1 flattens the distribution and T < 1 sharpens it.';
export const PERPLEXITY_NO_EXP =
  'Looks like the exp is missing: your value is the mean negative log-likelihood (the cross-entropy in nats). Perplexity is exp of it.';
export const PERPLEXITY_LOG2 =
  'Looks like the logs are base 2 but the power is e: your value is exp(mean −log₂ p). Use the natural log with exp (or log₂ with 2^…).';
export const SAMPLE_LESS_EQUAL =
  'Looks like the comparison is u ≤ cumsum instead of u < cumsum: an id of probability 0 can then be drawn (u = 0 draws id 0 even when p₀ = 0).';
export const EMBEDDING_GRAD_OVERWRITTEN =
  'Looks like a repeated id overwrites its gradient: the row of an id that occurs several times must be the sum of all its dout rows (+=, not =).';
export const COSINE_NOT_NORMALIZED = 'Looks like the dot product is not divided by the norms: cosine similarity is a·b / (‖a‖ ‖b‖).';

/**
 * dout with every position zeroed whose id occurs again later in ids (row-major order): the gradient of the
 * embedding on it is what a backward pass computes that overwrites (dW[id] = dout) instead of adding.
 */
export function keepLastOccurrence(dout: Tensor3, ids: Matrix): Tensor3 {
  const last = new Map<number, string>();
  ids.forEach((row, n) => row.forEach((id, t) => last.set(id, `${n},${t}`)));
  return dout.map((row, n) => row.map((g, t) => (last.get(ids[n]![t]!) === `${n},${t}` ? g : g.map(() => 0))));
}

/**
 * Mistakes a public fixture may carry a known wrong answer for (`"mistakes": { "<id>": value }` in
 * fixtures.json, written by reference/fixtures/): expectFixture turns each into an alternative.
 */
export const FIXTURE_MISTAKES: Readonly<Record<string, string>> = {
  'lstm-gates-ifog': LSTM_GATES_IFOG,
  'bptt-no-carry': BPTT_NO_CARRY,
  'temperature-multiplied': TEMPERATURE_MULTIPLIED,
  'perplexity-no-exp': PERPLEXITY_NO_EXP,
  'cosine-not-normalized': COSINE_NOT_NORMALIZED,
  'embedding-grad-overwritten': EMBEDDING_GRAD_OVERWRITTEN,
  'attention-unscaled': ATTENTION_UNSCALED,
  'attention-scaled-by-dk': ATTENTION_SCALED_BY_DK,
  'causal-mask-transposed': CAUSAL_MASK_TRANSPOSED,
  'heads-interleaved': HEADS_INTERLEAVED,
  'merge-interleaved': MERGE_INTERLEAVED,
  'ffn-no-relu': FFN_NO_RELU,
};

// 14-patch-embedding: the wrong orders, computed from the expected values alone (public and hidden suites).

/** Every patch's entries moved: entry (i, j, ch) of a P×P×C patch, flattened (row, col, channel), goes to `to(i, j, ch)`. */
function movePatchEntries(patches: Matrix[], P: number, C: number, to: (i: number, j: number, ch: number) => number): Matrix[] {
  return patches.map((image) =>
    image.map((patch) => {
      const moved = new Array<number>(patch.length);
      patch.forEach((v, k) => (moved[to(Math.floor(k / (P * C)), Math.floor(k / C) % P, k % C)] = v));
      return moved;
    }),
  );
}

/**
 * patchify's classic wrong orders, from the expected patches [N][M][P·P·C] of a grid `gridCols` patches wide:
 * each patch flattened channel first or column by column, and the grid read column by column.
 */
export function patchOrderMistakes(patches: Matrix[], P: number, C: number, gridCols: number): Alternative[] {
  const gridRows = (patches[0]?.length ?? 0) / gridCols;
  return [
    {
      value: () => movePatchEntries(patches, P, C, (i, j, ch) => ch * P * P + i * P + j),
      diagnosis: 'Looks like each patch is flattened channel first, in (channel, row, col) order: the course flattens a patch in (row, col, channel) order, the order of its [P][P][C] pixels read row by row.',
    },
    {
      value: () => movePatchEntries(patches, P, C, (i, j, ch) => (j * P + i) * C + ch),
      diagnosis: 'Looks like each patch is flattened column by column: read a patch row by row, (row, col, channel), as the image is stored.',
    },
    {
      value: () => patches.map((image) => Array.from({ length: image.length }, (_, m) => image[(m % gridRows) * gridCols + Math.floor(m / gridRows)]!)),
      diagnosis: 'Looks like the patches are listed column by column over the grid: patch (r, c) is number r·(W/P) + c, row by row like words on a page.',
    },
  ];
}

/**
 * vitTokens' classic mistakes, from the expected tokens [N][1 + M][E] and the position embeddings [1 + M][E]:
 * the class token put last, the class token without its position row (patches shifted onto rows 0..M−1), no
 * position embedding at all.
 */
export function vitTokenMistakes(tokens: Matrix[], posEmbedding: Matrix): Alternative[] {
  const M = posEmbedding.length - 1;
  const content = tokens.map((image) => image.map((token, t) => token.map((v, e) => v - posEmbedding[t]![e]!)));
  /** Adds position row `rowOf(t)` to token t (none where it is undefined). */
  const withPositions = (image: Matrix, rowOf: (t: number) => number | undefined) =>
    image.map((token, t) => {
      const row = rowOf(t);
      return row === undefined ? token : token.map((v, e) => v + posEmbedding[row]![e]!);
    });
  return [
    {
      value: () => content.map((image) => withPositions([...image.slice(1), image[0]!], (t) => t)),
      diagnosis: 'Looks like the class token is appended after the patches: it comes first, tokens[n][0], and the patches follow in order.',
    },
    {
      value: () => content.map((image) => withPositions(image, (t) => (t === 0 ? undefined : t - 1))),
      diagnosis: `Looks like the class token gets no position row and patch m gets row m: posEmbedding has 1 + M = ${M + 1} rows, row 0 for the class token and row 1 + m for patch m.`,
    },
    { value: () => content, diagnosis: 'Looks like the position embeddings are not added: every token, the class token included, gets its row of posEmbedding.' },
  ];
}

/**
 * The attention-mask diagnoser's context for weights [B][Q][K] of a masked softmax with valid lengths
 * ([B]: one per batch, [B][Q]: one per query; none: every key allowed): 1 where j < the row's length.
 */
export function validLensContext(shape: readonly [B: number, Q: number, K: number], validLens?: Vector | Matrix, scores?: Tensor3): DiagnosisContext {
  const [B, Q, K] = shape;
  const lengthOf = (b: number, i: number): number => {
    const lens = validLens?.[b];
    return lens === undefined ? K : Array.isArray(lens) ? lens[i]! : lens;
  };
  const mask = Array.from({ length: B }, (_, b) => Array.from({ length: Q }, (_, i) => Array.from({ length: K }, (_, j) => (j < lengthOf(b, i) ? 1 : 0))));
  return scores ? { mask, scores } : { mask };
}
