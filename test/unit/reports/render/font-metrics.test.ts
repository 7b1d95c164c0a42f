// Text widths from the shipped TTF, so headless layout matches what resvg draws.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_FONT_FILES } from '../../../../reports/internal/report-assets.ts';
import { measureTextWidth, parseFontMetrics } from '../../../../reports/render/font-metrics.ts';

const regular = parseFontMetrics(readFileSync(REPORT_FONT_FILES.regular));
const bold = parseFontMetrics(readFileSync(REPORT_FONT_FILES.bold));

describe('parseFontMetrics', () => {
  it('reads DejaVu Sans: 2048 units per em and known advance widths', () => {
    expect(regular.unitsPerEm).toBe(2048);
    // DejaVu Sans: space 651 units, digit 1303 units (hmtx).
    expect(regular.advanceOf(' '.codePointAt(0) ?? 0)).toBe(651);
    expect(regular.advanceOf('0'.codePointAt(0) ?? 0)).toBe(1303);
  });
});

describe('measureTextWidth', () => {
  it('scales with the font size, is wider in bold, and covers non-ASCII text', () => {
    const width = measureTextWidth(regular, 'Availability 99.999%', 11);
    expect(width).toBeGreaterThan(90);
    expect(width).toBeLessThan(140);
    expect(measureTextWidth(regular, 'Availability', 22)).toBeCloseTo(
      2 * measureTextWidth(regular, 'Availability', 11),
      6,
    );
    expect(measureTextWidth(bold, 'Availability', 11)).toBeGreaterThan(measureTextWidth(regular, 'Availability', 11));
    expect(measureTextWidth(regular, '−log₁₀ × 10⁻⁶', 11)).toBeGreaterThan(40);
  });
});
