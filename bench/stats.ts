/**
 * Summary statistics of repeated measurements (bench/run.ts). Spread is the range relative to the
 * median, (max − min) / median: 0.1 means the samples lie within 10 % of the median's size.
 */
export interface Summary {
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** (max − min) / median; 0 for a single sample. */
  spread: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  const m = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { samples: [...samples], median: m, min, max, spread: m === 0 ? 0 : (max - min) / m };
}
