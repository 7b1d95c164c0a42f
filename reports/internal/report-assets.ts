// Locates and loads what reports ship or inline: the Netherlands outline, the TTF fonts for PNG rendering and text
// measurement, and the browser builds of vega, vega-lite and vega-embed (resolved from node_modules at run time).

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import type { VendorScripts } from '../html/report-html.ts';

/** Files and sources a report needs besides the result document. */
export interface ReportAssets {
  readonly outline: FeatureCollection;
  /** The bytes of REPORT_FONT_FILES (the chart threads open the files by path). */
  readonly fontBytes: { readonly regular: Uint8Array; readonly bold: Uint8Array };
  readonly scripts: VendorScripts;
}

const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

/** Absolute path of a shipped asset, e.g. `fonts/DejaVuSans.ttf`. */
export function assetPath(relative: string): string {
  return join(ASSETS_DIR, relative);
}

/** The regular and bold font files: Vega measures text with their advance widths, resvg draws with them. */
export const REPORT_FONT_FILES = {
  regular: assetPath('fonts/DejaVuSans.ttf'),
  bold: assetPath('fonts/DejaVuSans-Bold.ttf'),
} as const;

/**
 * The regular and bold faces cut down to the characters charts use (reports/assets/subset-fonts.sh): the same glyphs,
 * advance widths, kerning and substitutions for every character they cover, at an eighth of the size. resvg-js
 * re-reads a font file for every glyph it shapes or outlines, so a chart whose text they cover is rasterised with
 * them, three times faster, to the same PNG bytes; any other chart with the whole faces.
 */
export const REPORT_SUBSET_FONT_FILES = {
  regular: assetPath('fonts/subset/DejaVuSans.ttf'),
  bold: assetPath('fonts/subset/DejaVuSans-Bold.ttf'),
} as const;

/**
 * The minified browser build next to a package's main entry (vega, vega-lite and vega-embed keep both in build/;
 * their export maps do not expose the minified file itself).
 */
function resolveBrowserBuild(packageName: string, fileName: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(packageName)), fileName);
}

let cached: Promise<ReportAssets> | null = null;

async function readAssets(): Promise<ReportAssets> {
  const [outlineText, regular, bold, vega, vegaLite, vegaEmbed] = await Promise.all([
    readFile(assetPath('netherlands.geojson'), 'utf8'),
    readFile(REPORT_FONT_FILES.regular),
    readFile(REPORT_FONT_FILES.bold),
    readFile(resolveBrowserBuild('vega', 'vega.min.js'), 'utf8'),
    readFile(resolveBrowserBuild('vega-lite', 'vega-lite.min.js'), 'utf8'),
    readFile(resolveBrowserBuild('vega-embed', 'vega-embed.min.js'), 'utf8'),
  ]);
  return {
    outline: JSON.parse(outlineText) as FeatureCollection,
    fontBytes: { regular, bold },
    scripts: { vega, vegaLite, vegaEmbed },
  };
}

/** Loads the assets once per process. */
export function loadReportAssets(): Promise<ReportAssets> {
  cached ??= readAssets().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
