// Rendering helpers: stable SVG ids (Vega's counters are process-wide), SVG title/description for alt text, and
// whether a set of faces has a glyph for every character of an SVG.

import { describe, expect, it } from 'vitest';
import type { FontMetrics } from '../../../../reports/render/font-metrics.ts';
import {
  annotateSvg,
  buildGlyphCoverage,
  isSvgCovered,
  normalizeSvgIds,
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

/** A face that has a glyph for the code points `has` accepts. */
function fakeFace(has: (codePoint: number) => boolean): FontMetrics {
  return { unitsPerEm: 1000, advanceOf: () => 500, hasGlyph: has };
}

describe('buildGlyphCoverage', () => {
  it('covers the code points every face has a glyph for, none beyond the BMP', () => {
    const coverage = buildGlyphCoverage([fakeFace((c) => c < 0x400), fakeFace((c) => c >= 0x20)]);
    expect(coverage(0x41)).toBe(true);
    expect(coverage(0x3bb)).toBe(true);
    expect(coverage(0x10)).toBe(false);
    expect(coverage(0x41f)).toBe(false);
    expect(buildGlyphCoverage([fakeFace(() => true)])(0x1f600)).toBe(false);
  });
});

describe('isSvgCovered', () => {
  // Printable ASCII and the Greek small letters.
  const coverage = buildGlyphCoverage([fakeFace((c) => (c >= 0x20 && c < 0x7f) || (c >= 0x3b1 && c <= 0x3c9))]);

  it('accepts an SVG whose every character is covered, line breaks and tabs aside', () => {
    expect(isSvgCovered('<svg>\n\t<text x="1">rate λ &amp; μ &#955; &#x3BC;</text></svg>', coverage)).toBe(true);
  });

  it('rejects a character outside the coverage, in text, in an attribute or as a character reference', () => {
    expect(isSvgCovered('<svg><text>Москва</text></svg>', coverage)).toBe(false);
    expect(isSvgCovered('<svg><text>5 €</text></svg>', coverage)).toBe(false);
    expect(isSvgCovered('<svg aria-label="Київ"><text>a</text></svg>', coverage)).toBe(false);
    expect(isSvgCovered('<svg><text>&#1052;</text></svg>', coverage)).toBe(false);
    expect(isSvgCovered('<svg><text>&#x41c;</text></svg>', coverage)).toBe(false);
  });

  it('rejects a character beyond the BMP', () => {
    expect(isSvgCovered('<svg><text>\u{1d400}</text></svg>', coverage)).toBe(false);
  });
});
