// Rendering helpers: stable SVG ids (Vega's counters are process-wide), SVG title/description for alt text, and
// PNGs rasterised off the main thread identical to the synchronous ones.

import { describe, expect, it } from 'vitest';
import { REPORT_FONT_FILES } from '../../../../reports/internal/report-assets.ts';
import { loadChartLibraries } from '../../../../reports/render/chart-libraries.ts';
import {
  annotateSvg,
  normalizeSvgIds,
  renderSvgToPng,
  renderSvgToPngAsync,
} from '../../../../reports/render/render-chart.ts';

describe('normalizeSvgIds', () => {
  it('renames ids in order of appearance together with their references', () => {
    const svg =
      '<svg><linearGradient id="gradient_7"/><clipPath id="clip3"/><rect fill="url(#gradient_7)" clip-path="url(#clip3)"/><use href="#clip3"/></svg>';
    expect(normalizeSvgIds(svg, 'map')).toBe(
      '<svg><linearGradient id="map-0"/><clipPath id="map-1"/><rect fill="url(#map-0)" clip-path="url(#map-1)"/><use href="#map-1"/></svg>',
    );
  });

  it('gives the same result whatever counter Vega used', () => {
    const a = normalizeSvgIds('<svg><g id="gradient_0"/><rect fill="url(#gradient_0)"/></svg>', 'x');
    const b = normalizeSvgIds('<svg><g id="gradient_12"/><rect fill="url(#gradient_12)"/></svg>', 'x');
    expect(a).toBe(b);
  });
});

describe('annotateSvg', () => {
  it('adds an escaped title and description after the root element', () => {
    expect(annotateSvg('<svg width="1"><g/></svg>', 'A & B', '<desc>')).toBe(
      '<svg width="1"><title>A &amp; B</title><desc>&lt;desc&gt;</desc><g/></svg>',
    );
  });
});

describe('renderSvgToPngAsync', () => {
  it('gives the same PNG as the synchronous rasteriser, off the main thread', async () => {
    await loadChartLibraries();
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><rect x="2" y="2" width="40" height="20" fill="#0072B2"/><text x="50" y="20" font-size="12">marked</text></svg>';
    const options = { fontFiles: [REPORT_FONT_FILES.regular, REPORT_FONT_FILES.bold], scale: 2 };
    const asynchronous = await renderSvgToPngAsync(svg, options);
    const synchronous = renderSvgToPng(svg, options);
    expect(asynchronous.width).toBe(240);
    expect(asynchronous.height).toBe(60);
    expect(asynchronous.png.equals(synchronous.png)).toBe(true);
  });
});
