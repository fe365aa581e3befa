/**
 * gradebook.html: one static page with no external assets (inline CSS, inline SVG, no script; its CSP
 * forbids loading anything): a summary, the per-exercise means, a histogram of totals, the flagged
 * submissions, the students without a grade, and every row. The histogram is a dozen SVG rectangles, so
 * it is drawn here rather than with a plotting library (they ship hundreds of kilobytes of script).
 */
import { COURSE } from '../manifest.ts';
import type { GradebookRow } from './collect.ts';
import { formatPoints, gradebookStats, isGraded, type GradebookStats, type HistogramBin } from './stats.ts';

export interface HtmlOptions {
  title?: string;
  generatedAt?: Date;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const when = (iso: string | undefined): string => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '');

const CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6575; --line: #d9dee7; --bar: #3867d6; --flag: #b3261e; --flag-bg: #fdecea; --warn-bg: #fff6dc; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
p.meta { color: var(--muted); margin: 0 0 16px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 120px; }
.card b { display: block; font-size: 20px; }
.card span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; margin: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: #f3f5f9; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.when { white-space: nowrap; }
td.reason { max-width: 520px; color: var(--muted); }
tr.flagged td { background: var(--flag-bg); }
tr.ungraded td { background: var(--warn-bg); }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; }
.badge.ok { background: #e6f4ea; color: #1e6b35; }
.badge.flagged { background: var(--flag); color: #fff; }
.meter { display: inline-block; width: 120px; height: 8px; background: #edf0f5; border-radius: 4px; vertical-align: middle; margin-left: 8px; }
.meter i { display: block; height: 100%; background: var(--bar); border-radius: 4px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
svg .bar { fill: var(--bar); }
svg .axis { stroke: #8a94a6; }
svg .grid { stroke: #edf0f5; }
svg .count { fill: var(--ink); font-weight: 600; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
ul.findings { margin: 0; padding-left: 18px; }
.none { color: var(--muted); }
`;

function card(value: string, label: string, id: string): string {
  return `<div class="card" id="${id}"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

function summary(stats: GradebookStats): string {
  const mean = stats.meanTotal === undefined ? '—' : `${formatPoints(stats.meanTotal)} / ${formatPoints(stats.maxTotal)}`;
  const median = stats.medianTotal === undefined ? '—' : formatPoints(stats.medianTotal);
  return `<section class="cards" id="summary">
${card(String(stats.students), 'students', 'summary-students')}
${card(String(stats.graded), 'graded', 'summary-graded')}
${card(String(stats.flagged.length), 'flagged', 'summary-flagged')}
${card(String(stats.ungraded.length), 'without a grade', 'summary-ungraded')}
${card(mean, 'mean total', 'summary-mean')}
${card(median, 'median total', 'summary-median')}
</section>`;
}

function meansTable(stats: GradebookStats): string {
  const rows = stats.exercises.map((e) => {
    const share = e.mean === undefined ? 0 : Math.min(100, (100 * e.mean) / e.maxScore);
    const mean = e.mean === undefined ? '—' : formatPoints(e.mean);
    return `<tr data-exercise="${escapeHtml(e.id)}"><td><code>${escapeHtml(e.id)}</code></td><td>${escapeHtml(e.title)}</td>` +
      `<td class="num mean">${mean}</td><td class="num">${formatPoints(e.maxScore)}</td>` +
      `<td>${e.mean === undefined ? '' : `${Math.round(share)} %<span class="meter"><i style="width:${share.toFixed(1)}%"></i></span>`}</td>` +
      `<td class="num">${e.count}</td></tr>`;
  });
  return `<table id="means"><thead><tr><th>exercise</th><th>title</th><th class="num">mean</th><th class="num">max</th><th>mean ÷ max</th><th class="num">graded</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** An inline SVG bar chart of the bins, with count labels, a y grid and the bin edges on the x axis. */
export function histogramSvg(bins: readonly HistogramBin[]): string {
  const width = 680;
  const height = 260;
  const margin = { top: 18, right: 16, bottom: 40, left: 40 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const step = Math.max(1, Math.ceil(maxCount / 5));
  const barW = plotW / bins.length;
  const y = (count: number): number => margin.top + plotH - (plotH * count) / maxCount;
  const parts: string[] = [];
  for (let tick = 0; tick <= maxCount; tick += step) {
    parts.push(`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`);
  }
  bins.forEach((bin, i) => {
    const x = margin.left + i * barW;
    const last = i === bins.length - 1;
    const range = `${formatPoints(bin.from)} ≤ total ${last ? '≤' : '<'} ${formatPoints(bin.to)}`;
    const h = (plotH * bin.count) / maxCount;
    parts.push(
      `<rect class="bar" data-from="${bin.from}" data-to="${bin.to}" data-count="${bin.count}" x="${(x + 2).toFixed(1)}" y="${(margin.top + plotH - h).toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(`${range}: ${bin.count} student(s)`)}</title></rect>`,
    );
    if (bin.count > 0) parts.push(`<text class="count" x="${(x + barW / 2).toFixed(1)}" y="${(margin.top + plotH - h - 4).toFixed(1)}" text-anchor="middle">${bin.count}</text>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${margin.top + plotH + 16}" text-anchor="middle">${formatPoints(bin.from)}</text>`);
    if (last) parts.push(`<text x="${(x + barW).toFixed(1)}" y="${margin.top + plotH + 16}" text-anchor="middle">${formatPoints(bin.to)}</text>`);
  });
  parts.push(`<line class="axis" x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotH}" y2="${margin.top + plotH}"/>`);
  parts.push(`<text x="${margin.left + plotW / 2}" y="${height - 6}" text-anchor="middle">total points</text>`);
  const described = bins.map((b) => `${formatPoints(b.from)}–${formatPoints(b.to)}: ${b.count}`).join(', ');
  return `<svg id="histogram" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`Histogram of totals (${described})`)}">
${parts.join('\n')}
</svg>`;
}

function flaggedTable(rows: readonly GradebookRow[]): string {
  if (rows.length === 0) return `<p class="none" id="flagged">No submission was flagged.</p>`;
  const body = rows.map((r) =>
    `<tr class="flagged" data-student="${escapeHtml(r.student)}"><td>${escapeHtml(r.student)}</td><td class="num">${r.total === undefined ? '' : formatPoints(r.total)}</td>` +
    `<td><ul class="findings">${(r.findings.length ? r.findings : ['(no finding given)']).map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul></td>` +
    `<td><code>${escapeHtml((r.commit ?? '').slice(0, 12))}</code></td></tr>`);
  return `<table id="flagged"><thead><tr><th>student</th><th class="num">total</th><th>integrity findings</th><th>commit</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>`;
}

function ungradedTable(rows: readonly GradebookRow[]): string {
  if (rows.length === 0) return `<p class="none" id="ungraded">Every student has a grade.</p>`;
  const body = rows.map((r) =>
    `<tr class="ungraded" data-student="${escapeHtml(r.student)}"><td>${escapeHtml(r.student)}</td><td class="reason">${escapeHtml(r.reason ?? '')}</td></tr>`);
  return `<table id="ungraded"><thead><tr><th>student</th><th>reason</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>`;
}

function studentsTable(rows: readonly GradebookRow[]): string {
  const head = ['student', ...COURSE.map((e) => e.id), 'total', 'integrity', 'commit', 'graded at', 'reason'];
  const numeric = new Set([...COURSE.map((e) => e.id), 'total']);
  const body = rows.map((r) => {
    const cls = r.integrity === 'flagged' ? 'flagged' : isGraded(r) ? 'graded' : 'ungraded';
    const cells = [
      `<td>${escapeHtml(r.student)}</td>`,
      ...COURSE.map((e) => `<td class="num">${r.scores[e.id] === undefined ? '' : formatPoints(r.scores[e.id]!)}</td>`),
      `<td class="num total">${isGraded(r) ? `${formatPoints(r.total)} / ${formatPoints(r.max)}` : ''}</td>`,
      `<td>${r.integrity ? `<span class="badge ${r.integrity}">${r.integrity}</span>` : ''}</td>`,
      `<td><code title="${escapeHtml(r.commit ?? '')}">${escapeHtml((r.commit ?? '').slice(0, 12))}</code></td>`,
      `<td class="when">${escapeHtml(when(r.gradedAt))}</td>`,
      `<td class="reason">${escapeHtml(r.reason ?? r.findings.join('; '))}</td>`,
    ];
    return `<tr class="${cls}" data-student="${escapeHtml(r.student)}">${cells.join('')}</tr>`;
  });
  return `<table id="students"><thead><tr>${head.map((h) => `<th${numeric.has(h) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>`;
}

export function gradebookHtml(rows: readonly GradebookRow[], options: HtmlOptions = {}): string {
  const stats = gradebookStats(rows);
  const title = options.title ?? 'seqlab gradebook';
  const generated = (options.generatedAt ?? new Date()).toISOString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Generated ${escapeHtml(when(generated))} from ${stats.students} student folder(s). Points per exercise are the grade reports' own; a row without a grade says why.</p>
${summary(stats)}
<h2>Per-exercise means</h2>
${meansTable(stats)}
<h2>Histogram of totals</h2>
${stats.graded ? histogramSvg(stats.histogram) : '<p class="none" id="histogram">No graded submission yet.</p>'}
<h2>Flagged submissions</h2>
${flaggedTable(stats.flagged)}
<h2>Without a grade</h2>
${ungradedTable(stats.ungraded)}
<h2>All students</h2>
${studentsTable(rows)}
</body>
</html>
`;
}
