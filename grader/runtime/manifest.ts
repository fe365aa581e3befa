/**
 * The course manifest: the one list of exercises. The grader, the report, the stub generator and the
 * course self-test all read it; nothing else lists exercises.
 */
export interface ExerciseSpec {
  /** Folder name under exercises/ and solutions/, e.g. '01-rnn-forward'. */
  id: string;
  title: string;
  /** Named exports the student implements, in the order the README teaches them. */
  functions: readonly string[];
  /** Total points of the exercise's public and hidden tests (the self-test checks the suites add up to it). */
  points: number;
}

export const COURSE: readonly ExerciseSpec[] = [
  {
    id: '01-rnn-forward',
    title: 'Vanilla RNN: forward step, sequence and output layer',
    functions: ['rnnStepForward', 'rnnForward', 'outputLogits'],
    points: 17,
  },
  {
    id: '02-bptt',
    title: 'Backpropagation through time, the loss, gradient clipping',
    functions: [
      'rnnStepBackward',
      'rnnBackward',
      'temporalSoftmaxLoss',
      'clipElementwise',
      'clipGlobalNorm',
      'rnnBackwardTruncated',
    ],
    points: 41,
  },
  {
    id: '03-gradient-flow',
    title: 'Vanishing and exploding gradients',
    functions: ['rnnJacobianNorms', 'lstmCellPathGains'],
    points: 17,
  },
  {
    id: '04-lstm',
    title: 'LSTM: gates, cell state and the backward step',
    functions: ['lstmStepForward', 'lstmForward', 'lstmStepBackward', 'lstmBackward'],
    points: 30,
  },
  {
    id: '05-gru',
    title: 'GRU: update and reset gates',
    functions: ['gruStepForward', 'gruForward'],
    points: 19,
  },
  {
    id: '06-deep-rnn',
    title: 'Stacked and bidirectional RNNs',
    functions: ['stackedRnnForward', 'bidirectionalRnnForward'],
    points: 21,
  },
  {
    id: '07-char-lm',
    title: 'Character-level language model: vocabulary, temperature, sampling, perplexity',
    functions: ['buildVocab', 'oneHot', 'softmaxWithTemperature', 'sampleNext', 'generate', 'perplexity'],
    points: 30,
  },
  {
    id: '08-seq2seq',
    title: 'Sequence to sequence: encoder, decoder with teacher forcing, greedy decoding',
    functions: ['encode', 'decodeTeacherForcing', 'greedyDecode'],
    points: 23,
  },
  {
    id: '09-attention',
    title: 'Attention: dot and additive (Bahdanau) scores, masked softmax, context vectors',
    functions: ['dotScores', 'additiveScores', 'maskedSoftmax', 'attentionContext', 'bahdanauStep'],
    points: 30,
  },
  {
    id: '10-self-attention',
    title: 'Self-attention: Q, K, V, scaled dot-product, causal mask, multi-head',
    functions: ['projectQKV', 'scaledDotProductAttention', 'causalMask', 'splitHeads', 'mergeHeads', 'multiHeadSelfAttention'],
    points: 30,
  },
  {
    id: '11-positional-encoding',
    title: 'Sinusoidal positional encoding',
    functions: ['sinusoidalEncoding', 'addPositionalEncoding'],
    points: 16,
  },
  {
    id: '12-layernorm',
    title: 'Layer normalization (and batch normalization, for contrast)',
    functions: ['layerNormForward', 'layerNormBackward', 'batchNormForward'],
    points: 25,
  },
  {
    id: '13-transformer-block',
    title: 'Transformer encoder block: feed-forward, add & norm, pre- and post-norm',
    functions: ['positionwiseFFN', 'addNorm', 'transformerEncoderBlock'],
    points: 24,
  },
  {
    id: '14-patch-embedding',
    title: 'Vision Transformer patch embedding',
    functions: ['patchify', 'patchEmbed', 'vitTokens'],
    points: 22,
  },
  {
    id: '15-autoencoders',
    title: 'Autoencoders: dense, denoising, sparse, variational',
    functions: ['denseAutoencoderForward', 'mseLoss', 'bceLoss', 'addGaussianNoise', 'denoisingLoss', 'l1SparsityPenalty', 'vaeReparameterize', 'vaeKl'],
    points: 30,
  },
  {
    id: '16-lstm-autoencoder',
    title: 'LSTM autoencoder for sequences',
    functions: ['lstmAutoencoderForward'],
    points: 15,
  },
  {
    id: '17-word-embeddings',
    title: 'Word embeddings: bag of words, the embedding layer, skip-gram pairs, similarity',
    functions: ['bagOfWords', 'embeddingForward', 'embeddingBackward', 'skipGramPairs', 'cosineSimilarity', 'nearestNeighbors'],
    points: 26,
  },
];

/** '04-lstm' → 'lstm': the module file inside the exercise folder is `<slug>.ts`. */
export function slugOf(id: string): string {
  return id.replace(/^\d+-/, '');
}

export function exerciseById(id: string): ExerciseSpec {
  const spec = COURSE.find((e) => e.id === id);
  if (!spec) throw new Error(`unknown exercise '${id}'; known: ${COURSE.map((e) => e.id).join(', ')}`);
  return spec;
}

/** The exercise a student means by '04', '4', 'lstm' or '04-lstm'; undefined when none or several match. */
export function findExercise(name: string): ExerciseSpec | undefined {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return undefined;
  const number = /^\d+$/.test(wanted) ? wanted.padStart(2, '0') : undefined;
  const matches = COURSE.filter((e) => e.id === wanted || slugOf(e.id) === wanted || (number !== undefined && e.id.startsWith(`${number}-`)));
  return matches.length === 1 ? matches[0] : undefined;
}
