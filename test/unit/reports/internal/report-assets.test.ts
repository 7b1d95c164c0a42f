// The subset faces resvg draws covered charts with: for every character they cover, the same PNG bytes as the whole
// faces (glyphs, advance widths, kerning and substitutions kept); for other characters they are no substitute.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCharts } from '../../../../reports/charts/build-charts.ts';
import { REPORT_FONT_FAMILY } from '../../../../reports/charts/report-chart.ts';
import { REPORT_FONT_FILES, REPORT_SUBSET_FONT_FILES } from '../../../../reports/internal/report-assets.ts';
import { loadChartLibraries } from '../../../../reports/render/chart-libraries.ts';
import { installFontMetrics, parseFontMetrics } from '../../../../reports/render/font-metrics.ts';
import {
  buildGlyphCoverage,
  isSvgCovered,
  renderChartSvg,
  renderSvgToPng,
} from '../../../../reports/render/render-chart.ts';
import { loadFixture, loadOutline } from '../support/report-fixtures.ts';

const TIMEOUT_MS = 60_000;
const WHOLE_FACES = [REPORT_FONT_FILES.regular, REPORT_FONT_FILES.bold];
const SUBSET_FACES = [REPORT_SUBSET_FONT_FILES.regular, REPORT_SUBSET_FONT_FILES.bold];
const coverage = buildGlyphCoverage(SUBSET_FACES.map((file) => parseFontMetrics(readFileSync(file))));

/** Texts inside the subset: kerning pairs, ligatures, accented Latin, the punctuation and signs charts print. */
const INSIDE = [
  'AVATAR To Wa Ty 11 °C',
  'office fluffy',
  'IJsselmeer Zoë Łódź Đakovo ŠKODA',
  '99.95% – 10⁻⁶ … ’s → −3 ≥ 2 ≤ 5 × λ p₀ ₁',
];
/** Texts with characters outside the subset (Cyrillic, Armenian, Hebrew, symbols), alone and mixed. */
const OUTSIDE = ['Москва', 'Київ – 5%', 'Երևան AV', 'שלום', 'ῶ ℵ ∮ ⌘ ☂'];

/** Each text twice, regular and bold. */
function textSvg(texts: readonly string[]): string {
  const lines = texts.flatMap((text, i) =>
    ['normal', 'bold'].map(
      (weight, j) =>
        `<text x="4" y="${18 + (2 * i + j) * 18}" font-family="${REPORT_FONT_FAMILY}" font-size="13" ` +
        `font-weight="${weight}">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`,
    ),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="${24 + lines.length * 18}">${lines.join('')}</svg>`;
}

function png(svg: string, fontFiles: readonly string[]): Buffer {
  return renderSvgToPng(svg, { fontFiles, scale: 2 }).png;
}

beforeAll(async () => {
  await loadChartLibraries();
  await installFontMetrics({
    regular: parseFontMetrics(readFileSync(REPORT_FONT_FILES.regular)),
    bold: parseFontMetrics(readFileSync(REPORT_FONT_FILES.bold)),
  });
});

describe('REPORT_SUBSET_FONT_FILES', () => {
  it('are much smaller than the whole faces (the point of them)', () => {
    for (const [i, file] of SUBSET_FACES.entries()) {
      expect(readFileSync(file).length).toBeLessThan(readFileSync(WHOLE_FACES[i]).length / 4);
    }
  });

  it('draw text they cover exactly as the whole faces, regular and bold', () => {
    const svg = textSvg(INSIDE);
    expect(isSvgCovered(svg, coverage)).toBe(true);
    expect(png(svg, SUBSET_FACES).equals(png(svg, WHOLE_FACES))).toBe(true);
  });

  it('do not cover other text, which they would draw otherwise (the control)', () => {
    for (const text of OUTSIDE) {
      const svg = textSvg([text]);
      expect(isSvgCovered(svg, coverage), text).toBe(false);
      expect(png(svg, SUBSET_FACES).equals(png(svg, WHOLE_FACES)), text).toBe(false);
    }
  });

  it(
    "cover the charts' own texts: a fixture's charts drawn with them are the same PNGs",
    async () => {
      const charts = buildCharts(loadFixture('current'), loadOutline()).filter((c) =>
        ['headline', 'convergence', 'scenario-heatmap', 'importance'].includes(c.name),
      );
      expect(charts).toHaveLength(4);
      for (const chart of charts) {
        const { svg } = await renderChartSvg(chart.spec);
        expect(isSvgCovered(svg, coverage), chart.name).toBe(true);
        expect(png(svg, SUBSET_FACES).equals(png(svg, WHOLE_FACES)), chart.name).toBe(true);
      }
    },
    TIMEOUT_MS,
  );
});
