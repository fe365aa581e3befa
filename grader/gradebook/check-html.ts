/**
 * Checks gradebook.html in a real browser: builds the gradebook of the sample class, opens it in headless
 * Chromium (Debian's /usr/bin/chromium, driven by playwright-core), checks that the rows, the means, the
 * histogram bars and the flagged submission are visible with the right values and that the page loads
 * nothing from outside, saves a screenshot to .seqlab/gradebook.png, and exits 1 on any failure.
 * Run by .ci/run after `npm test`: `npm run check:gradebook`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Locator, type Page } from 'playwright-core';
import { COURSE } from '../manifest.ts';
import { REPO_ROOT } from '../paths.ts';
import { collect } from './collect.ts';
import { SAMPLE_FINDING, writeSampleClass } from '../test/gradebook-samples.ts';
import { writeGradebook } from './write.ts';

const CHROMIUM = process.env.SEQLAB_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = join(REPO_ROOT, '.seqlab', 'gradebook.png');
// This machine's network is closed: without these Chromium keeps trying to reach Google's hosts.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The course's maximum total: the sample class scores only the first five exercises, the rest 0. */
const MAX = COURSE.reduce((sum, e) => sum + e.points, 0);
/** The sample class's graded totals (ana, ben, cleo, eve, hana, ivo, jo). */
const TOTALS = [124, 66.5, 124, 0, 70.5, 117, 75];
/** Ten bins, each a whole number of points wide, the maximum in the last one. */
const BIN_WIDTH = Math.ceil(MAX / 10);

/** What the sample class must show (worked out from samples.ts, not by the code under test). */
const EXPECTED = {
  students: ['ana', 'ben', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivo', 'jo'],
  totals: { ana: `124 / ${MAX}`, ben: `66.5 / ${MAX}`, eve: `0 / ${MAX}`, hana: `70.5 / ${MAX}` } as Record<string, string>,
  // (17·5 + 10 + 0) / 7, (41·4 + 20.5 + 30 + 0) / 7, …
  means: { '01-rnn-forward': '13.57', '02-bptt': '30.64', '03-gradient-flow': '10.93', '04-lstm': '16.43', '05-gru': '10.86' } as Record<string, string>,
  meanTotal: `82.43 / ${MAX}`,
  bins: Array.from({ length: 10 }, (_, bin) => TOTALS.filter((t) => Math.min(9, Math.floor(t / BIN_WIDTH)) === bin).length),
  flagged: ['cleo'],
  ungraded: { dan: /not valid JSON/, finn: /no grade-report\.json/, gus: /schemaVersion 2 is not supported/ } as Record<string, RegExp>,
};

const failures: string[] = [];
let checks = 0;
function check(ok: boolean, what: string): void {
  checks++;
  if (!ok) failures.push(what);
}

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.trim());
}

async function allVisible(locator: Locator): Promise<boolean> {
  const count = await locator.count();
  for (let i = 0; i < count; i++) if (!(await locator.nth(i).isVisible())) return false;
  return count > 0;
}

async function checkPage(page: Page): Promise<void> {
  const rows = page.locator('#students tbody tr');
  check(await allVisible(rows), 'every student row is visible');
  const students = await texts(rows.locator('td:first-child'));
  check(JSON.stringify(students) === JSON.stringify(EXPECTED.students), `student rows ${JSON.stringify(students)}, expected ${JSON.stringify(EXPECTED.students)}`);
  for (const [student, total] of Object.entries(EXPECTED.totals)) {
    const shown = (await page.locator(`#students tr[data-student="${student}"] td.total`).innerText()).trim();
    check(shown === total, `${student}'s total shows '${shown}', expected '${total}'`);
  }

  for (const [id, mean] of Object.entries(EXPECTED.means)) {
    const cell = page.locator(`#means tr[data-exercise="${id}"] td.mean`);
    check(await cell.isVisible(), `the mean of ${id} is visible`);
    const shown = (await cell.innerText()).trim();
    check(shown === mean, `mean of ${id} shows '${shown}', expected '${mean}'`);
  }
  const meanTotal = (await page.locator('#summary-mean b').innerText()).trim();
  check(meanTotal === EXPECTED.meanTotal, `mean total shows '${meanTotal}', expected '${EXPECTED.meanTotal}'`);

  check(await page.locator('svg#histogram').isVisible(), 'the histogram is visible');
  const bars = page.locator('svg#histogram rect.bar');
  const counts = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
  check(JSON.stringify(counts) === JSON.stringify(EXPECTED.bins), `histogram counts ${JSON.stringify(counts)}, expected ${JSON.stringify(EXPECTED.bins)}`);
  const heights: number[] = [];
  for (let i = 0; i < EXPECTED.bins.length; i++) {
    if (EXPECTED.bins[i] === 0) continue;
    const bar = bars.nth(i);
    const box = await bar.boundingBox();
    check((await bar.isVisible()) && box !== null && box.height > 0 && box.width > 0, `histogram bar ${i} (${EXPECTED.bins[i]} students) is drawn`);
    heights.push(box?.height ?? 0);
  }
  // 1 student vs 3: the first drawn bar is a third as tall as the others.
  check(heights.length === 3 && Math.abs(heights[0]! * 3 - heights[1]!) < 1.5 && Math.abs(heights[1]! - heights[2]!) < 0.5, `bar heights ${heights.map((h) => h.toFixed(1)).join(', ')} are proportional to 1, 3, 3`);

  const flaggedRows = page.locator('#flagged tbody tr');
  check(await allVisible(flaggedRows), 'the flagged submissions are visible');
  const flagged = await texts(flaggedRows.locator('td:first-child'));
  check(JSON.stringify(flagged) === JSON.stringify(EXPECTED.flagged), `flagged ${JSON.stringify(flagged)}, expected ${JSON.stringify(EXPECTED.flagged)}`);
  const finding = (await flaggedRows.first().innerText()).includes(SAMPLE_FINDING);
  check(finding, 'the flagged row shows its integrity finding');
  check(await page.locator('#students tr[data-student="cleo"] .badge.flagged').isVisible(), "cleo's row carries a visible 'flagged' badge");

  for (const [student, reason] of Object.entries(EXPECTED.ungraded)) {
    const row = page.locator(`#ungraded tr[data-student="${student}"]`);
    const text = (await row.count()) ? await row.innerText() : '';
    check((await row.isVisible().catch(() => false)) && reason.test(text), `${student} is listed without a grade, with a reason matching ${reason}: '${text.trim()}'`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(`check-html: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set SEQLAB_CHROMIUM)`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-gradebook-check-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    writeSampleClass(join(dir, 'reports'));
    const files = writeGradebook(join(dir, 'out'), collect(join(dir, 'reports')), { title: 'seqlab gradebook — sample class', generatedAt: new Date('2026-11-24T12:00:00Z') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => {
      if (!/^(file|data):/.test(request.url())) outside.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
    await checkPage(page);
    check(outside.length === 0, `the page requested nothing outside itself (requested: ${outside.join(', ')})`);
    check(consoleErrors.length === 0, `no console error (got: ${consoleErrors.join(' | ')})`);
    mkdirSync(join(REPO_ROOT, '.seqlab'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`check-html: ${failures.length} of ${checks} checks failed:\n${failures.map((f) => `  ✘ ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`check-html: gradebook.html in Chromium, ${checks} checks passed; screenshot ${SCREENSHOT}`);
}

try {
  await main();
} catch (error) {
  console.error(`check-html: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
}
