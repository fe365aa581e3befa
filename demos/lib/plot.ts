/**
 * Plots as SVG files: a Vega-Lite spec is compiled to Vega and rendered headless (no browser, no canvas).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type PlotSpec = TopLevelSpec;

/** Renders `spec` and writes `<dir>/<name>.svg`; returns the file's path. */
export async function writePlot(dir: string, name: string, spec: PlotSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.svg`);
  writeFileSync(path, svg);
  return path;
}

/** A line chart of one or more named series over a shared x axis (loss curves, gradient norms). */
export function lineChart(options: {
  title: string;
  x: string;
  y: string;
  series: Record<string, readonly number[]>;
  /** x of point i (default: i). */
  xs?: readonly number[];
  logY?: boolean;
}): PlotSpec {
  const values = Object.entries(options.series).flatMap(([series, ys]) => ys.map((y, i) => ({ series, x: options.xs?.[i] ?? i, y })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: 480,
    height: 280,
    data: { values },
    mark: { type: 'line', point: values.length <= 60 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.x },
      y: { field: 'y', type: 'quantitative', title: options.y, scale: options.logY ? { type: 'log' } : {} },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}

/** A heat map of a matrix (attention weights, images): rows top to bottom, with optional tick labels. */
export function heatmap(options: {
  title: string;
  matrix: readonly (readonly number[])[];
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  x?: string;
  y?: string;
  /** Cell size in pixels (default 20). */
  cell?: number;
  scheme?: string;
}): PlotSpec {
  const rows = options.rowLabels ?? options.matrix.map((_, i) => String(i));
  const cols = options.colLabels ?? (options.matrix[0] ?? []).map((_, j) => String(j));
  // Vega-Lite's ordinal axes merge equal labels: keep each position distinct, show the label.
  const values = options.matrix.flatMap((row, i) => row.map((v, j) => ({ row: i, col: j, rowLabel: rows[i], colLabel: cols[j], v })));
  const cell = options.cell ?? 20;
  const labelOf = (labels: readonly string[]) => `[${labels.map((l) => JSON.stringify(l)).join(',')}][datum.value]`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: cell * cols.length,
    height: cell * rows.length,
    data: { values },
    mark: 'rect',
    encoding: {
      x: { field: 'col', type: 'ordinal', title: options.x ?? null, axis: { labelExpr: labelOf(cols), labelAngle: 0 } },
      y: { field: 'row', type: 'ordinal', title: options.y ?? null, axis: { labelExpr: labelOf(rows) } },
      color: { field: 'v', type: 'quantitative', title: null, scale: { scheme: (options.scheme ?? 'viridis') as 'viridis' } },
    },
  };
}
