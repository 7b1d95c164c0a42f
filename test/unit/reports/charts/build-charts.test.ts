// Every chart spec of the fixture documents: valid against the Vega-Lite v6 JSON Schema, rendered to SVG and PNG
// without a single Vega or Vega-Lite warning, and with its title really drawn in the PNG (the shipped font loads);
// with a marking, the marking is inside every spec, above and below the chart.

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
const MARKING = 'DEPARTEMENTAAL VERTROUWELIJK';
const markedCharts = buildCharts(loadFixture('current'), outline, { marking: MARKING });

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

  it('leaves out charts whose section is null, the map when no site has coordinates, and a one-column heatmap', () => {
    expect(minimalCharts.map((c) => c.name)).toEqual(['headline', 'availability']);
  });

  it('draws the marking above and below every chart when one is given, and nowhere otherwise', () => {
    for (const chart of markedCharts) {
      const spec = chart.spec as { vconcat?: Array<{ mark?: { text?: string } }>; usermeta?: { marking?: string } };
      expect(spec.usermeta?.marking, chart.name).toBe(MARKING);
      expect(spec.vconcat?.[0]?.mark?.text, chart.name).toBe(MARKING);
      expect(spec.vconcat?.[spec.vconcat.length - 1]?.mark?.text, chart.name).toBe(MARKING);
    }
    for (const chart of fullCharts) expect(JSON.stringify(chart.spec)).not.toContain(MARKING);
  });

  it('names a section and a one-line caption for every chart', () => {
    for (const chart of fullCharts) {
      expect(chart.caption.length, chart.name).toBeGreaterThan(20);
      expect(chart.section, chart.name).toMatch(/^[a-z-]+$/);
    }
    expect(fullCharts.find((c) => c.name === 'headline')?.section).toBe('brief-headline');
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
  ['full document with a marking', markedCharts],
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
      if (charts === markedCharts) expect(svg).toContain(`>${MARKING}</text>`);
      const image = renderSvgToPixels(svg, { fontFiles: FONT_FILES, scale: 1 });
      expect(image.pixels.length).toBe(image.width * image.height * 4);
      if (charts !== markedCharts) expect(countInkPixels(image, TITLE_REGION)).toBeGreaterThan(150);
      // The marking is drawn (not just present as text) in the bands at the top and bottom: blanking its text
      // removes ink from both.
      if (charts === markedCharts) {
        const blanked = renderSvgToPixels(svg.replaceAll(`>${MARKING}</text>`, '></text>'), {
          fontFiles: FONT_FILES,
          scale: 1,
        });
        const band = (img: typeof image, y: number) => countInkPixels(img, { x: 0, y, width: img.width, height: 17 });
        expect(band(image, 8) - band(blanked, 8)).toBeGreaterThan(300);
        expect(band(image, image.height - 27) - band(blanked, image.height - 27)).toBeGreaterThan(300);
      }
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
