// Renders a report's charts on a pool of worker threads, one chart per task: Vega lays out and resvg rasterises in
// parallel on every core, instead of Vega on the main thread one chart after another (a report's largest cost).
// The output does not depend on the number of threads: each chart is rendered alone, and SVG ids are renumbered
// per chart.

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ReportChart } from '../charts/report-chart.ts';
import { ReportRenderError } from '../report-errors.ts';
import type { ChartRenderInit, ChartRenderTask, RenderedChartFiles } from './chart-render-protocol.ts';

// A CommonJS entry that imports the chart worker (from the sources its shim that registers the TypeScript loader, in
// the build the compiled worker), so that piscina's require() never loads an ES module and the threads inherit the
// process's Node options (see workers/pool/thread-pool.ts).
const WORKER_FILE = fileURLToPath(new URL('./chart-render-worker.cjs', import.meta.url));

/** Options of {@link renderCharts}. */
export interface RenderChartsOptions {
  readonly fontFiles: ChartRenderInit['fontFiles'];
  /** Subsets of the faces, drawn with when they cover a chart's every character (see ChartRenderInit); default none. */
  readonly subsetFontFiles?: ChartRenderInit['subsetFontFiles'];
  /** PNG pixels per SVG pixel. */
  readonly pngScale: number;
  /** Also rasterise every chart to PNG. */
  readonly png: boolean;
  /** Worker threads; default one per core, at most one per chart. */
  readonly threads?: number;
}

/** A started pool of chart-rendering threads: they load Vega and resvg while the caller builds the chart specs. */
export interface ChartRenderer {
  /**
   * Renders every chart (SVG, and PNG when asked).
   * @returns one entry per chart, in the charts' order
   * @throws ReportRenderError naming the first chart (in order) that failed
   */
  render(charts: readonly ReportChart[]): Promise<RenderedChartFiles[]>;
  /**
   * Starts rendering every chart (SVG, and PNG when asked), largest spec first.
   * @returns one promise per chart, in the charts' order, each settled as soon as its chart is done; a rejection
   *   is a ReportRenderError naming the chart (never reported as unhandled)
   */
  renderEach(charts: readonly ReportChart[]): Array<Promise<RenderedChartFiles>>;
  close(): Promise<void>;
}

/**
 * Waits for every chart's promise.
 * @returns the rendered charts, in order
 * @throws the rejection of the first chart (in order) that failed
 */
export async function settleCharts(pending: ReadonlyArray<Promise<RenderedChartFiles>>): Promise<RenderedChartFiles[]> {
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<RenderedChartFiles>).value);
}

/** Starts the pool's threads now (one per core, or `options.threads`), so their start-up overlaps the caller's work. */
export async function startChartRenderer(options: RenderChartsOptions): Promise<ChartRenderer> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const { Piscina } = await import('piscina');
  const workerData: ChartRenderInit = {
    fontFiles: options.fontFiles,
    subsetFontFiles: options.subsetFontFiles ?? null,
    pngScale: options.pngScale,
  };
  const pool = new Piscina({ filename: WORKER_FILE, minThreads: threads, maxThreads: threads, workerData });
  const renderEach = (charts: readonly ReportChart[]) => {
    // Largest specs first, so that the last chart to start is a short one and no core idles at the end.
    const order = charts.map((chart, i) => ({ i, size: JSON.stringify(chart.spec).length }));
    order.sort((a, b) => b.size - a.size || a.i - b.i);
    const results: Array<Promise<RenderedChartFiles>> = [];
    for (const { i } of order) {
      const chart = charts[i];
      const task: ChartRenderTask = {
        name: chart.name,
        title: chart.title,
        description: chart.description,
        spec: chart.spec,
        png: options.png,
      };
      results[i] = (pool.run(task) as Promise<RenderedChartFiles>).catch((error: unknown) => {
        throw new ReportRenderError(chart.name, error);
      });
      // A caller that fails before it awaits every chart closes the pool, which rejects the charts left: handled here
      // so that they are not reported as unhandled rejections; awaiting a chart still sees its rejection.
      results[i].catch(() => undefined);
    }
    return results;
  };
  return {
    renderEach,
    render: (charts) => settleCharts(renderEach(charts)),
    close: () => pool.destroy(),
  };
}

/**
 * Renders every chart (SVG, and PNG when asked) on a short-lived pool of worker threads (at most one per chart).
 * @returns one entry per chart, in the charts' order
 * @throws ReportRenderError naming the first chart (in order) that failed
 */
export async function renderCharts(
  charts: readonly ReportChart[],
  options: RenderChartsOptions,
): Promise<RenderedChartFiles[]> {
  if (charts.length === 0) return [];
  const renderer = await startChartRenderer({
    ...options,
    threads: Math.min(options.threads ?? availableParallelism(), charts.length),
  });
  try {
    return await renderer.render(charts);
  } finally {
    await renderer.close();
  }
}
