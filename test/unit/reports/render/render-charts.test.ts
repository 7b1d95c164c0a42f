// The chart-rendering pool: the same files whatever the number of threads (each chart rendered alone, ids renumbered
// per chart), the same SVG as rendering on the calling thread, the same PNGs with the subset faces as without, each
// chart delivered as soon as it is done, and a failing chart named in a ReportRenderError.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCharts } from '../../../../reports/charts/build-charts.ts';
import type { ReportChart } from '../../../../reports/charts/report-chart.ts';
import { REPORT_FONT_FILES, REPORT_SUBSET_FONT_FILES } from '../../../../reports/internal/report-assets.ts';
import { ReportRenderError } from '../../../../reports/report-errors.ts';
import { installFontMetrics, parseFontMetrics } from '../../../../reports/render/font-metrics.ts';
import { annotateSvg, normalizeSvgIds, renderChartSvg } from '../../../../reports/render/render-chart.ts';
import { renderCharts, settleCharts, startChartRenderer } from '../../../../reports/render/render-charts.ts';
import { loadFixture, loadOutline } from '../support/report-fixtures.ts';

const TIMEOUT_MS = 120_000;
// Three charts keep the test short: a small one, the map (the largest) and a faceted one.
const charts = buildCharts(loadFixture('current'), loadOutline()).filter((c) =>
  ['headline', 'network-map', 'convergence'].includes(c.name),
);
const options = { fontFiles: REPORT_FONT_FILES, subsetFontFiles: REPORT_SUBSET_FONT_FILES, pngScale: 2, png: true };

/** A small bar chart labelled with the given names. */
function barChart(name: string, labels: readonly string[]): ReportChart {
  return {
    ...charts[0],
    name,
    title: name,
    spec: {
      data: { values: labels.map((label, i) => ({ label, value: i + 1 })) },
      mark: 'bar',
      encoding: { x: { field: 'label', type: 'nominal' }, y: { field: 'value', type: 'quantitative' } },
    } as unknown as ReportChart['spec'],
  };
}

beforeAll(async () => {
  await installFontMetrics({
    regular: parseFontMetrics(readFileSync(REPORT_FONT_FILES.regular)),
    bold: parseFontMetrics(readFileSync(REPORT_FONT_FILES.bold)),
  });
});

describe('renderCharts', () => {
  it(
    'renders every chart, in order, to the same SVG and PNG on one thread and on three',
    async () => {
      const one = await renderCharts(charts, { ...options, threads: 1 });
      const three = await renderCharts(charts, { ...options, threads: 3 });
      expect(charts).toHaveLength(3);
      expect(one).toHaveLength(3);
      for (const [i, chart] of charts.entries()) {
        const a = one[i];
        const b = three[i];
        expect(a?.svg, chart.name).toBe(b?.svg);
        expect(a?.svg, chart.name).toContain(`<title>`);
        expect(a?.png, chart.name).not.toBeNull();
        expect(Buffer.from(a?.png ?? []).equals(Buffer.from(b?.png ?? [])), chart.name).toBe(true);
        // A PNG file starts with its signature.
        expect(
          Buffer.from(a?.png ?? [])
            .subarray(1, 4)
            .toString('latin1'),
          chart.name,
        ).toBe('PNG');
      }
      // The workers measure text with the shipped font as the calling thread does: the same layout.
      const first = charts[0];
      const local = await renderChartSvg(first.spec);
      expect(one[0]?.svg).toBe(annotateSvg(normalizeSvgIds(local.svg, first.name), first.title, first.description));
    },
    TIMEOUT_MS,
  );

  it(
    'draws with the subset faces only the charts they cover: the same PNGs as with the whole faces alone',
    async () => {
      const mixed = [
        charts[0],
        barChart('cyrillic', ['Москва', 'Київ', 'Utrecht']),
        barChart('latin', ['Zoë', 'Łódź', 'IJmuiden → Den Helder']),
      ];
      const withSubset = await renderCharts(mixed, options);
      const { subsetFontFiles: _, ...wholeOnly } = options;
      const withoutSubset = await renderCharts(mixed, wholeOnly);
      for (const [i, chart] of mixed.entries()) {
        expect(withSubset[i]?.svg, chart.name).toBe(withoutSubset[i]?.svg);
        const a = Buffer.from(withSubset[i]?.png ?? []);
        expect(a.length, chart.name).toBeGreaterThan(0);
        expect(a.equals(Buffer.from(withoutSubset[i]?.png ?? [])), chart.name).toBe(true);
      }
    },
    TIMEOUT_MS,
  );

  it(
    'delivers each chart as soon as it is done, the same files as render',
    async () => {
      const renderer = await startChartRenderer({ ...options, threads: 2 });
      try {
        const pending = renderer.renderEach(charts);
        expect(pending).toHaveLength(charts.length);
        // The smallest spec starts last, so the largest is done while the smallest may not be.
        const first = await Promise.race(pending.map((p, i) => p.then(() => i)));
        expect(charts[first]?.name).not.toBe('headline');
        const each = await settleCharts(pending);
        const all = await renderer.render(charts);
        expect(each.map((c) => c.svg)).toEqual(all.map((c) => c.svg));
      } finally {
        await renderer.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'leaves PNGs out when not asked for',
    async () => {
      const rendered = await renderCharts(charts.slice(0, 2), { ...options, png: false });
      expect(rendered.map((r) => r.png)).toEqual([null, null]);
    },
    TIMEOUT_MS,
  );

  it(
    'names the chart that failed',
    async () => {
      const broken: ReportChart = {
        ...(charts[0]),
        name: 'broken',
        spec: {
          mark: 'bar',
          encoding: { x: { field: 'a', type: 'nominal' } },
          data: { values: [{ a: 1 }] },
          transform: [{ calculate: 'nosuchfunction(1)', as: 'b' }],
        } as unknown as ReportChart['spec'],
      };
      const error = await renderCharts([charts[0], broken], options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportRenderError);
      expect((error as ReportRenderError).chartName).toBe('broken');
    },
    TIMEOUT_MS,
  );
});
