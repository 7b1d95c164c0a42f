// The chart-rendering pool's worker entry: renders one chart spec to its annotated SVG and, when asked, its PNG.
// Each worker loads the chart libraries and installs the shipped font's metrics once, before its first chart.

import { readFile } from 'node:fs/promises';
import { workerData } from 'node:worker_threads';
import { loadChartLibraries } from './chart-libraries.ts';
import type { ChartRenderInit, ChartRenderTask, RenderedChartFiles } from './chart-render-protocol.ts';
import { installFontMetrics, parseFontMetrics } from './font-metrics.ts';
import { annotateSvg, normalizeSvgIds, renderChartSvg, renderSvgToPng } from './render-chart.ts';

const init = workerData as ChartRenderInit;

let preparing: Promise<void> | null = null;

async function prepare(): Promise<void> {
  const [regular, bold] = await Promise.all([
    readFile(init.fontFiles.regular),
    readFile(init.fontFiles.bold),
    loadChartLibraries(),
  ]);
  await installFontMetrics({ regular: parseFontMetrics(regular), bold: parseFontMetrics(bold) });
}

/** Piscina calls the default export once per chart. */
export default async function renderChartTask(task: ChartRenderTask): Promise<RenderedChartFiles> {
  preparing ??= prepare();
  await preparing;
  const { svg: raw, warnings } = await renderChartSvg(task.spec);
  const svg = annotateSvg(normalizeSvgIds(raw, task.name), task.title, task.description);
  const png = task.png
    ? renderSvgToPng(svg, { fontFiles: [init.fontFiles.regular, init.fontFiles.bold], scale: init.pngScale }).png
    : null;
  return { svg, warnings, png };
}
