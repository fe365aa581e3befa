/**
 * gradebook.html: one static page with no external assets (inline CSS, inline SVG, one inline script that
 * sorts the tables; its CSP allows that script by hash and forbids loading anything): a summary, every
 * student (the columns that matter first, so that total, late, integrity, graded-at and reason fit in
 * 1366 px; the per-exercise points scroll beside a sticky student column), the flagged submissions, the
 * students without a grade or who never started, per-exercise means and full-mark rates, the hidden tests
 * by pass rate (the hardest first), and a histogram of totals. The histogram is a dozen SVG rectangles, so
 * it is drawn here rather than with a plotting library (they ship hundreds of kilobytes of script).
 */
import { createHash } from 'node:crypto';
import { COURSE } from '../../runtime/manifest.ts';
import { countedTotal, type GradebookRow } from './collect.ts';
import type { RunInfo } from './history.ts';
import { describePolicy } from './late.ts';
import { formatPoints, gradebookStats, isGraded, type GradebookStats, type HistogramBin, type TestPassRate } from './stats.ts';

export interface HtmlOptions {
  title?: string;
  generatedAt?: Date;
  /** The history's run these rows are (shown in the header). */
  run?: RunInfo;
}

/** Hidden tests listed before the rest fold away. */
const HARDEST_SHOWN = 15;

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
.scroll { overflow-x: auto; max-width: 100%; border: 1px solid var(--line); border-radius: 6px; }
#students { margin: 0; white-space: nowrap; }
#students th, #students td { padding: 4px 8px; }
#students th:first-child, #students td:first-child { position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: inset -1px 0 var(--line); }
#students th:first-child { background: #f3f5f9; }
#students tr.flagged td:first-child { background: var(--flag-bg); }
#students tr.ungraded td:first-child { background: var(--warn-bg); }
#students td.reason { max-width: 300px; overflow: hidden; text-overflow: ellipsis; }
#students td.ex { min-width: 36px; }
th[data-type] { cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
.badge.nograde { background: #8a5a00; color: #fff; }
.badge.late { background: #fde7c8; color: #7a4100; }
.badge.never { background: #e8e8ee; color: #444a57; }
.badge.ontime { background: #eef1f5; color: var(--muted); }
details summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
`;

/** Sorts a table by the clicked header (numbers when the header says so); rows without a value go last. */
const SORT_SCRIPT = `for (const table of document.querySelectorAll('table.sortable')) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, col) => {
    if (!th.dataset.type) return;
    th.tabIndex = 0;
    const sort = () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      heads.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', dir);
      const value = (row) => { const cell = row.cells[col]; return cell.dataset.v ?? cell.textContent.trim(); };
      const rows = [...table.tBodies[0].rows];
      rows.sort((a, b) => {
        const x = value(a), y = value(b);
        if (x === '' || y === '') return (x === '') - (y === '');
        const d = th.dataset.type === 'num' ? Number(x) - Number(y) : x.localeCompare(y);
        return dir === 'ascending' ? d : -d;
      });
      table.tBodies[0].append(...rows);
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
}`;
const SORT_SCRIPT_HASH = createHash('sha256').update(SORT_SCRIPT).digest('base64');
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SORT_SCRIPT_HASH}'`;


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
${card(String(stats.late.length), 'late', 'summary-late')}
${card(String(stats.neverStarted.length), 'never started', 'summary-never')}
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
      `<td class="num">${e.count}</td><td class="num full" data-v="${e.count ? e.fullMarks / e.count : ''}">${e.count ? `${e.fullMarks} (${Math.round((100 * e.fullMarks) / e.count)} %)` : '—'}</td></tr>`;
  });
  return `<table id="means" class="sortable"><thead><tr><th data-type="text">exercise</th><th data-type="text">title</th><th class="num" data-type="num">mean</th><th class="num">max</th><th>mean ÷ max</th><th class="num">graded</th><th class="num" data-type="num">full marks</th></tr></thead>
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

function hiddenTestRows(rates: readonly TestPassRate[]): string {
  return rates.map((t) => {
    const share = (100 * t.passed) / t.count;
    return `<tr data-exercise="${escapeHtml(t.exercise)}" data-test="${escapeHtml(t.name)}"><td><code>${escapeHtml(t.exercise)}</code></td><td>${escapeHtml(t.name)}</td>` +
      `<td class="num rate" data-v="${share.toFixed(3)}">${t.passed} / ${t.count}</td><td>${Math.round(share)} %<span class="meter"><i style="width:${share.toFixed(1)}%"></i></span></td></tr>`;
  }).join('\n');
}

function hiddenTestsTable(rates: readonly TestPassRate[]): string {
  if (rates.length === 0) return `<p class="none" id="hidden-tests">No graded report holds a hidden test.</p>`;
  const head = `<thead><tr><th data-type="text">exercise</th><th data-type="text">hidden test</th><th class="num" data-type="num">passed</th><th>pass rate</th></tr></thead>`;
  const rest = rates.slice(HARDEST_SHOWN);
  return `<table id="hidden-tests" class="sortable">${head}
<tbody>
${hiddenTestRows(rates.slice(0, HARDEST_SHOWN))}
</tbody></table>${rest.length ? `
<details><summary>${rest.length} more hidden test(s)</summary>
<table id="hidden-tests-rest" class="sortable">${head}
<tbody>
${hiddenTestRows(rest)}
</tbody></table></details>` : ''}`;
}

function neverStartedList(rows: readonly GradebookRow[]): string {
  if (rows.length === 0) return `<p class="none" id="never-started">Every graded student implemented something.</p>`;
  return `<p id="never-started">${rows.map((r) => `<span class="badge never" data-student="${escapeHtml(r.student)}">${escapeHtml(r.student)}</span>`).join(' ')} — every test failed on a TODO stub.</p>`;
}

function lateCell(r: GradebookRow): string {
  if (!r.lateness) return '<td class="late"></td>';
  const { lateDays, penaltyPercent, dueAt, submittedAt } = r.lateness;
  const title = escapeHtml(`due ${when(dueAt)}, submitted ${when(submittedAt)}`);
  if (!lateDays) return `<td class="late" data-v="0" title="${title}"><span class="badge ontime">on time</span></td>`;
  return `<td class="late" data-v="${lateDays}" title="${title}"><span class="badge late">${lateDays} d late${penaltyPercent ? `, −${formatPoints(penaltyPercent)} %` : ''}</span></td>`;
}

function totalCell(r: GradebookRow): string {
  if (!isGraded(r)) return `<td class="num total" data-v=""><span class="badge nograde">no grade</span></td>`;
  const counted = countedTotal(r)!;
  const before = r.final !== undefined && r.final !== r.total ? ` title="${escapeHtml(`${formatPoints(r.total)} before the late penalty`)}"` : '';
  return `<td class="num total" data-v="${counted}"${before}>${formatPoints(counted)} / ${formatPoints(r.max)}</td>`;
}

function studentsTable(rows: readonly GradebookRow[]): string {
  const head = [
    '<th data-type="text">student</th>',
    '<th class="num" data-type="num">total</th>',
    '<th data-type="num">late</th>',
    '<th data-type="text">integrity</th>',
    '<th data-type="text">graded at</th>',
    '<th data-type="text">reason / findings</th>',
    '<th data-type="text">sandbox</th>',
    '<th data-type="text">commit</th>',
    ...COURSE.map((e) => `<th class="num" data-type="num" title="${escapeHtml(`${e.id}: ${e.title}`)}">${escapeHtml(e.id.slice(0, 2))}</th>`),
  ];
  const body = rows.map((r) => {
    const cls = r.integrity === 'flagged' ? 'flagged' : isGraded(r) ? 'graded' : 'ungraded';
    const reason = r.reason ?? r.findings.join('; ');
    const cells = [
      `<td class="student" data-v="${escapeHtml(r.student)}">${escapeHtml(r.student)}${r.neverStarted ? ' <span class="badge never">never started</span>' : ''}</td>`,
      totalCell(r),
      lateCell(r),
      `<td class="integrity">${r.integrity ? `<span class="badge ${r.integrity}">${r.integrity}</span>` : ''}</td>`,
      `<td class="when">${escapeHtml(when(r.gradedAt))}</td>`,
      `<td class="reason" title="${escapeHtml(reason)}">${escapeHtml(reason)}</td>`,
      `<td class="sandbox">${escapeHtml(r.sandbox ?? '')}</td>`,
      `<td><code title="${escapeHtml(r.commit ?? '')}">${escapeHtml((r.commit ?? '').slice(0, 12))}</code></td>`,
      ...COURSE.map((e) => `<td class="num ex" data-exercise="${escapeHtml(e.id)}">${r.scores[e.id] === undefined ? '' : formatPoints(r.scores[e.id]!)}</td>`),
    ];
    return `<tr class="${cls}" data-student="${escapeHtml(r.student)}">${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table id="students" class="sortable"><thead><tr>${head.join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody></table></div>`;
}

function runLine(run: RunInfo | undefined): string {
  if (!run) return '';
  return ` Run ${run.id} of the gradebook history (${escapeHtml(run.kind)} at ${escapeHtml(when(run.createdAt))}, from ${escapeHtml(run.source)}).`;
}

function policyLine(run: RunInfo | undefined): string {
  if (!run?.policy) return '';
  const policy = describePolicy(run.policy, (date) => when(date.toISOString()));
  return `<p class="meta" id="policy">Late policy: ${escapeHtml(policy)}; per-student extensions from the roster. Totals shown are after the penalty.</p>`;
}

export function gradebookHtml(rows: readonly GradebookRow[], options: HtmlOptions = {}): string {
  const stats = gradebookStats(rows);
  const title = options.title ?? 'seqlab gradebook';
  const generated = (options.generatedAt ?? new Date()).toISOString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Generated ${escapeHtml(when(generated))} for ${stats.students} student(s).${runLine(options.run)} Points per exercise are the grade reports' own; a row without a grade says why. Click a column header to sort.</p>
${policyLine(options.run)}
${summary(stats)}
<h2>All students</h2>
${studentsTable(rows)}
<h2>Flagged submissions</h2>
${flaggedTable(stats.flagged)}
<h2>Without a grade</h2>
${ungradedTable(stats.ungraded)}
<h2>Never started</h2>
${neverStartedList(stats.neverStarted)}
<h2>Per-exercise means and full marks</h2>
${meansTable(stats)}
<h2>Hidden tests, the least passed first</h2>
${hiddenTestsTable(stats.hiddenTests)}
<h2>Histogram of totals</h2>
${stats.graded ? histogramSvg(stats.histogram) : '<p class="none" id="histogram">No graded submission yet.</p>'}
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
