// Every chart spec of the fixture documents: valid against the Vega-Lite v6 JSON Schema, rendered to SVG and PNG
// without a single Vega or Vega-Lite warning, and with its title really drawn in the PNG (the shipped font loads).

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCharts } from '../../../../reports/charts/build-charts.ts';
import { CATEGORY_COLOURS, OKABE_ITO, type ReportChart } from '../../../../reports/charts/report-chart.ts';
import { REPORT_FONT_FILES } from '../../../../reports/internal/report-assets.ts';
import { installFontMetrics, parseFontMetrics } from '../../../../reports/render/font-metrics.ts';
import { renderChartSvg, renderSvgToPixels } from '../../../../reports/render/render-chart.ts';
import {
  countInkPixels,
  CURRENT_FIXTURE_CHARTS,
  loadFixture,
  loadOutline,
  vegaLiteValidator,
} from '../support/report-fixtures.ts';

const FONT_FILES = [REPORT_FONT_FILES.regular, REPORT_FONT_FILES.bold];
/** Where every chart's title is drawn: top left, inside the 10 px padding (title font 15 px). */
const TITLE_REGION = { x: 10, y: 8, width: 220, height: 18 };

const outline = loadOutline();
const fullCharts = buildCharts(loadFixture('current'), outline);
const minimalCharts = buildCharts(loadFixture('minimal'), outline);

beforeAll(async () => {
  await installFontMetrics({
    regular: parseFontMetrics(readFileSync(REPORT_FONT_FILES.regular)),
    bold: parseFontMetrics(readFileSync(REPORT_FONT_FILES.bold)),
  });
});

describe('buildCharts', () => {
  it('builds one chart per reader question for a document with every section', () => {
    expect(fullCharts.map((c) => c.name)).toEqual(CURRENT_FIXTURE_CHARTS);
  });

  it('leaves out charts whose section is null and the map when no site has coordinates', () => {
    expect(minimalCharts.map((c) => c.name)).toEqual(['availability', 'scenario-heatmap']);
  });

  it('gives every chart a title, a text description used as the spec description, and unique names', () => {
    for (const chart of [...fullCharts, ...minimalCharts]) {
      expect(chart.title.length).toBeGreaterThan(5);
      expect(chart.description.length).toBeGreaterThan(40);
      expect(chart.spec.description).toBe(chart.description);
      expect(chart.spec.title).toBeDefined();
    }
    expect(new Set(fullCharts.map((c) => c.name)).size).toBe(fullCharts.length);
  });

  it('lists sites without coordinates in the map notes instead of drawing them', () => {
    const map = fullCharts.find((c) => c.name === 'network-map');
    expect(map?.notes.join(' ')).toContain('Backup datacentre (location withheld) (ndc-b)');
    expect(JSON.stringify(map?.spec)).not.toContain('"ndc-b"');
  });

  it('uses only colour-blind-safe colours (Okabe-Ito, neutral greys, viridis)', () => {
    const allowed = new Set([...Object.values(OKABE_ITO), ...CATEGORY_COLOURS].map((c) => c.toLowerCase()));
    for (const chart of fullCharts) {
      const json = JSON.stringify(chart.spec);
      expect(json).not.toMatch(/tableau|category10|"set1"|rainbow|"redgreen"/i);
      const colours = [...json.matchAll(/"(#[0-9a-fA-F]{6})"/g)].map((m) => (m[1] ?? '').toLowerCase());
      for (const colour of colours) {
        const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
        const isGrey = r === g && g === b;
        expect(isGrey || allowed.has(colour), `${chart.name} uses ${colour}`).toBe(true);
      }
    }
  });
});

describe.each([
  ['full document', fullCharts],
  ['minimal document', minimalCharts],
] as const)('chart specs of the %s', (_, charts: readonly ReportChart[]) => {
  it.each(charts.map((c) => [c.name, c] as const))(
    '%s validates against the Vega-Lite v6 JSON Schema',
    (_name, chart) => {
      const validate = vegaLiteValidator();
      const valid = validate(chart.spec);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it.each(charts.map((c) => [c.name, c] as const))(
    '%s renders to SVG and PNG without warnings, title drawn',
    async (_name, chart) => {
      const { svg, warnings } = await renderChartSvg(chart.spec);
      expect(warnings).toEqual([]);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(`>${chart.title.replace(/&/g, '&amp;')}</text>`);
      const image = renderSvgToPixels(svg, { fontFiles: FONT_FILES, scale: 1 });
      expect(image.pixels.length).toBe(image.width * image.height * 4);
      expect(countInkPixels(image, TITLE_REGION)).toBeGreaterThan(150);
    },
  );
});

describe('vegaLiteValidator (test support)', () => {
  it('rejects a spec that breaks the schema, so passing specs mean something', () => {
    const validate = vegaLiteValidator();
    expect(validate({ mark: 'bubble', encoding: { x: { field: 'a', type: 'quantitative' } } })).toBe(false);
    expect(validate({ data: { values: [] }, mark: 'point', encoding: { x: { field: 'a', type: 'numeric' } } })).toBe(
      false,
    );
  });
});

describe('renderSvgToPixels', () => {
  it('draws no text at all without a font (the control: the shipped font is what makes titles appear)', async () => {
    const chart = fullCharts[0];
    if (chart === undefined) throw new Error('no chart');
    const { svg } = await renderChartSvg(chart.spec);
    const withFont = renderSvgToPixels(svg, { fontFiles: FONT_FILES, scale: 1 });
    const withoutFont = renderSvgToPixels(svg, { fontFiles: [], scale: 1 });
    expect(countInkPixels(withFont, TITLE_REGION)).toBeGreaterThan(150);
    expect(countInkPixels(withoutFont, TITLE_REGION)).toBe(0);
  });
});
