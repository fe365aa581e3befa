/** What a dataset builder produces: file contents by path relative to datasets/. */
export type DatasetFiles = Record<string, string>;

/** A tab-separated file: the header row, then the rows, each line ending in '\n'. */
export function tsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => `${row.join('\t')}\n`).join('');
}

/** A copy of `items` in a random order drawn by `int(n)` (Fisher–Yates), for seeded shuffles. */
export function shuffled<T>(items: readonly T[], int: (n: number) => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
