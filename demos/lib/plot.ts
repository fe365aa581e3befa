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
  /** Start the linear y axis at 0 (default true); false zooms in on curves far from 0. */
  zeroY?: boolean;
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
      y: { field: 'y', type: 'quantitative', title: options.y, scale: options.logY ? { type: 'log' } : { zero: options.zeroY ?? true } },
      color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 400 } }, // whole series names
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

/**
 * Rows of small grey-scale images side by side (digits and their reconstructions), each row labelled on
 * its left. An image is a flat row-major array of `height · width` values; dark is `domain[1]`.
 */
export function imageGrid(options: {
  title: string;
  rows: readonly { label: string; images: readonly (readonly number[])[] }[];
  width: number;
  height: number;
  /** Pixels per image pixel (default 6). */
  cell?: number;
  /** Value range mapped to white … black (default [0, 1]). */
  domain?: readonly [number, number];
}): PlotSpec {
  const cell = options.cell ?? 6;
  const gap = cell * 2;
  const labelWidth = 8 * Math.max(...options.rows.map((r) => r.label.length)) + gap;
  const imageWidth = options.width * cell;
  const imageHeight = options.height * cell;
  const columns = Math.max(...options.rows.map((r) => r.images.length));
  // Every pixel is a rect placed in screen coordinates (scale: null): no facets, one mark, fast to render.
  const pixels = options.rows.flatMap((row, r) =>
    row.images.flatMap((image, c) =>
      image.map((v, p) => {
        const x = labelWidth + c * (imageWidth + gap) + (p % options.width) * cell;
        const y = r * (imageHeight + gap) + Math.floor(p / options.width) * cell;
        return { x, x2: x + cell, y, y2: y + cell, v };
      }),
    ),
  );
  const labels = options.rows.map((row, r) => ({ x: labelWidth - gap, y: r * (imageHeight + gap) + imageHeight / 2, text: row.label }));
  const [low, high] = options.domain ?? [0, 1];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: labelWidth + columns * (imageWidth + gap) - gap,
    height: options.rows.length * (imageHeight + gap) - gap,
    layer: [
      {
        data: { values: pixels },
        mark: { type: 'rect', strokeWidth: 0 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: null, axis: null },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: null, axis: null },
          y2: { field: 'y2' },
          color: { field: 'v', type: 'quantitative', scale: { domain: [low, high], range: ['white', 'black'], clamp: true }, legend: null },
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', align: 'right', baseline: 'middle', fontSize: 12 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: null, axis: null },
          y: { field: 'y', type: 'quantitative', scale: null, axis: null },
          text: { field: 'text' },
        },
      },
    ],
    config: { view: { stroke: null } },
  };
}

/** A scatter plot of labelled points (a 2-D projection of word vectors), coloured by group; points without a group are grey. */
export function scatter(options: {
  title: string;
  x: string;
  y: string;
  points: readonly { x: number; y: number; label: string; group?: string }[];
}): PlotSpec {
  const groups = [...new Set(options.points.flatMap((p) => (p.group === undefined ? [] : [p.group])))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: 520,
    height: 420,
    data: { values: options.points.map((p) => ({ ...p })) },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.x, scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: options.y, scale: { zero: false } },
      color: { field: 'group', type: 'nominal', title: null, scale: { domain: groups }, condition: { test: '!isValid(datum.group)', value: '#aaaaaa' } },
    },
    layer: [
      { mark: { type: 'point', filled: true, size: 40 } },
      { mark: { type: 'text', align: 'left', dx: 5, dy: -5, fontSize: 11 }, encoding: { text: { field: 'label' } } },
    ],
  };
}

/** Grouped bars: one group per category, one coloured bar per series in it (accuracies of several models). */
export function barChart(options: {
  title: string;
  /** The x axis' title (default none: the categories say it). */
  x?: string;
  y: string;
  bars: readonly { category: string; series: string; value: number }[];
  /** The y axis' range (default: from 0 to the data's maximum). */
  yDomain?: readonly [number, number];
  /** d3 format of the values written on the bars (default '.2f'). */
  format?: string;
}): PlotSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: 480,
    height: 280,
    data: { values: options.bars.map((b) => ({ ...b })) },
    encoding: {
      x: { field: 'category', type: 'nominal', title: options.x ?? null, sort: null, axis: { labelAngle: 0, labelLimit: 0 } },
      xOffset: { field: 'series', type: 'nominal', sort: null },
      y: { field: 'value', type: 'quantitative', title: options.y, ...(options.yDomain && { scale: { domain: [...options.yDomain] } }) },
      color: { field: 'series', type: 'nominal', title: null, sort: null },
    },
    layer: [
      { mark: 'bar' },
      { mark: { type: 'text', dy: -6, fontSize: 11 }, encoding: { text: { field: 'value', type: 'quantitative', format: options.format ?? '.2f' } } },
    ],
  };
}

/**
 * Paths in the plane (a ball's trajectories), one panel per `panel`, one coloured line per `series` in it, the
 * points joined in order. Both axes span `domain`; y grows downwards, as image rows do.
 */
export function paths(options: {
  title: string;
  x: string;
  y: string;
  domain: readonly [number, number];
  paths: readonly { panel: string; series: string; points: readonly (readonly number[])[] }[];
}): PlotSpec {
  const values = options.paths.flatMap(({ panel, series, points }) => points.map(([x, y], i) => ({ panel, series, x, y, i })));
  const scale = { domain: [...options.domain], nice: false };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: null } },
    spec: {
      width: 220,
      height: 220,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: options.x, scale },
        y: { field: 'y', type: 'quantitative', title: options.y, scale: { ...scale, reverse: true } },
        order: { field: 'i', type: 'quantitative' },
        color: { field: 'series', type: 'nominal', title: null, sort: null },
      },
    },
  };
}
