/** 07-char-lm's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used). */

export const TEMPERATURE_MULTIPLIED =
  'Looks like the logits are multiplied by the temperature: yours equal softmax(logits · T). Divide them: softmax(logits / T), ' +
  'so that T > 1 flattens the distribution and T < 1 sharpens it.';
export const PERPLEXITY_NO_EXP =
  'Looks like the exp is missing: your value is the mean negative log-likelihood (the cross-entropy in nats). Perplexity is exp of it.';
export const PERPLEXITY_LOG2 =
  'Looks like the logs are base 2 but the power is e: your value is exp(mean −log₂ p). Use the natural log with exp (or log₂ with 2^…).';
export const SAMPLE_LESS_EQUAL =
  'Looks like the comparison is u ≤ cumsum instead of u < cumsum: an id of probability 0 can then be drawn (u = 0 draws id 0 even when p₀ = 0).';

/** The mistakes 07's public fixtures carry a known wrong answer for, by mistake id (see ./fixture-mistakes.ts). */
export const FIXTURE_MISTAKES: Readonly<Record<string, string>> = {
  'temperature-multiplied': TEMPERATURE_MULTIPLIED,
  'perplexity-no-exp': PERPLEXITY_NO_EXP,
};
