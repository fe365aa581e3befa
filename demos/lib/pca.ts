/**
 * Principal component analysis (ml-pca's SVD) as a baseline and a projection: the best rank-k linear
 * reconstruction of the data, and 2-D coordinates of high-dimensional rows for a scatter plot.
 */
import { PCA } from 'ml-pca';

export interface PcaBasis {
  /** mean: [D], the column means the data is centred on. */
  mean: number[];
  /** components: [k][D], orthonormal rows, largest variance first. */
  components: number[][];
}

/** The mean and the top-k principal directions of rows [N][D]. */
export function pcaBasis(rows: readonly (readonly number[])[], k: number): PcaBasis {
  const pca = new PCA(rows.map((r) => [...r]), { center: true });
  const eigenvectors = pca.getEigenvectors().to2DArray(); // [D][D], one direction per column
  const mean = pca.toJSON().means;
  return { mean, components: Array.from({ length: k }, (_, c) => eigenvectors.map((row) => row[c]!)) };
}

/** Coordinates of rows [N][D] along the basis → [N][k]. */
export function pcaProject(basis: PcaBasis, rows: readonly (readonly number[])[]): number[][] {
  return rows.map((row) => basis.components.map((u) => u.reduce((s, uj, j) => s + uj * (row[j]! - basis.mean[j]!), 0)));
}

/** The rank-k reconstruction mean + Σ_c coordinate_c · u_c of each row → [N][D]. */
export function pcaReconstruct(basis: PcaBasis, rows: readonly (readonly number[])[]): number[][] {
  return pcaProject(basis, rows).map((coords) => basis.mean.map((m, j) => coords.reduce((s, a, c) => s + a * basis.components[c]![j]!, m)));
}
