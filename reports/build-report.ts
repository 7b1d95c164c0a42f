// buildReport: the last pipeline stage. Reads only the result document (and an optional baseline), renders
// everything in memory, then writes the files atomically, so a failure never leaves a half-updated report.
//
//   resolveReportOptions
//     ──> buildTables, buildCharts (marking in every chart)  (pure)
//     ──> buildReportOutline: brief, main report, appendix    (pure)
//     ──> renderCharts: headless Vega to SVG, resvg to PNG  (one chart per task on a pool of worker threads,
//                                                            with the shipped font)
//     ──> buildReportMarkdown, buildReportHtml, formatCsv    (pure; marking on every page, file and CSV)
//     ──> writeFileAtomic for every file

import { resolve } from 'node:path';
import { ENGINE_VERSION, type ResultDocument } from '../engine/index.ts';
import { buildCharts } from './charts/build-charts.ts';
import { buildReportHtml, type RenderedReportChart } from './html/report-html.ts';
import { loadReportAssets, type ReportAssets } from './internal/report-assets.ts';
import { writeFileAtomic } from './internal/write-atomic.ts';
import { buildReportMarkdown } from './markdown/report-markdown.ts';
import { buildReportOutline } from './outline/build-outline.ts';
import { resolveReportOptions, type ReportOptions, type ResolvedReportOptions } from './report-options.ts';
import { measureTextWidth, parseFontMetrics } from './render/font-metrics.ts';
import { startChartRenderer, type ChartRenderer } from './render/render-charts.ts';
import { buildTables } from './tables/build-tables.ts';
import { formatCsv } from './tables/report-table.ts';

/** What {@link buildReport} wrote. */
export interface ReportResult {
  /** Absolute paths of every file written, in writing order (charts, tables, report.md, report.html). */
  readonly files: string[];
  /** Non-fatal issues (e.g. Vega warnings), each also passed to `options.onWarning`. */
  readonly warnings: string[];
}

/** Pixel density of PNG charts: 2 px per SVG px, sharp when printed. */
const PNG_SCALE = 2;

/**
 * Writes the report of a result document into `options.outDir`:
 * `charts/<name>.vl.json` (Vega-Lite v6, data inlined), `charts/<name>.svg`, `charts/<name>.png` (unless
 * `png: false`), `tables/<name>.csv`, `report.md` and `report.html` (self-contained).
 * @param doc the result document; nothing else about the run is read
 * @throws ReportOptionsError for invalid options, ReportRenderError when a chart fails to render
 */
export async function buildReport(doc: ResultDocument, options: ReportOptions): Promise<ReportResult> {
  const resolved = resolveReportOptions(doc, options);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    resolved.onWarning(message);
  };
  const assets = await loadReportAssets();
  // The chart threads start now: they load Vega and resvg while this thread builds the tables and chart specs.
  const renderer = await startChartRenderer({ fontFiles: assets.fontFiles, pngScale: PNG_SCALE, png: resolved.png });
  try {
    return await writeReport(doc, resolved, assets, renderer, warn, warnings);
  } finally {
    await renderer.close();
  }
}

async function writeReport(
  doc: ResultDocument,
  resolved: ResolvedReportOptions,
  assets: ReportAssets,
  renderer: ChartRenderer,
  warn: (message: string) => void,
  warnings: string[],
): Promise<ReportResult> {
  const metrics = {
    regular: parseFontMetrics(assets.fontBytes.regular),
    bold: parseFontMetrics(assets.fontBytes.bold),
  };

  const tables = buildTables(doc, resolved.baseline);
  const charts = buildCharts(doc, assets.outline, {
    marking: resolved.marking,
    measureText: (text, fontSize, bold) => measureTextWidth(bold ? metrics.bold : metrics.regular, text, fontSize),
  });
  const outline = buildReportOutline({ doc, baseline: resolved.baseline, charts, tables });

  const files = await renderer.render(charts);
  const outputs: Array<{ path: string; content: string | Uint8Array }> = [];
  const rendered: RenderedReportChart[] = [];
  for (const [i, chart] of charts.entries()) {
    const { svg, png, warnings: chartWarnings } = files[i];
    for (const message of chartWarnings) warn(`chart ${chart.name}: ${message}`);
    rendered.push({ chart, svg });
    outputs.push({ path: `charts/${chart.name}.vl.json`, content: `${JSON.stringify(chart.spec, null, 2)}\n` });
    outputs.push({ path: `charts/${chart.name}.svg`, content: svg });
    if (png !== null) outputs.push({ path: `charts/${chart.name}.png`, content: png });
  }
  for (const table of tables)
    outputs.push({ path: `tables/${table.name}.csv`, content: formatCsv(table, resolved.marking) });
  outputs.push({
    path: 'report.md',
    content: buildReportMarkdown({ outline, marking: resolved.marking, png: resolved.png }),
  });
  outputs.push({
    path: 'report.html',
    content: buildReportHtml({
      outline,
      charts: rendered,
      marking: resolved.marking,
      illustrative: doc.model.illustrative,
      png: resolved.png,
      scripts: assets.scripts,
      generator: `neverout ${ENGINE_VERSION}`,
    }),
  });

  // Every chart is rendered before anything is written, so a failure leaves the previous report untouched.
  const written: string[] = [];
  for (const output of outputs) {
    const path = resolve(resolved.outDir, output.path);
    await writeFileAtomic(path, output.content);
    written.push(path);
  }
  return { files: written, warnings };
}
