// Rendering helpers: stable SVG ids (Vega's counters are process-wide) and SVG title/description for alt text.

import { describe, expect, it } from 'vitest';
import { annotateSvg, normalizeSvgIds } from '../../../../reports/render/render-chart.ts';

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
