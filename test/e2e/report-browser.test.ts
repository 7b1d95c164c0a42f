// End-to-end: report.html in headless Chromium (playwright-core). No console error, no request other than the file
// itself, every chart drawn interactively by vega-embed, the marking on screen and on every printed A4 page. Printed
// to PDF, the default study's report opens with a brief of at most two pages, keeps brief and main report within 20
// pages, never splits a chart or separates a heading from what follows, and has no empty page: probe links placed in
// the page before printing show on which PDF page each element landed. With NEVEROUT_REQUIRE_BROWSER=1 (or CI set)
// a missing Chromium fails the suite; otherwise it skips with a notice.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../engine/index.ts';
import { buildCharts, buildReport } from '../../reports/index.ts';
import { readPdfPages, type PdfPage } from '../unit/reports/support/pdf-pages.ts';
import { loadFixture, loadOutline } from '../unit/reports/support/report-fixtures.ts';

/** The Chromium binary; NEVEROUT_CHROMIUM overrides it (e.g. to check that a missing browser fails when required). */
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
const MARKING = 'DEPARTEMENTAAL VERTROUWELIJK';
/** Most printed pages the brief may take, and the brief and main report together. */
const MAX_BRIEF_PAGES = 2;
const MAX_MAIN_PAGES = 20;

const hasChromium = existsSync(CHROMIUM);
const isSet = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value !== 'false';
const browserRequired = isSet(process.env.NEVEROUT_REQUIRE_BROWSER) || isSet(process.env.CI);
const runBrowserTests = hasChromium || browserRequired;

if (!runBrowserTests) {
  process.stderr.write(
    `\n[report-browser] SKIPPED: ${CHROMIUM} not found. Install it with: apt-get install -y chromium ` +
      '(set NEVEROUT_REQUIRE_BROWSER=1 to make this a failure)\n\n',
  );
}

/**
 * The previous quarter of the default study, for a report with "what changed": three services a little better
 * then (so now worse beyond the uncertainty) and one a little worse.
 */
function derivePreviousAnalysis(doc: ResultDocument): ResultDocument {
  const scale = new Map([
    ['routing-112', 0.4],
    ['c2-air', 0.5],
    ['nato-hqs', 0.45],
    ['c2000-core', 3],
  ]);
  const scaled = (i: { estimate: number; lower: number; upper: number }, f: number) => ({
    estimate: Math.min(1, i.estimate * f),
    lower: Math.min(1, i.lower * f),
    upper: Math.min(1, i.upper * f),
  });
  return {
    ...doc,
    manifest: { ...doc.manifest, createdAt: '2026-07-03T09:00:00.000Z' },
    scenarios: doc.scenarios.map((s) => ({
      ...s,
      services: s.services.map((e) => {
        const f = s.id === 'baseline' ? (scale.get(e.serviceId) ?? 1) : 1;
        if (f === 1) return e;
        const u = scaled(e.unavailability, f);
        return {
          ...e,
          unavailability: u,
          availability: { estimate: 1 - u.estimate, lower: 1 - u.upper, upper: 1 - u.lower },
          downtimeMinutesPerYear: scaled(e.downtimeMinutesPerYear, f),
        };
      }),
    })),
  };
}

const current = loadFixture('current');
const previous = loadFixture('previous');
const defaultStudy = loadFixture('defaultStudy');
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
/** Probe links: start and end of each part and figure, and for each heading the start of what follows it. */
const PROBE_PREFIX = 'https://probe.invalid/';
const PLACE_PROBES = `(() => {
  const probe = (id) => {
    const a = document.createElement('a');
    a.href = '${PROBE_PREFIX}' + id;
    // Out of the flow (absolute, at its static position): a probe must not itself push content onto a new page.
    a.style.cssText = 'position:absolute;display:block;width:2px;height:1px;margin:0;padding:0;border:0';
    return a;
  };
  document.querySelectorAll('.part').forEach((p) => { p.prepend(probe('part-start/' + p.id)); p.append(probe('part-end/' + p.id)); });
  document.querySelectorAll('figure.chart').forEach((f) => { f.prepend(probe('figure-start/' + f.dataset.chart)); f.append(probe('figure-end/' + f.dataset.chart)); });
  let n = 0;
  document.querySelectorAll('main h2, main h3').forEach((h) => {
    if (getComputedStyle(h).position === 'absolute' || h.offsetParent === null) return;
    const next = h.nextElementSibling;
    if (next === null) return;
    const id = String(n++) + '/' + encodeURIComponent(h.textContent.slice(0, 60));
    h.append(probe('heading/' + id));
    const target = next.matches('div.table-block, div.table-scroll') ? (next.querySelector('td, th, p') ?? next) : next;
    target.prepend(probe('after-heading/' + id));
  });
})()`;
const HIDE_CONTENT = `document.querySelector('main').style.display = 'none'`;

interface FigureState {
  readonly name: string | null;
  readonly embed: string | null;
  readonly drawn: boolean;
  readonly fallbackHidden: boolean;
}

/** On which page each probe landed (first occurrence). */
function probePages(pages: readonly PdfPage[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const page of pages) {
    for (const link of page.links) {
      if (!link.uri.startsWith(PROBE_PREFIX)) continue;
      const id = link.uri.slice(PROBE_PREFIX.length);
      if (!found.has(id)) found.set(id, page.number);
    }
  }
  return found;
}

let root = '';
let browser: Browser | null = null;

async function openReport(dir: string): Promise<Page> {
  if (browser === null) throw new Error('no browser');
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  await page.waitForFunction(ALL_EMBEDS_SETTLED, null, { timeout: 90_000 });
  return page;
}

describe.runIf(runBrowserTests)('report.html in headless Chromium', () => {
  beforeAll(async () => {
    if (!hasChromium)
      throw new Error(`Chromium is required here but ${CHROMIUM} is missing (apt-get install -y chromium)`);
    root = await mkdtemp(join(tmpdir(), 'neverout-report-browser-'));
    await mkdir(join(root, 'screenshots'), { recursive: true });
    await buildReport(current, { outDir: join(root, 'fixture'), baseline: previous, png: false });
    await buildReport(defaultStudy, {
      outDir: join(root, 'default'),
      baseline: derivePreviousAnalysis(defaultStudy),
      marking: MARKING,
      png: false,
    });
    await buildReport(defaultStudy, { outDir: join(root, 'default-alone'), marking: MARKING, png: false });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    // The reports are removed; the screenshots and the PDF stay in the temp folder for a human to look at.
    for (const dir of ['fixture', 'default', 'default-alone'])
      if (root !== '') await rm(join(root, dir), { recursive: true, force: true });
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
      const url = pathToFileURL(join(root, 'fixture', 'report.html')).href;
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(ALL_EMBEDS_SETTLED, null, { timeout: 60_000 });
      const figures = await page.evaluate<FigureState[]>(FIGURE_STATES);
      expect(figures.map((f) => f.name).sort()).toEqual([...chartNames].sort());
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
      expect(markings[0]).toContain(MARKING);
      expect(await page.evaluate<string | null>(FIRST_HEADING)).toBe('The bottom line');

      const screenshot = join(root, 'screenshots', 'report-top.png');
      await page.screenshot({ path: screenshot });
      await page.screenshot({ path: join(root, 'screenshots', 'report-full.png'), fullPage: true });
      process.stderr.write(`[report-browser] screenshots in ${join(root, 'screenshots')}\n`);
      expect(existsSync(screenshot)).toBe(true);
      await page.close();
    },
  );

  it.each([
    ['with a baseline', 'default'],
    ['without a baseline', 'default-alone'],
  ])(
    'prints the default study %s: a brief of at most 2 pages, main report within 20, no split chart, no orphaned heading, no empty page',
    { timeout: 180_000 },
    async (label, dir) => {
      const page = await openReport(join(root, dir));
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate<string[]>(MARKING_POSITIONS)).toEqual(['fixed', 'fixed']);
      // What a page with nothing but the marking draws: the yardstick for an empty page.
      await page.evaluate(HIDE_CONTENT);
      const blank = readPdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      expect(blank).toHaveLength(1);
      const markingRuns = blank[0]?.textRuns ?? 0;
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(ALL_EMBEDS_SETTLED, null, { timeout: 90_000 });
      await page.evaluate(PLACE_PROBES);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      await writeFile(join(root, `${dir}.pdf`), pdf);
      await page.close();
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const pages = readPdfPages(pdf);
      const at = probePages(pages);
      const pageOf = (id: string) => {
        const found = at.get(id);
        if (found === undefined) throw new Error(`probe ${id} is not in the PDF`);
        return found;
      };
      const mainStart = pageOf('part-start/part-main');
      const appendixStart = pageOf('part-start/part-appendix');
      process.stderr.write(
        `[report-browser] default study ${label} printed: ${pages.length} pages; brief ${mainStart - 1}, main ` +
          `${appendixStart - mainStart}, appendix ${pages.length - appendixStart + 1} (PDF in ${root})\n`,
      );
      expect.soft(pageOf('part-start/part-brief')).toBe(1);
      expect.soft(mainStart - 1).toBeLessThanOrEqual(MAX_BRIEF_PAGES);
      expect.soft(pageOf('part-end/part-brief')).toBe(mainStart - 1);
      expect.soft(appendixStart - 1).toBeLessThanOrEqual(MAX_MAIN_PAGES);

      const split = [...at.keys()]
        .filter((id) => id.startsWith('figure-start/'))
        .map((id) => id.slice('figure-start/'.length))
        .filter((name) => pageOf(`figure-start/${name}`) !== pageOf(`figure-end/${name}`));
      expect.soft(split, 'charts split across pages').toEqual([]);
      const figures = [...at.keys()].filter((id) => id.startsWith('figure-start/'));
      expect(figures.length).toBeGreaterThan(5);

      const orphaned = [...at.keys()]
        .filter((id) => id.startsWith('heading/'))
        .map((id) => id.slice('heading/'.length))
        .filter((id) => at.has(`after-heading/${id}`) && pageOf(`heading/${id}`) !== pageOf(`after-heading/${id}`))
        .map((id) => decodeURIComponent(id));
      expect.soft(orphaned, 'headings separated from what follows').toEqual([]);

      const empty = pages.filter((p) => p.textRuns <= markingRuns).map((p) => p.number);
      expect.soft(empty, 'pages with nothing but the marking').toEqual([]);
    },
  );

  it('prints the marking fixed on every page', { timeout: 120_000 }, async () => {
    const page = await openReport(join(root, 'fixture'));
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate<string[]>(MARKING_POSITIONS)).toEqual(['fixed', 'fixed']);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(readPdfPages(pdf).length).toBeGreaterThan(3);
    await page.close();
  });
});
