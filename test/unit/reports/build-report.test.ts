// buildReport writes the whole report atomically: Vega-Lite specs, SVGs, PNGs, CSVs, report.md and report.html;
// deterministic output, no leftover temporary files, no warnings, inputs untouched.

import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportOptionsError, buildReport, resolveReportOptions, type ReportResult } from '../../../reports/index.ts';
import { CURRENT_FIXTURE_CHARTS, loadFixture } from './support/report-fixtures.ts';

const current = loadFixture('current');
const previous = loadFixture('previous');
let root: string;
let full: ReportResult;
let fullDir: string;
const warnings: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'neverout-report-'));
  fullDir = join(root, 'full');
  full = await buildReport(current, { outDir: fullDir, baseline: previous, onWarning: (m) => warnings.push(m) });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('buildReport', () => {
  it('writes specs, SVGs and PNGs of every chart, every table as CSV, report.md and report.html', async () => {
    const files = await listFiles(fullDir);
    for (const chart of CURRENT_FIXTURE_CHARTS) {
      for (const ext of ['vl.json', 'svg', 'png']) expect(files).toContain(`charts/${chart}.${ext}`);
    }
    expect(files).toContain('tables/service-estimates.csv');
    expect(files).toContain('tables/baseline-changes.csv');
    expect(files).toContain('report.md');
    expect(files).toContain('report.html');
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(full.files.map((f) => relative(fullDir, f)).sort()).toEqual(files);
    expect(full.warnings).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('writes real PNGs and specs with their data inlined', async () => {
    const png = await readFile(join(fullDir, 'charts/availability.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const spec = JSON.parse(await readFile(join(fullDir, 'charts/network-map.vl.json'), 'utf8')) as {
      vconcat: Array<{ layer?: Array<{ data?: { values?: unknown[]; url?: string } }> }>;
    };
    const layers = spec.vconcat.flatMap((view) => view.layer ?? []);
    expect(layers.length).toBeGreaterThan(3);
    for (const layer of layers) {
      expect(layer.data?.url).toBeUndefined();
      expect(Array.isArray(layer.data?.values)).toBe(true);
    }
  });

  it('is deterministic: the same inputs give byte-identical files, and the inputs are not mutated', async () => {
    const before = JSON.stringify([current, previous]);
    const again = join(root, 'again');
    await buildReport(current, { outDir: again, baseline: previous });
    expect(JSON.stringify([current, previous])).toBe(before);
    for (const file of [
      'report.html',
      'report.md',
      'charts/convergence.svg',
      'charts/network-map.png',
      'tables/importance.csv',
    ]) {
      expect((await readFile(join(again, file))).equals(await readFile(join(fullDir, file))), file).toBe(true);
    }
  });

  it('puts the marking on every chart file, every CSV file and report.md', async () => {
    const marking = 'DEPARTEMENTAAL VERTROUWELIJK';
    const files = (await listFiles(fullDir)).filter((f) => /\.(svg|vl\.json|csv|md)$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = await readFile(join(fullDir, file), 'utf8');
      expect(text, file).toContain(marking);
      if (file.endsWith('.csv')) expect(text.split('\r\n')[0], file).toBe(marking);
    }
  });

  it('reports a minimal document (every optional section null) and skips PNGs with png: false', async () => {
    const dir = join(root, 'minimal');
    const result = await buildReport(loadFixture('minimal'), { outDir: dir, png: false });
    const files = await listFiles(dir);
    expect(files.filter((f) => f.endsWith('.png'))).toEqual([]);
    expect(files).toContain('charts/availability.svg');
    expect(files).toContain('report.html');
    expect(result.warnings).toEqual([]);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain('class="marking');
    expect(html).toContain('Partial result.');
  });
});

describe('resolveReportOptions', () => {
  it('takes the marking from the options, else from the document', () => {
    expect(resolveReportOptions(current, { outDir: 'x' }).marking).toBe('DEPARTEMENTAAL VERTROUWELIJK');
    expect(resolveReportOptions(current, { outDir: 'x', marking: ' NATO SECRET ' }).marking).toBe('NATO SECRET');
    expect(resolveReportOptions(loadFixture('minimal'), { outDir: 'x' }).marking).toBeNull();
    expect(resolveReportOptions(current, { outDir: 'x' }).png).toBe(true);
  });

  it('rejects a blank, multi-line or overlong marking and an empty outDir', () => {
    expect(() => resolveReportOptions(current, { outDir: 'x', marking: '  ' })).toThrow(ReportOptionsError);
    expect(() => resolveReportOptions(current, { outDir: 'x', marking: 'a\nb' })).toThrow(ReportOptionsError);
    expect(() => resolveReportOptions(current, { outDir: 'x', marking: 'x'.repeat(201) })).toThrow(ReportOptionsError);
    expect(() => resolveReportOptions(current, { outDir: '' })).toThrow(ReportOptionsError);
  });
});
