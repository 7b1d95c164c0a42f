// Renders a chart spec headlessly: Vega-Lite compile, then a Vega View with `renderer: 'none'` and toSVG() (no
// canvas needed), then resvg for PNG with the shipped font so text never silently vanishes. No file I/O here.

import type { Resvg, ResvgRenderOptions } from '@resvg/resvg-js';
import type { View } from 'vega';
import type { ChartSpec } from '../charts/report-chart.ts';
import { REPORT_FONT_FAMILY } from '../charts/report-chart.ts';
import { chartLibraries, loadChartLibraries } from './chart-libraries.ts';
import type { FontMetrics } from './font-metrics.ts';

type VegaLogger = NonNullable<NonNullable<ConstructorParameters<typeof View>[1]>['logger']>;

/** An SVG rendering and every warning Vega-Lite or Vega logged while producing it. */
export interface RenderedSvg {
  readonly svg: string;
  readonly warnings: readonly string[];
}

/** Options of {@link renderSvgToPng}. */
export interface PngRenderOptions {
  /** TTF/OTF files to load; system fonts are never loaded, so output is the same on every machine. */
  readonly fontFiles: readonly string[];
  /** Pixel density: 2 renders every SVG pixel as 2×2 PNG pixels (crisp in print). In (0, 8]. */
  readonly scale?: number;
  /** Family used for text whose families are all missing; default the shipped DejaVu Sans. */
  readonly defaultFontFamily?: string;
}

/** A PNG and its decoded size. */
export interface RenderedPng {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** A vega logger that records warnings and errors instead of printing them (vega-lite's `log.wrap` idea). */
function createCapturingLogger(messages: string[], warnLevel: number): VegaLogger {
  let level = warnLevel;
  const logger: VegaLogger = {
    level(newLevel?: number) {
      if (newLevel === undefined) return level;
      level = newLevel;
      return logger;
    },
    error(...args: unknown[]) {
      messages.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: unknown[]) {
      messages.push(`warning: ${args.map(String).join(' ')}`);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/**
 * Compiles a Vega-Lite spec and renders it to an SVG string, headless.
 * @param spec a Vega-Lite v6 spec with inlined data
 * @returns the SVG and the warnings logged (empty for a clean chart)
 */
export async function renderChartSvg(spec: ChartSpec): Promise<RenderedSvg> {
  const { vega, vegaLite } = await loadChartLibraries();
  const warnings: string[] = [];
  const logger = createCapturingLogger(warnings, vega.Warn);
  const vegaSpec = vegaLite.compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logger, logLevel: vega.Warn });
  try {
    await view.runAsync();
    const svg = await view.toSVG();
    // Vega only logs errors inside concatenated and faceted views and draws the rest: a chart with a missing part
    // must not reach a report as if it were whole.
    const error = warnings.find((w) => w.startsWith('error: '));
    if (error !== undefined) throw new Error(error.slice('error: '.length));
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG with resvg, loading only the given font files (after a chart was rendered, which loads resvg).
 * @returns the PNG bytes and the image size in pixels
 */
export function renderSvgToPng(svg: string, options: PngRenderOptions): RenderedPng {
  const resvg = createResvg(svg, options);
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/**
 * Rasterises an SVG to raw pixels (RGBA, 4 bytes a pixel, row-major), for tests that look for rendered text.
 * @returns pixels of length width × height × 4
 */
export function renderSvgToPixels(
  svg: string,
  options: PngRenderOptions,
): { pixels: Buffer; width: number; height: number } {
  const image = createResvg(svg, options).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

function resvgOptions(options: PngRenderOptions): ResvgRenderOptions {
  return {
    background: 'white',
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: {
      fontFiles: [...options.fontFiles],
      loadSystemFonts: false,
      defaultFontFamily: options.defaultFontFamily ?? REPORT_FONT_FAMILY,
      sansSerifFamily: options.defaultFontFamily ?? REPORT_FONT_FAMILY,
    },
  };
}

function createResvg(svg: string, options: PngRenderOptions): Resvg {
  return new (chartLibraries().resvg.Resvg)(svg, resvgOptions(options));
}

/** Whether a code point has a glyph in every face of a set of fonts. */
export type GlyphCoverage = (codePoint: number) => boolean;

/**
 * The BMP code points every given face has a glyph for (a lookup table, one byte a code point, so that checking a
 * chart's few hundred kB of SVG takes about a millisecond).
 */
export function buildGlyphCoverage(faces: readonly FontMetrics[]): GlyphCoverage {
  const covered = new Uint8Array(0x10000);
  for (let codePoint = 0; codePoint < 0x10000; codePoint++) {
    if (faces.every((face) => face.hasGlyph(codePoint))) covered[codePoint] = 1;
  }
  return (codePoint) => codePoint < 0x10000 && covered[codePoint] === 1;
}

/** Numeric character references (`&#955;`, `&#x3bb;`), which stand for characters outside the markup's own. */
const NUMERIC_CHARACTER_REFERENCE = /&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));/g;

/**
 * Whether every character of an SVG has a glyph in `coverage`: its text, and to keep the check simple its markup and
 * attributes too (control characters aside: tabs and line breaks are white space, never drawn). A set of faces that
 * covers an SVG draws it as any other set with the same glyphs for those characters does.
 */
export function isSvgCovered(svg: string, coverage: GlyphCoverage): boolean {
  for (const match of svg.matchAll(NUMERIC_CHARACTER_REFERENCE)) {
    const codePoint = match[1] === undefined ? Number(match[2]) : parseInt(match[1], 16);
    if (codePoint >= 0x20 && !coverage(codePoint)) return false;
  }
  for (let i = 0; i < svg.length; i++) {
    const unit = svg.charCodeAt(i);
    if (unit < 0x20) continue;
    // A surrogate is half of a character beyond the BMP, which a coverage never includes.
    if (!coverage(unit) || (unit >= 0xd800 && unit <= 0xdfff)) return false;
  }
  return true;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Adds `<title>` and `<desc>` to an SVG so the standalone file carries its title and text description (alt text). */
export function annotateSvg(svg: string, title: string, description: string): string {
  return svg.replace(/(<svg\b[^>]*>)/, `$1<title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>`);
}

/**
 * Renames every id in an SVG to `<prefix>-<n>` in order of appearance, with its url(#…) and href="#…" references.
 * Vega numbers gradients and clip paths with process-wide counters, so without this the same chart rendered twice
 * in one process would differ, and two charts on one page could clash.
 */
export function normalizeSvgIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = match[1] ?? '';
    if (!ids.has(id)) ids.set(id, `${prefix}-${ids.size}`);
  }
  if (ids.size === 0) return svg;
  const rename = (id: string) => ids.get(id) ?? id;
  // One pass over the SVG (charts are up to a few hundred kB) for the three places an id appears.
  return svg.replace(
    /\bid="([^"]+)"|url\(#([^)]+)\)|href="#([^"]+)"/g,
    (match, id?: string, url?: string, href?: string) => {
      if (id !== undefined) return `id="${rename(id)}"`;
      if (url !== undefined) return `url(#${rename(url)})`;
      if (href !== undefined) return `href="#${rename(href)}"`;
      return match;
    },
  );
}
