/**
 * Checks gradebook.html in a real browser: builds the gradebook of the sample class under a late policy
 * (through the history database, as collect does), opens it in headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) at 1366 × 900, checks that the rows, the means, the
 * histogram bars, the flagged submission, the late flag, the never-started student and the hidden tests'
 * pass rates are visible with the right values, that total, late, integrity, graded-at and reason fit in
 * the width without scrolling sideways, that clicking a header sorts, and that the page loads nothing from
 * outside; saves a screenshot to .seqlab/gradebook.png, and exits 1 on any failure.
 * Run by .ci/run after `npm test`: `npm run check:gradebook`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Locator, type Page } from 'playwright-core';
import { COURSE } from '../../runtime/manifest.ts';
import { REPO_ROOT } from '../../runtime/paths.ts';
import { SAMPLE_FINDING, writeSampleClass } from '../../test/gradebook-samples.ts';
import { collect } from './collect.ts';
import { GradebookHistory } from './history.ts';
import { applyLatePolicy, parseExtension, type LatePolicy } from './late.ts';
import { writeGradebook } from './write.ts';

const CHROMIUM = process.env.SEQLAB_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = join(REPO_ROOT, '.seqlab', 'gradebook.png');
// This machine's network is closed: without these Chromium keeps trying to reach Google's hosts.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const WIDTH = 1366;
/** The course's maximum total: the sample class scores only the first five exercises, the rest 0. */
const MAX = COURSE.reduce((sum, e) => sum + e.points, 0);
/**
 * Every sample report is graded 2026-11-20T10:00Z. Due 2026-11-19T12:00Z, with a day's extension for all
 * but jo: jo is one started day late, −10 % (75 → 67.5); late work is accepted for 2 days.
 */
const POLICY: LatePolicy = { deadline: new Date('2026-11-19T12:00:00Z'), graceMinutes: 0, penaltyPerDay: 10, maxLateDays: 2 };
const EXTENDED = ['ana', 'ben', 'cleo', 'eve', 'hana', 'ivo'];
/** The sample class's graded totals after the penalty (ana, ben, cleo, eve, hana, ivo, jo). */
const TOTALS = [124, 66.5, 124, 0, 70.5, 117, 67.5];
/** Ten bins, each a whole number of points wide, the maximum in the last one. */
const BIN_WIDTH = Math.ceil(MAX / 10);

/** What the sample class must show (worked out from samples.ts, not by the code under test). */
const EXPECTED = {
  students: ['ana', 'ben', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivo', 'jo'],
  totals: { ana: `124 / ${MAX}`, ben: `66.5 / ${MAX}`, eve: `0 / ${MAX}`, hana: `70.5 / ${MAX}`, jo: `67.5 / ${MAX}`, dan: 'no grade', gus: 'no grade' } as Record<string, string>,
  late: { jo: '1 d late, −10 %', ana: 'on time' } as Record<string, string>,
  sandbox: { ana: 'bwrap', ben: 'permission-model', cleo: '' } as Record<string, string>,
  // Clicking 'total' once: ascending, rows without a grade last (in their order); twice: descending.
  ascending: ['eve', 'ben', 'jo', 'hana', 'ivo', 'ana', 'cleo', 'dan', 'finn', 'gus'],
  descending: ['ana', 'cleo', 'ivo', 'hana', 'jo', 'ben', 'eve', 'dan', 'finn', 'gus'],
  neverStarted: ['eve'],
  // 06…17 nobody passes (12 tests at 0 / 7), then 04 (ana, cleo, ivo: 3 / 7), then the 4 / 7 ones.
  hardest: [...COURSE.slice(5).map((e) => [e.id, '0 / 7']), ['04-lstm', '3 / 7'], ['02-bptt', '4 / 7'], ['03-gradient-flow', '4 / 7']],
  fullMarks01: '5 (71 %)',
  // (17·5 + 10 + 0) / 7, (41·4 + 20.5 + 30 + 0) / 7, …
  means: { '01-rnn-forward': '13.57', '02-bptt': '30.64', '03-gradient-flow': '10.93', '04-lstm': '16.43', '05-gru': '10.86' } as Record<string, string>,
  // (124 + 66.5 + 124 + 0 + 70.5 + 117 + 67.5) / 7
  meanTotal: `81.36 / ${MAX}`,
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
  // The first word: a student who never started carries a badge after the name.
  const students = (await texts(rows.locator('td:first-child'))).map((t) => t.split(/\s/)[0]);
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

  for (const [student, late] of Object.entries(EXPECTED.late)) {
    const shown = (await page.locator(`#students tr[data-student="${student}"] td.late`).innerText()).trim();
    check(shown === late, `${student}'s late cell shows '${shown}', expected '${late}'`);
  }
  for (const [student, sandbox] of Object.entries(EXPECTED.sandbox)) {
    const shown = (await page.locator(`#students tr[data-student="${student}"] td.sandbox`).innerText()).trim();
    check(shown === sandbox, `${student}'s sandbox shows '${shown}', expected '${sandbox}'`);
  }
  const never = await texts(page.locator('#never-started .badge.never'));
  check(JSON.stringify(never) === JSON.stringify(EXPECTED.neverStarted), `never started ${JSON.stringify(never)}, expected ${JSON.stringify(EXPECTED.neverStarted)}`);
  check(await page.locator('#students tr[data-student="eve"] .badge.never').isVisible(), "eve's row says 'never started'");
  const hardest = await page.locator('#hidden-tests tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-exercise'), (r.querySelector('td.rate') as HTMLElement).innerText.trim()]));
  check(JSON.stringify(hardest) === JSON.stringify(EXPECTED.hardest), `hidden tests by pass rate ${JSON.stringify(hardest)}, expected ${JSON.stringify(EXPECTED.hardest)}`);
  check(await allVisible(page.locator('#hidden-tests tbody tr')), 'the hardest hidden tests are visible');
  const full = (await page.locator('#means tr[data-exercise="01-rnn-forward"] td.full').innerText()).trim();
  check(full === EXPECTED.fullMarks01, `01's full marks show '${full}', expected '${EXPECTED.fullMarks01}'`);

  // At 1366 px the columns that decide a grade are on screen without scrolling sideways.
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  check(pageWidth <= WIDTH, `the page is ${pageWidth} px wide, at most ${WIDTH} expected (the exercise columns scroll inside the table)`);
  for (const column of ['total', 'late', 'integrity', 'when', 'reason']) {
    const cells = page.locator(`#students tbody td.${column}`);
    const boxes = await cells.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().right));
    const outside = boxes.filter((right) => right > WIDTH).length;
    check(boxes.length === EXPECTED.students.length && outside === 0, `every row's '${column}' cell ends within ${WIDTH} px (${outside} do not)`);
  }

  const totalHeader = page.locator('#students thead th', { hasText: /^total$/ });
  await totalHeader.click();
  const ascending = await texts(page.locator('#students tbody tr').locator('td:first-child'));
  check(JSON.stringify(ascending.map((t) => t.split(/\s/)[0])) === JSON.stringify(EXPECTED.ascending), `sorted by total ${JSON.stringify(ascending)}, expected ${JSON.stringify(EXPECTED.ascending)}`);
  await totalHeader.click();
  const descending = await texts(page.locator('#students tbody tr').locator('td:first-child'));
  check(JSON.stringify(descending.map((t) => t.split(/\s/)[0])) === JSON.stringify(EXPECTED.descending), `sorted by total, descending ${JSON.stringify(descending)}, expected ${JSON.stringify(EXPECTED.descending)}`);
  check((await totalHeader.getAttribute('aria-sort')) === 'descending', "the sorted header says so (aria-sort='descending')");
  // Back to roster order for the screenshot.
  await page.locator('#students thead th', { hasText: /^student$/ }).click();
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
    const extensions = new Map(EXTENDED.map((student) => [student, parseExtension('+1d')]));
    const history = await GradebookHistory.open(join(dir, 'gradebook.sqlite'));
    const run = history.addRun({ kind: 'collect', source: 'sample class', policy: POLICY, createdAt: new Date('2026-11-24T12:00:00Z') }, applyLatePolicy(collect(join(dir, 'reports')), POLICY, extensions));
    const files = writeGradebook(join(dir, 'out'), history.rows(run), { title: 'seqlab gradebook — sample class', generatedAt: new Date('2026-11-24T12:00:00Z'), run: history.run(run) });
    history.close();
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
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
