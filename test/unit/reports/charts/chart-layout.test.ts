// The chart guard: every chart of the default study's result, of the periodic-analysis fixture and of a stress
// document (40 services with long names, availabilities at 0 and 1, one scenario) renders with every text on the
// canvas, clear of other text and of plotted points, and uncut. The checker itself is shown to catch each defect.

import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildCharts } from '../../../../reports/index.ts';
import { measureTextWidth } from '../../../../reports/render/font-metrics.ts';
import { checkChartLayout, useReportFontMetrics } from '../support/chart-layout-check.ts';
import { loadFixture, loadOutline } from '../support/report-fixtures.ts';
import { STRESS_SERVICE_COUNT, buildStressDocument } from '../support/stress-document.ts';

const MARKING = 'DEPARTEMENTAAL VERTROUWELIJK';
const faces = await useReportFontMetrics();
const measureText = (text: string, fontSize: number, bold: boolean) =>
  measureTextWidth(bold ? faces.bold : faces.regular, text, fontSize);
const outline = loadOutline();
const stress = buildStressDocument();

const cases = [
  ['default study', loadFixture('defaultStudy')],
  ['periodic analysis', loadFixture('current')],
  ['stress case', stress],
  ['minimal document', loadFixture('minimal')],
] as const;

describe.each(cases)('charts of the %s', (_, doc) => {
  const charts = buildCharts(doc, outline, { marking: MARKING, measureText });

  it.each(charts.map((c) => [c.name, c.spec] as const))(
    '%s: no text overlaps, leaves the canvas, covers a point or is cut',
    { timeout: 30_000 },
    async (_name, spec) => {
      const problems = await checkChartLayout(spec);
      expect(problems.map((p) => p.message)).toEqual([]);
    },
  );
});

describe('the stress document', () => {
  it('has 40 services with long names, one scenario, and availabilities at exactly 0 and 1', () => {
    expect(stress.model.services).toHaveLength(STRESS_SERVICE_COUNT);
    expect(Math.min(...stress.model.services.map((s) => s.name.length))).toBeGreaterThan(120);
    expect(stress.scenarios).toHaveLength(1);
    const availabilities = stress.scenarios[0]?.services.map((e) => e.availability.estimate) ?? [];
    expect(availabilities).toContain(0);
    expect(availabilities).toContain(1);
  });
});

describe('checkChartLayout (test support)', () => {
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json' } as const;

  it('reports overlapping axis labels', async () => {
    const spec = {
      ...base,
      width: 80,
      data: { values: [{ a: 'first long label' }, { a: 'second long label' }, { a: 'third long label' }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal', axis: { labelAngle: 0, labelOverlap: false, labelLimit: 0 } } },
    } as TopLevelSpec;
    const kinds = (await checkChartLayout(spec)).map((p) => p.kind);
    expect(kinds).toContain('text-overlap');
  });

  it('reports text outside the canvas', async () => {
    const spec = {
      ...base,
      width: 100,
      height: 40,
      padding: 0,
      autosize: { type: 'none' },
      data: { values: [{}] },
      mark: { type: 'text', text: 'this text runs far past the right edge', align: 'left' },
      encoding: { x: { value: 90 }, y: { value: 20 } },
    } as TopLevelSpec;
    const kinds = (await checkChartLayout(spec)).map((p) => p.kind);
    expect(kinds).toContain('outside-canvas');
  });

  it('reports labels Vega would cut, and text lying on a plotted point', async () => {
    const spec = {
      ...base,
      width: 200,
      data: { values: [{ name: 'a service with a name far longer than its limit', v: 0 }] },
      mark: { type: 'point', size: 400, filled: true },
      encoding: {
        y: { field: 'name', type: 'nominal', axis: { labelLimit: 60, labelPadding: 0, ticks: false } },
        x: { field: 'v', type: 'quantitative', scale: { domain: [0, 1] } },
      },
    } as TopLevelSpec;
    const kinds = (await checkChartLayout(spec)).map((p) => p.kind);
    expect(kinds).toContain('truncated');
    expect(kinds).toContain('text-over-point');
  });

  it('passes a clean chart', async () => {
    const spec = {
      ...base,
      width: 200,
      data: {
        values: [
          { a: 'x', v: 1 },
          { a: 'y', v: 2 },
        ],
      },
      mark: 'bar',
      encoding: { x: { field: 'v', type: 'quantitative' }, y: { field: 'a', type: 'nominal' } },
    } as TopLevelSpec;
    expect(await checkChartLayout(spec)).toEqual([]);
  });
});
