// What the chart-rendering pool sends its workers and gets back: plain, structured-clone-safe objects.

import type { ChartSpec } from '../charts/report-chart.ts';

/** Given to every worker once at start-up (piscina workerData). */
export interface ChartRenderInit {
  /** The shipped TTF files: Vega measures text with their metrics, resvg draws with them. */
  readonly fontFiles: { readonly regular: string; readonly bold: string };
  /**
   * Subsets of the same faces that resvg draws with instead when they have a glyph for every character of a chart
   * (REPORT_SUBSET_FONT_FILES); null: always the whole faces.
   */
  readonly subsetFontFiles: { readonly regular: string; readonly bold: string } | null;
  /** PNG pixels per SVG pixel. */
  readonly pngScale: number;
}

/** One chart to render. */
export interface ChartRenderTask {
  /** File name stem; also the prefix of the SVG's ids. */
  readonly name: string;
  readonly title: string;
  /** The chart's text description, written into the SVG as its `<desc>`. */
  readonly description: string;
  readonly spec: ChartSpec;
  /** Also rasterise to PNG. */
  readonly png: boolean;
}

/** A rendered chart: the annotated SVG, the PNG (null when not asked for) and every warning Vega logged. */
export interface RenderedChartFiles {
  readonly svg: string;
  readonly png: Uint8Array | null;
  readonly warnings: readonly string[];
}
