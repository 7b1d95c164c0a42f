// The chart libraries (vega, vega-lite, resvg), loaded on first use: together they take about 0.3 s to import, and
// only a command that renders charts should pay for them (`neverout validate` and `--help` do not).

import type * as ResvgModule from '@resvg/resvg-js';
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';

/** The loaded chart libraries. */
export interface ChartLibraries {
  readonly vega: typeof VegaModule;
  readonly vegaLite: typeof VegaLiteModule;
  readonly resvg: typeof ResvgModule;
}

let loading: Promise<ChartLibraries> | null = null;
let loaded: ChartLibraries | null = null;

/** Loads the chart libraries once; later calls return the same modules. */
export function loadChartLibraries(): Promise<ChartLibraries> {
  loading ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]).then(
    ([vega, vegaLite, resvg]) => {
      loaded = { vega, vegaLite, resvg };
      return loaded;
    },
  );
  return loading;
}

/**
 * The chart libraries for synchronous code that runs after a chart was rendered (rasterising an SVG).
 * @throws Error when loadChartLibraries() has not completed (a bug in the caller)
 */
export function chartLibraries(): ChartLibraries {
  if (loaded === null) throw new Error('loadChartLibraries() must complete before charts are rasterised');
  return loaded;
}
