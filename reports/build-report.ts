// buildReport: the last pipeline stage. Reads only the result document (and an optional baseline), renders the
// charts on a pool of worker threads while this thread builds and writes everything else, and renames every file into
// place only once all is rendered and written, so a failure never leaves a half-updated report.
//
//   resolveReportOptions, startChartRenderer                 (the chart threads load Vega and resvg meanwhile)
//     ──> buildTables, buildCharts (marking in every chart)  (pure)
//     ──> renderEach: headless Vega to SVG, resvg to PNG     (one chart per task on the pool, with the shipped font)
//     ──> buildReportOutline, buildReportMarkdown, formatCsv (pure; marking on every page, file and CSV)
//     ──> createStagedFiles: each file under a temporary name as soon as it is ready (SVG and PNG as their chart
//         finishes)
//     ──> buildReportHtml once every chart is rendered (the SVGs are inlined)
//     ──> commit: every file renamed into place

import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINE_VERSION, type ResultDocument } from '../engine/index.ts';
import { buildCharts } from './charts/build-charts.ts';
import { buildReportHtml, type RenderedReportChart } from './html/report-html.ts';
import {
  loadReportAssets,
  REPORT_FONT_FILES,
  REPORT_SUBSET_FONT_FILES,
  type ReportAssets,
} from './internal/report-assets.ts';
import { createStagedFiles } from './internal/staged-files.ts';
import { OutputPathError } from './internal/write-atomic.ts';
import { buildReportMarkdown } from './markdown/report-markdown.ts';
import { buildReportOutline } from './outline/build-outline.ts';
import { resolveReportOptions, type ReportOptions, type ResolvedReportOptions } from './report-options.ts';
import { measureTextWidth, parseFontMetrics } from './render/font-metrics.ts';
import type { RenderedChartFiles } from './render/chart-render-protocol.ts';
import { settleCharts, startChartRenderer, type ChartRenderer } from './render/render-charts.ts';
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

/** The report's folders inside its output folder. */
const CHARTS_FOLDER = 'charts';
const TABLES_FOLDER = 'tables';
/** The report's pages inside its output folder. */
const REPORT_PAGES = ['report.md', 'report.html'] as const;

/**
 * Checks that nothing in `outDir` is in the way of the report (a file where its charts or tables folder goes, a folder
 * where a page goes), before any work: a run must not sample, write result.json and only then fail on its report.
 * @throws OutputPathError naming the path
 */
export async function checkReportFolder(outDir: string): Promise<void> {
  const kindOf = async (name: string) => {
    const info = await stat(join(outDir, name)).catch(() => null);
    return info === null ? null : info.isDirectory() ? 'folder' : 'file';
  };
  for (const folder of [CHARTS_FOLDER, TABLES_FOLDER]) {
    if ((await kindOf(folder)) === 'file') {
      throw new OutputPathError(`cannot write the report into ${join(outDir, folder)}: a file is in the way of its folder`);
    }
  }
  for (const page of REPORT_PAGES) {
    if ((await kindOf(page)) === 'folder') {
      throw new OutputPathError(`cannot write the report's ${join(outDir, page)}: a folder is in the way`);
    }
  }
}

/**
 * Writes the report of a result document into `options.outDir`:
 * `charts/<name>.vl.json` (Vega-Lite v6, data inlined), `charts/<name>.svg`, `charts/<name>.png` (unless
 * `png: false`), `tables/<name>.csv`, `report.md` and `report.html` (self-contained).
 * @param doc the result document; nothing else about the run is read
 * @throws ReportOptionsError for invalid options, ReportRenderError when a chart fails to render
 */
export async function buildReport(doc: ResultDocument, options: ReportOptions): Promise<ReportResult> {
  const resolved = resolveReportOptions(doc, options);
  await checkReportFolder(resolved.outDir);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    resolved.onWarning(message);
  };
  // The chart threads start first: they load Vega and resvg while this thread reads the assets and builds the
  // tables and chart specs.
  const renderer = await startChartRenderer({
    fontFiles: REPORT_FONT_FILES,
    subsetFontFiles: REPORT_SUBSET_FONT_FILES,
    pngScale: PNG_SCALE,
    png: resolved.png,
  });
  try {
    const assets = await loadReportAssets();
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
  const pending = renderer.renderEach(charts);
  const outline = buildReportOutline({ doc, baseline: resolved.baseline, charts, tables });

  // Every file is written under a temporary name as soon as it is ready, while the charts still render; all are
  // renamed into place once every chart has rendered, so a failure leaves the previous report untouched.
  const staged = createStagedFiles(resolved.outDir);
  try {
    for (const [i, chart] of charts.entries()) {
      staged.add(`${CHARTS_FOLDER}/${chart.name}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
      staged.add(
        `${CHARTS_FOLDER}/${chart.name}.svg`,
        pending[i].then((files) => files.svg),
      );
      if (resolved.png) staged.add(`${CHARTS_FOLDER}/${chart.name}.png`, pending[i].then(pngOf));
    }
    for (const table of tables) staged.add(`${TABLES_FOLDER}/${table.name}.csv`, formatCsv(table, resolved.marking));
    staged.add(REPORT_PAGES[0], buildReportMarkdown({ outline, marking: resolved.marking, png: resolved.png }));

    const files = await settleCharts(pending);
    const rendered: RenderedReportChart[] = [];
    for (const [i, chart] of charts.entries()) {
      for (const message of files[i].warnings) warn(`chart ${chart.name}: ${message}`);
      rendered.push({ chart, svg: files[i].svg });
    }
    staged.add(
      REPORT_PAGES[1],
      buildReportHtml({
        outline,
        charts: rendered,
        marking: resolved.marking,
        illustrative: doc.model.illustrative,
        png: resolved.png,
        scripts: assets.scripts,
        generator: `neverout ${ENGINE_VERSION}`,
      }),
    );
  } catch (error) {
    await staged.discard();
    throw error;
  }
  return { files: await staged.commit(), warnings };
}

function pngOf(files: RenderedChartFiles): Uint8Array {
  // The pool rasterises every chart when the report asks for PNGs.
  assert(files.png !== null, 'a chart rendered without the PNG it was asked for');
  return files.png;
}
