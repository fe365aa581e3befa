import { describe, expect } from 'vitest';
import type * as Exercise from '../../exercises/08-seq2seq/seq2seq.ts';
import type { GreedyOptions, Seq2SeqParams } from '../../exercises/08-seq2seq/seq2seq.ts';
import type { Matrix, Tensor3 } from '../runtime/shared/types.ts';
import * as ref from '../../reference/08-seq2seq.ts';
import { randomParams, successorDecoder, type Seq2SeqSizes } from '../../reference/08-seq2seq.weights.ts';
import { ComparisonError, expectClose, expectData } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { sequenceContext } from '../runtime/mistakes/shared.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';
import { zerosLike } from '../runtime/shared/linalg.ts';

const student = loadSubmission<typeof Exercise>('08-seq2seq');
const random = hiddenRandom('08-seq2seq');

const sizes: Seq2SeqSizes = { Vs: 7, Vt: 6, E: 4, H: 5 };
const ids = (N: number, T: number, V: number): Matrix => Array.from({ length: N }, () => Array.from({ length: T }, () => random.int(V)));

async function expectEncode(srcIds: Matrix, params: Seq2SeqParams): Promise<void> {
  const context: DiagnosisContext = {
    alternatives: [
      {
        value: () => ref.encode(srcIds.map((seq) => [seq[0]!]), params),
        diagnosis: 'Looks like the context is the encoder’s first state h_1: it is the last one, h_Ts, after the whole source is read.',
      },
    ],
  };
  expectClose('encode(…)', await student.encode(srcIds, params), ref.encode(srcIds, params), undefined, context);
}

async function expectTeacherForcing(context: Matrix, tgtIds: Matrix, params: Seq2SeqParams): Promise<void> {
  const diagnosis: DiagnosisContext = {
    ...sequenceContext,
    axisNames: ['N', 'T', 'V'],
    alternatives: [
      {
        value: () => ref.decodeTeacherForcing(zerosLike(context), tgtIds, params),
        diagnosis: 'Looks like the decoder starts from zeros: its initial state s_0 is the context, the encoder’s summary of the source.',
      },
    ],
  };
  expectClose('decodeTeacherForcing(…)', await student.decodeTeacherForcing(context, tgtIds, params), ref.decodeTeacherForcing(context, tgtIds, params), undefined, diagnosis);
}

/**
 * Checks greedy decoding by its definition, robustly to float32 near-ties: fed back as teacher-forcing inputs
 * (<sos>, y_1, …), the reference's logits must have each emitted token at their maximum (within 1e-4), and each
 * list must end right after its first <eos>, or hold maxLen tokens.
 */
async function expectGreedy(context: Matrix, params: Seq2SeqParams, options: GreedyOptions): Promise<Matrix> {
  const decoded = await student.greedyDecode(context, params, options);
  expectClose('greedyDecode(…).length (one list per example)', decoded?.length, context.length);
  decoded.forEach((out, n) => {
    const what = `greedyDecode(…)[${n}] = [${out}]`;
    const firstEos = out.indexOf(options.eos);
    if (out.length === 0 || (firstEos >= 0 && firstEos !== out.length - 1) || (firstEos < 0 && out.length !== options.maxLen)) {
      throw new ComparisonError(`${what} should stop right after emitting <eos> = ${options.eos} (included), or after maxLen = ${options.maxLen} tokens`);
    }
    const logits = ref.decodeTeacherForcing([context[n]!], [[options.sos, ...out.slice(0, -1)]], params)[0]!;
    logits.forEach((row, t) => {
      const best = Math.max(...row);
      if (!Number.isInteger(out[t]) || !(row[out[t]!]! >= best - 1e-4)) {
        throw new ComparisonError(`${what}: token ${t} is ${out[t]}, but the logits after [${[options.sos, ...out.slice(0, t)]}] are largest at ${row.indexOf(best)} (greedy takes the argmax)`);
      }
    });
  });
  return decoded;
}

describe('encode (hidden)', () => {
  graded('random model, N=3 Ts=6: the final encoder state', 1, () => expectEncode(ids(3, 6, sizes.Vs), randomParams(random, sizes)));
  graded('a single source token (Ts=1) and a single sentence (N=1); repeated tokens', 1, async () => {
    const params = randomParams(random, sizes);
    await expectEncode(ids(2, 1, sizes.Vs), params);
    await expectEncode([[3, 3, 3, 3, 3]], params);
  });
  graded('a source id out of range or not an integer throws a RangeError', 1, async () => {
    const params = randomParams(random, sizes);
    await expectRangeError(`encode([[0, ${sizes.Vs}]], …)`, student.encode([[0, sizes.Vs]], params));
    await expectRangeError('encode([[-1]], …)', student.encode([[-1]], params));
    await expectRangeError('encode([[1.5, 2]], …)', student.encode([[1.5, 2]], params));
  });
});

describe('decodeTeacherForcing (hidden)', () => {
  graded('random model, N=3 Tt=5, from the encoder’s context', 2, async () => {
    const params = randomParams(random, sizes);
    await expectTeacherForcing(ref.encode(ids(3, 4, sizes.Vs), params), ids(3, 5, sizes.Vt), params);
  });
  graded('one step (Tt=1) and one sentence (N=1), from a random context; saturating weights', 1, async () => {
    await expectTeacherForcing(random.matrix(2, sizes.H), ids(2, 1, sizes.Vt), randomParams(random, sizes));
    await expectTeacherForcing(random.matrix(1, sizes.H), ids(1, 6, sizes.Vt), randomParams(random, sizes, 3));
  });
  graded('the logits at step t do not change when the inputs after t change', 1, async () => {
    const params = randomParams(random, sizes);
    const [context, tgt] = [random.matrix(2, sizes.H), ids(2, 6, sizes.Vt)];
    const changed = tgt.map((seq) => seq.map((id, t) => (t >= 3 ? (id + 1 + random.int(sizes.Vt - 1)) % sizes.Vt : id)));
    const [own, other] = [await student.decodeTeacherForcing(context, tgt, params), await student.decodeTeacherForcing(context, changed, params)];
    const firstSteps = (logits: Tensor3) => logits.map((seq) => seq.slice(0, 3));
    expectClose('decodeTeacherForcing(inputs changed after step 2), steps 0..2', firstSteps(other), firstSteps(ref.decodeTeacherForcing(context, tgt, params)), undefined, sequenceContext);
    expectClose('decodeTeacherForcing(…) steps 0..2', firstSteps(own), firstSteps(other), { atol: 1e-12, rtol: 0 });
  });
  graded('a target id out of range throws a RangeError', 1, () =>
    expectRangeError(`decodeTeacherForcing(…, [[0, ${sizes.Vt}]], …)`, student.decodeTeacherForcing(random.matrix(1, sizes.H), [[0, sizes.Vt]], randomParams(random, sizes))),
  );
});

describe('greedyDecode (hidden)', () => {
  const counting = (V: number): Seq2SeqParams => ({ encoder: randomParams(random, { ...sizes, H: V }).encoder, decoder: successorDecoder(V) });

  graded('a decoder that counts 1, 2, 3, …: stops right after emitting <eos> (included)', 1, async () => {
    const context = random.matrix(3, 7);
    expectData('greedyDecode(counting decoder, eos = 5, maxLen = 9)', await student.greedyDecode(context, counting(7), { sos: 0, eos: 5, maxLen: 9 }), context.map(() => [1, 2, 3, 4, 5]));
    expectData('greedyDecode(counting decoder, sos = 4, eos = 1, maxLen = 9)', await student.greedyDecode(context, counting(7), { sos: 4, eos: 1, maxLen: 9 }), context.map(() => [5, 6, 0, 1]));
  });
  graded('…and stops after maxLen tokens when <eos> does not come (maxLen = 3, and 1)', 1, async () => {
    const context = random.matrix(2, 6);
    expectData('greedyDecode(counting decoder, eos = 5, maxLen = 3)', await student.greedyDecode(context, counting(6), { sos: 0, eos: 5, maxLen: 3 }), [[1, 2, 3], [1, 2, 3]]);
    expectData('greedyDecode(counting decoder, eos = 5, maxLen = 1)', await student.greedyDecode(context, counting(6), { sos: 0, eos: 5, maxLen: 1 }), [[1], [1]]);
  });
  graded('random model: every token is the argmax after the previous ones; each example stops at its own <eos>', 2, async () => {
    const params = randomParams(random, sizes);
    const context = ref.encode(ids(6, 4, sizes.Vs), params);
    // eos = the token the reference emits first for example 0: at least that example stops early.
    const eos = ref.greedyDecode(context, params, { sos: 0, eos: 0, maxLen: 1 })[0]![0]!;
    await expectGreedy(context, params, { sos: 0, eos: eos === 0 ? 1 : eos, maxLen: 8 });
    await expectGreedy(random.matrix(3, sizes.H), params, { sos: 2, eos: 3, maxLen: 5 });
  });
  graded('the first token is the argmax of decodeTeacherForcing’s first logits with inputs [<sos>]', 1, async () => {
    const params = randomParams(random, sizes);
    const context = random.matrix(4, sizes.H);
    const decoded = await student.greedyDecode(context, params, { sos: 1, eos: 0, maxLen: 1 });
    const logits = await student.decodeTeacherForcing(context, context.map(() => [1]), params);
    const argmax = (row: number[]) => row.indexOf(Math.max(...row));
    expectClose('greedyDecode(…, maxLen = 1)', decoded, logits.map((seq) => [argmax(seq[0]!)]));
    await expectGreedy(context, params, { sos: 1, eos: 0, maxLen: 1 });
  });
  graded('ties go to the first largest logit', 1, async () => {
    const params = randomParams(random, sizes);
    const flat = { ...params, decoder: { ...params.decoder, Wy: params.decoder.Wy.map((row) => row.map(() => 0)), by: [0, 1, 4, 4, 2, 4] } };
    expectData('greedyDecode(logits [0, 1, 4, 4, 2, 4] at every step)', await student.greedyDecode(random.matrix(2, sizes.H), flat, { sos: 0, eos: 5, maxLen: 3 }), [[2, 2, 2], [2, 2, 2]]);
  });
  graded('maxLen < 1 or not an integer, and a <sos> outside the vocabulary, throw a RangeError', 1, async () => {
    const params = randomParams(random, sizes);
    const context = random.matrix(1, sizes.H);
    await expectRangeError('greedyDecode(…, { maxLen: 0 })', student.greedyDecode(context, params, { sos: 0, eos: 1, maxLen: 0 }));
    await expectRangeError('greedyDecode(…, { maxLen: 2.5 })', student.greedyDecode(context, params, { sos: 0, eos: 1, maxLen: 2.5 }));
    await expectRangeError(`greedyDecode(…, { sos: ${sizes.Vt} })`, student.greedyDecode(context, params, { sos: sizes.Vt, eos: 1, maxLen: 3 }));
  });
});

describe('the three together (hidden)', () => {
  graded('decoding equals teacher forcing fed with its own outputs (your functions, on the encoder’s context)', 1, async () => {
    const params = randomParams(random, sizes);
    const context = await student.encode(ids(3, 5, sizes.Vs), params);
    const decoded = await student.greedyDecode(context, params, { sos: 0, eos: 2, maxLen: 6 });
    for (const [n, out] of decoded.entries()) {
      const logits = (await student.decodeTeacherForcing([context[n]!], [[0, ...out.slice(0, -1)]], params))[0]!;
      expect(logits.map((row) => row.indexOf(Math.max(...row))), `argmax of your teacher-forced logits fed with greedyDecode(…)[${n}]`).toEqual(out);
    }
    await expectGreedy(ref.encode(ids(3, 5, sizes.Vs), params), params, { sos: 0, eos: 2, maxLen: 6 });
  });
});
