// End-to-end: report.html in headless Chromium (playwright-core). No console error, no request other than the file
// itself, every chart drawn interactively by vega-embed, the marking on screen and on every printed A4 page, and a
// screenshot kept in the test's temp folder. With env CI set, a missing Chromium fails the suite; locally it skips.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCharts, buildReport } from '../../reports/index.ts';
import { loadFixture, loadOutline } from '../unit/reports/support/report-fixtures.ts';

/** The Chromium binary; NEVEROUT_CHROMIUM overrides it (e.g. to check that a missing browser fails in CI). */
const CHROMIUM = process.env.NEVEROUT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const hasChromium = existsSync(CHROMIUM);
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const runBrowserTests = hasChromium || inCi;

if (!runBrowserTests) {
  process.stderr.write(
    `\n[report-browser] SKIPPED: ${CHROMIUM} not found. Install it with: apt-get install -y chromium\n\n`,
  );
}

const current = loadFixture('current');
const previous = loadFixture('previous');
const chartNames = buildCharts(current, loadOutline()).map((c) => c.name);

// Browser-side code as expression strings: the project compiles without the DOM library.
const ALL_EMBEDS_SETTLED = `[...document.querySelectorAll('figure.chart')].every((f) => f.getAttribute('data-embed') !== null)`;
const FIGURE_STATES = `[...document.querySelectorAll('figure.chart')].map((f) => ({
  name: f.getAttribute('data-chart'),
  embed: f.getAttribute('data-embed'),
  drawn: f.querySelector('.chart-interactive svg, .chart-interactive canvas') !== null,
  fallbackHidden: getComputedStyle(f.querySelector('.chart-fallback') ?? f).display === 'none',
}))`;
const MARKING_TEXTS = `[...document.querySelectorAll('.marking')].map((e) => e.textContent)`;
const MARKING_POSITIONS = `[...document.querySelectorAll('.marking')].map((e) => getComputedStyle(e).position)`;
const FIRST_HEADING = `document.querySelector('main h2')?.textContent ?? null`;

interface FigureState {
  readonly name: string | null;
  readonly embed: string | null;
  readonly drawn: boolean;
  readonly fallbackHidden: boolean;
}

let root = '';
let reportDir = '';
let screenshotDir = '';
let browser: Browser | null = null;

describe.runIf(runBrowserTests)('report.html in headless Chromium', () => {
  beforeAll(async () => {
    if (!hasChromium)
      throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing (apt-get install -y chromium)`);
    root = await mkdtemp(join(tmpdir(), 'neverout-report-browser-'));
    reportDir = join(root, 'report');
    screenshotDir = join(root, 'screenshots');
    await mkdir(screenshotDir, { recursive: true });
    await buildReport(current, { outDir: reportDir, baseline: previous, png: false });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    // The report is removed; the screenshots stay in the temp folder for a human to look at.
    if (reportDir !== '') await rm(reportDir, { recursive: true, force: true });
  });

  it(
    'loads with no console error, no request but the file, and every chart embedded',
    { timeout: 120_000 },
    async () => {
      if (browser === null) throw new Error('no browser');
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const consoleErrors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
      page.on('request', (request) => requests.push(request.url()));
      const url = pathToFileURL(join(reportDir, 'report.html')).href;
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(ALL_EMBEDS_SETTLED, null, { timeout: 60_000 });
      const figures = await page.evaluate<FigureState[]>(FIGURE_STATES);
      expect(figures.map((f) => f.name)).toEqual(chartNames);
      for (const figure of figures) {
        expect(figure, String(figure.name)).toEqual({
          name: figure.name,
          embed: 'done',
          drawn: true,
          fallbackHidden: true,
        });
      }
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([url]);

      const markings = await page.evaluate<Array<string | null>>(MARKING_TEXTS);
      expect(markings).toHaveLength(2);
      expect(markings[0]).toContain('DEPARTEMENTAAL VERTROUWELIJK');
      const firstHeading = await page.evaluate<string | null>(FIRST_HEADING);
      expect(firstHeading).toBe('Scope');

      const screenshot = join(screenshotDir, 'report-top.png');
      await page.screenshot({ path: screenshot });
      await page.screenshot({ path: join(screenshotDir, 'report-full.png'), fullPage: true });
      process.stderr.write(`[report-browser] screenshots in ${screenshotDir}\n`);
      expect(existsSync(screenshot)).toBe(true);
      await page.close();
    },
  );

  it('prints to several A4 pages with the marking fixed on every page', { timeout: 120_000 }, async () => {
    if (browser === null) throw new Error('no browser');
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(reportDir, 'report.html')).href);
    await page.waitForFunction(ALL_EMBEDS_SETTLED, null, { timeout: 60_000 });
    await page.emulateMedia({ media: 'print' });
    const positions = await page.evaluate<string[]>(MARKING_POSITIONS);
    expect(positions).toEqual(['fixed', 'fixed']);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(5);
    await page.close();
  });
});
