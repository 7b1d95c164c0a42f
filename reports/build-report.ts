// buildReport: the last pipeline stage. Reads only the result document (and an optional baseline), renders
// everything in memory, then writes the files atomically, so a failure never leaves a half-updated report.
//
//   resolveReportOptions
//     ──> buildTables, buildCharts (marking in every chart)  (pure)
//     ──> buildReportOutline: brief, main report, appendix    (pure)
//     ──> renderChartSvg ──> renderSvgToPngAsync             (headless Vega on the main thread; resvg with the
//                                                            shipped font on the thread pool, overlapping the next chart)
//     ──> buildReportMarkdown, buildReportHtml, formatCsv    (pure; marking on every page, file and CSV)
//     ──> writeFileAtomic for every file

import { resolve } from 'node:path';
import { ENGINE_VERSION, type ResultDocument } from '../engine/index.ts';
import { buildCharts } from './charts/build-charts.ts';
import { buildReportHtml, type RenderedReportChart } from './html/report-html.ts';
import { loadReportAssets } from './internal/report-assets.ts';
import { writeFileAtomic } from './internal/write-atomic.ts';
import { buildReportMarkdown } from './markdown/report-markdown.ts';
import { buildReportOutline } from './outline/build-outline.ts';
import { ReportRenderError } from './report-errors.ts';
import { resolveReportOptions, type ReportOptions } from './report-options.ts';
import { installFontMetrics, measureTextWidth, parseFontMetrics } from './render/font-metrics.ts';
import { loadChartLibraries } from './render/chart-libraries.ts';
import { annotateSvg, normalizeSvgIds, renderChartSvg, renderSvgToPngAsync } from './render/render-chart.ts';
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

let fontMetricsInstalled = false;

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
  // The chart libraries take the longest to load: start them while the assets are read.
  const [assets] = await Promise.all([loadReportAssets(), loadChartLibraries()]);
  const metrics = {
    regular: parseFontMetrics(assets.fontBytes.regular),
    bold: parseFontMetrics(assets.fontBytes.bold),
  };
  if (!fontMetricsInstalled) {
    await installFontMetrics(metrics);
    fontMetricsInstalled = true;
  }

  const tables = buildTables(doc, resolved.baseline);
  const charts = buildCharts(doc, assets.outline, {
    marking: resolved.marking,
    measureText: (text, fontSize, bold) => measureTextWidth(bold ? metrics.bold : metrics.regular, text, fontSize),
  });
  const outline = buildReportOutline({ doc, baseline: resolved.baseline, charts, tables });

  const outputs: Array<{ path: string; content: string | Uint8Array | Promise<Uint8Array> }> = [];
  const rendered: RenderedReportChart[] = [];
  const fontFiles = [assets.fontFiles.regular, assets.fontFiles.bold];
  for (const chart of charts) {
    let svg: string;
    try {
      const result = await renderChartSvg(chart.spec);
      for (const message of result.warnings) warn(`chart ${chart.name}: ${message}`);
      svg = annotateSvg(normalizeSvgIds(result.svg, chart.name), chart.title, chart.description);
    } catch (error) {
      throw new ReportRenderError(chart.name, error);
    }
    rendered.push({ chart, svg });
    outputs.push({ path: `charts/${chart.name}.vl.json`, content: `${JSON.stringify(chart.spec, null, 2)}\n` });
    outputs.push({ path: `charts/${chart.name}.svg`, content: svg });
    if (resolved.png) {
      // Not awaited here: the PNG rasterises on the thread pool while Vega lays out the next chart.
      const png = renderSvgToPngAsync(svg, { fontFiles, scale: PNG_SCALE }).then(
        (image) => image.png,
        (error: unknown) => {
          throw new ReportRenderError(chart.name, error);
        },
      );
      // Handled when awaited below; this keeps an early failure from being reported as unhandled meanwhile.
      png.catch(() => undefined);
      outputs.push({ path: `charts/${chart.name}.png`, content: png });
    }
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

  // Every PNG is rendered before anything is written, so a failure leaves the previous report untouched.
  const contents = await Promise.all(outputs.map(async (o) => o.content));
  const files: string[] = [];
  for (const [i, output] of outputs.entries()) {
    const path = resolve(resolved.outDir, output.path);
    await writeFileAtomic(path, contents[i] ?? '');
    files.push(path);
  }
  return { files, warnings };
}
