// The chart libraries (vega, vega-lite, resvg), loaded on first use: only a command that renders charts should pay
// for them (`neverout validate` and `--help` do not). Vega and Vega-Lite come from the single-file builds they ship
// (the ones the HTML report inlines): Node loads each in one file instead of resolving and compiling some 150 ESM
// modules, 0.1 s instead of 0.3 s, which every chart-rendering worker pays once.

import type * as ResvgModule from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/**
 * Loads a library's UMD build shipped next to its main entry (the export maps do not expose the file itself), by
 * file URL. As an ES module it has no `exports`, so the UMD wrapper puts the library on `globalThis[globalName]`.
 */
async function importUmdBuild(packageName: string, fileName: string, globalName: string): Promise<unknown> {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve(packageName)), fileName);
  await import(pathToFileURL(file).href);
  const library = (globalThis as Record<string, unknown>)[globalName];
  if (library === undefined) throw new Error(`${file} did not define globalThis.${globalName}`);
  return library;
}

async function importLibraries(): Promise<ChartLibraries> {
  // Vega-Lite's UMD build takes Vega from globalThis.vega, so Vega loads first.
  const vega = (await importUmdBuild('vega', 'vega.js', 'vega')) as typeof VegaModule;
  const [vegaLite, resvg] = await Promise.all([
    importUmdBuild('vega-lite', 'vega-lite.min.js', 'vegaLite') as Promise<typeof VegaLiteModule>,
    import('@resvg/resvg-js'),
  ]);
  return { vega, vegaLite, resvg };
}

/** Loads the chart libraries once; later calls return the same modules. */
export function loadChartLibraries(): Promise<ChartLibraries> {
  loading ??= importLibraries().then((libraries) => {
    loaded = libraries;
    return loaded;
  });
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
