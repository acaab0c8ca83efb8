/**
 * The HTML reports in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): they render
 * with no console error and no request, the charts are there, search and filters work, and dataset text holding
 * markup shows as text and runs nothing. Screenshots go to a temporary folder (their paths are logged).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'bin', 'quiver.js');
const skip = !existsSync(CHROMIUM)
  ? `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`
  : !existsSync(cli) && 'run npm run build first';

const XSS = '<img src=x onerror=alert(1)>';
const work = mkdtempSync(join(tmpdir(), 'quiver-browser-'));
let browser: Browser | undefined;

after(async () => {
  await browser?.close();
});

function quiver(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

/** Opens a report and records everything that must not happen: console errors, page errors, dialogs, requests. */
async function open(file: string): Promise<{ page: Page; problems: string[]; dialogs: string[] }> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems: string[] = [];
  const dialogs: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, dialogs };
}

test('campaign and comparison of a dataset holding markup', { skip }, () => {
  // The demo reviews plus lines whose text is markup: the report must show it, never run it.
  const demo = readFileSync(join(root, 'experiments', 'data', 'demo-reviews.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(0, 24);
  const evil = [
    { id: 'xss-1', text: `Great phone ${XSS} highly recommended.`, label: 'positive' },
    { id: 'xss-2', text: `Terrible service ${XSS} never again.`, label: 'negative' },
    { id: '<svg onload=alert(2)>', text: 'Loved every <script>alert(3)</script> minute.', label: 'positive' },
  ].map((x) => JSON.stringify(x));
  writeFileSync(join(work, 'data.jsonl'), `${[...demo, ...evil].join('\n')}\n`);
  quiver('run', '--dataset', 'data.jsonl', '--workers', '2', '--out', 'wink');
  quiver('run', '--dataset', 'data.jsonl', '--target', 'local:vader', '--workers', '2', '--out', 'vader');
  quiver('report', 'wink', '--html', 'report.html');
  quiver('compare', 'wink', 'vader', '--html', 'compare.html');
});

test('the campaign report renders in Chromium: charts, escaped markup, working search and filters, no request', {
  skip,
}, async () => {
  const { page, problems, dialogs } = await open(join(work, 'report.html'));
  assert.equal(await page.locator('svg.chart').count(), 4, 'family bars and three histograms');
  for (const t of [
    'Verified flips by perturbation family',
    'Flip distance histogram',
    'Stability distribution',
    'Queries per attacked example',
  ]) {
    assert.equal(await page.locator('svg.chart > title', { hasText: t }).count(), 1, t);
  }
  assert.ok((await page.locator('svg.chart rect').count()) > 10, 'bars are drawn');
  assert.equal(await page.locator('.card').count(), 9, 'eight summary cards and the validity card');
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText(), not the DOM's.
  assert.match(await page.locator('.card.validity').innerText(), /checks passed by every flip: one-edit-per-word/);
  // Markup in the data is text: no img/script element came from it, and it reads back verbatim.
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('script').count(), 1, "only the report's own script");
  assert.equal(await page.locator('svg:not(.chart)').count(), 0, 'no svg element from the id "<svg onload=...>"');
  const rows = page.locator('tbody tr');
  assert.equal(await rows.count(), 27);
  const xssRow = rows.filter({ hasText: 'xss-1' });
  assert.ok((await xssRow.textContent())!.includes(XSS), 'the markup reads back as text');
  assert.ok((await rows.filter({ hasText: '<svg onload=alert(2)>' }).count()) === 1);
  // Search and chips (the page's only script).
  await page.fill('input[type=search]', 'onerror=alert');
  assert.equal(await page.locator('tbody tr:visible').count(), 2);
  assert.equal(await page.locator('.count').textContent(), '2 of 27 shown');
  await page.fill('input[type=search]', '');
  await page.click('.chip[data-tag=succeeded]');
  const flipped = await page.locator('tbody tr:visible').count();
  assert.ok(flipped > 0 && flipped < 27);
  assert.equal(await page.locator('tbody tr:visible .badge.failed').count(), 0);
  assert.equal(
    (await page.locator('tbody tr:visible del, tbody tr:visible ins').count()) > 0,
    true,
    'edits highlighted as a diff',
  );
  await page.click('.chip[data-tag=all]');
  await page.evaluate('window.scrollTo(0, 0)');
  const shot = join(work, 'report.png');
  await page.screenshot({ path: shot, fullPage: false });
  process.stderr.write(`report screenshot: ${shot}\n`);
  assert.deepEqual(dialogs, [], 'no script from the data ran');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the comparison report renders in Chromium: heat maps, metrics table, no request, nothing runs', {
  skip,
}, async () => {
  const { page, problems, dialogs } = await open(join(work, 'compare.html'));
  assert.equal(await page.locator('svg.heatmap').count(), 2, 'transferability and family attribution');
  assert.equal(await page.locator('svg.chart > title', { hasText: 'Transferability matrix' }).count(), 1);
  assert.equal(await page.locator('svg.heatmap').first().locator('g.cell').count(), 4, '2 x 2 matrix');
  assert.equal(await page.locator('svg.chart > title', { hasText: 'Stability score with 95% CI' }).count(), 1);
  assert.equal(await page.locator('table.metrics tbody tr').count(), 8);
  assert.equal(await page.locator('img').count(), 0);
  const visible = () => page.locator('[data-table] tbody tr:visible').count();
  await page.click('.chip[data-tag=flip-all]');
  const both = await visible();
  await page.click('.chip[data-tag=flip-none]');
  const none = await visible();
  await page.click('.chip[data-tag=flip-some]');
  const some = await visible();
  assert.equal(both + none + some, 27);
  await page.click('.chip[data-tag=all]');
  const shot = join(work, 'compare.png');
  await page.screenshot({ path: shot, fullPage: true });
  process.stderr.write(`compare screenshot: ${shot}\n`);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await page.close();
});
