// The chart-rendering pool's worker entry: renders one chart spec to its annotated SVG and, when asked, its PNG.
// Each worker loads the chart libraries, installs the shipped font's metrics and reads which characters the subset
// faces cover once, as it starts.

import { readFile } from 'node:fs/promises';
import { workerData } from 'node:worker_threads';
import { loadChartLibraries } from './chart-libraries.ts';
import type { ChartRenderInit, ChartRenderTask, RenderedChartFiles } from './chart-render-protocol.ts';
import { installFontMetrics, parseFontMetrics } from './font-metrics.ts';
import {
  annotateSvg,
  buildGlyphCoverage,
  isSvgCovered,
  normalizeSvgIds,
  renderChartSvg,
  renderSvgToPng,
  type GlyphCoverage,
} from './render-chart.ts';

const init = workerData as ChartRenderInit;
const WHOLE_FONT_FILES = [init.fontFiles.regular, init.fontFiles.bold];

/** The subset faces and the characters both have a glyph for; null when the pool was given none. */
let subset: { readonly files: readonly string[]; readonly coverage: GlyphCoverage } | null = null;

async function prepare(): Promise<void> {
  const subsetFiles = init.subsetFontFiles === null ? [] : [init.subsetFontFiles.regular, init.subsetFontFiles.bold];
  const [[regular, bold, ...subsetFaces]] = await Promise.all([
    Promise.all([init.fontFiles.regular, init.fontFiles.bold, ...subsetFiles].map((file) => readFile(file))),
    loadChartLibraries(),
  ]);
  await installFontMetrics({ regular: parseFontMetrics(regular), bold: parseFontMetrics(bold) });
  if (subsetFaces.length > 0) {
    subset = { files: subsetFiles, coverage: buildGlyphCoverage(subsetFaces.map((bytes) => parseFontMetrics(bytes))) };
  }
}

// Started as the thread starts, not on its first chart: the libraries load while the caller still builds the chart
// specs. Every task awaits it (and so sees its failure); the catch only keeps a failure before the first task from
// being reported as an unhandled rejection.
const preparing = prepare();
preparing.catch(() => undefined);

/**
 * The faces resvg draws a chart with: the subsets when they have a glyph for every character of its SVG (the same
 * PNG, three times faster: resvg-js re-reads a font file for every glyph), else the whole faces.
 */
function pngFontFiles(svg: string): readonly string[] {
  return subset !== null && isSvgCovered(svg, subset.coverage) ? subset.files : WHOLE_FONT_FILES;
}

/** Piscina calls the default export once per chart. */
export default async function renderChartTask(task: ChartRenderTask): Promise<RenderedChartFiles> {
  await preparing;
  const { svg: raw, warnings } = await renderChartSvg(task.spec);
  const svg = annotateSvg(normalizeSvgIds(raw, task.name), task.title, task.description);
  const png = task.png ? renderSvgToPng(svg, { fontFiles: pngFontFiles(svg), scale: init.pngScale }).png : null;
  return { svg, warnings, png };
}
