// The marking line (e.g. a classification) inside every chart spec, above and below the chart, so the SVG, the PNG,
// the interactive chart and a re-rendered .vl.json all carry it when a chart is pasted into another document.

import type { ChartSpec, MeasureText } from './report-chart.ts';

/** Font size in px of the marking line in a chart. */
const MARKING_FONT_SIZE = 11;
/** Height in px of the band holding the marking line. */
const MARKING_BAND_HEIGHT = 15;
/** Every channel that can have a legend (Vega-Lite's resolve.legend keys). */
const LEGEND_CHANNELS = [
  'color',
  'fill',
  'stroke',
  'shape',
  'size',
  'opacity',
  'fillOpacity',
  'strokeOpacity',
  'strokeWidth',
  'strokeDash',
  'angle',
] as const;

/**
 * Wraps a spec in a vertical concatenation with the marking centred in a band above and below it; the spec's
 * `$schema`, `config` and `description` move to the wrapper and `usermeta.marking` names the marking.
 * @param marking the marking line, or null to return the spec unchanged
 */
export function withMarking(spec: ChartSpec, marking: string | null, measureText: MeasureText): ChartSpec {
  if (marking === null) return spec;
  const { $schema, config, description, ...inner } = spec as unknown as Record<string, unknown>;
  const width = Math.ceil(measureText(marking, MARKING_FONT_SIZE, true)) + 4;
  const band = {
    width,
    height: MARKING_BAND_HEIGHT,
    view: { stroke: null },
    data: { values: [{}] },
    mark: {
      type: 'text',
      text: marking,
      fontSize: MARKING_FONT_SIZE,
      fontWeight: 'bold',
      color: '#111111',
      align: 'center',
      baseline: 'middle',
    },
    encoding: { x: { value: width / 2 }, y: { value: MARKING_BAND_HEIGHT / 2 } },
  };
  return {
    $schema,
    description,
    config,
    usermeta: { marking },
    center: true,
    spacing: 6,
    vconcat: [band, inner, band],
    // Legends stay with the chart they explain, inside the marking bands, as without the wrapper.
    resolve: { legend: Object.fromEntries(LEGEND_CHANNELS.map((c) => [c, 'independent'])) },
  } as unknown as ChartSpec;
}
