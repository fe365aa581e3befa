/**
 * A vocabulary of tokens (characters or words) with reserved special tokens first, and the encoding of
 * token lists to ids and back. Plain data, so it can be handed to a student function as it is.
 */

export interface Vocabulary {
  /** tokens[id]: the specials first, in the order given, then every other token in sorted order. */
  tokens: string[];
  /** id of each token. */
  index: Record<string, number>;
}

/** The characters of a string (code points). */
export const chars = (text: string): string[] => [...text];
/** The words of a string, split on white space. */
export const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0);
/** The lower-cased words of a sentence, punctuation dropped ("Not bad, really!" → not, bad, really). */
export const lowerCaseWords = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9$]+/).filter(Boolean);

export function buildVocabulary(sequences: Iterable<readonly string[]>, specials: readonly string[] = []): Vocabulary {
  const seen = new Set<string>();
  for (const sequence of sequences) for (const token of sequence) seen.add(token);
  for (const special of specials) seen.delete(special);
  const tokens = [...specials, ...[...seen].sort()];
  return { tokens, index: Object.fromEntries(tokens.map((t, i) => [t, i])) };
}

export function encode(vocab: Vocabulary, tokens: readonly string[]): number[] {
  return tokens.map((t) => {
    const id = vocab.index[t];
    if (id === undefined) throw new Error(`token ${JSON.stringify(t)} is not in the vocabulary`);
    return id;
  });
}

export function decode(vocab: Vocabulary, ids: readonly number[]): string[] {
  return ids.map((id) => vocab.tokens[id] ?? '?');
}
