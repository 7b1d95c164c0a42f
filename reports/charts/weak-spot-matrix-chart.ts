// Chart: "Which weak spot costs which service how much?" A service × weak-spot grid for normal operation, each cell
// the minutes per year of the service's downtime in which the weak spot's failure was critical (what making it
// fail-proof would avoid), the weak spots in the brief's order. It shows at a glance whether a weak spot is one
// service's problem or everyone's.

import type { ResultDocument } from '../../engine/index.ts';
import { ELEMENT_KIND_NAMES, createElementLabeler } from '../internal/element-labels.ts';
import { formatDowntimeInterval, formatMinutes } from '../internal/format.ts';
import { findPrimaryScenario } from '../internal/scenario-reading.ts';
import { rankWeakSpots } from '../internal/weak-spots.ts';
import {
  AXIS_LABEL_WRAP,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  bandHeightFor,
  buildKeyPanel,
  tooltipField,
  serviceGridAxis,
  type ReportChart,
} from './report-chart.ts';

/** Weak spots drawn as columns, most downtime first. */
export const MATRIX_WEAK_SPOTS = 8;
/** Width in px of a column and least height of a row. */
const CELL_WIDTH = 62;
const CELL_HEIGHT = 22;
/** Cells below this many minutes a year say "<0.1 min" rather than a figure nobody can act on. */
const SMALLEST_SHOWN_MINUTES = 0.1;

/** A cell's text: blank for none, "<0.1 min" for a trace, else minutes or hours. */
function cellText(minutes: number): string {
  if (minutes <= 0) return '';
  return minutes < SMALLEST_SHOWN_MINUTES ? '<0.1 min' : formatMinutes(minutes);
}

/** Builds the weak-spot matrix; null without importance measures in a normal-operation scenario. */
export function buildWeakSpotMatrixChart(doc: ResultDocument): ReportChart | null {
  const primary = findPrimaryScenario(doc);
  const spots = rankWeakSpots(doc, MATRIX_WEAK_SPOTS).filter((s) => s.effects.length > 0);
  if (primary === null || spots.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const serviceNames = primary.services.map((e) => labeler.serviceName(e.serviceId));
  // Columns carry the brief's ranks; the key under the grid names them in full.
  const columns = spots.map((_, i) => String(i + 1));
  const cells = spots.flatMap((spot, i) =>
    primary.services.map((estimate) => {
      const effect = spot.effects.find((e) => e.serviceId === estimate.serviceId);
      const minutes = effect?.minutesPerYear.estimate ?? 0;
      return {
        service: labeler.serviceName(estimate.serviceId),
        spot: columns[i] ?? spot.elementId,
        name: labeler.labelOf(spot.elementId).label,
        // Log scale for the colour; blank cells are drawn apart.
        level: minutes > 0 ? Math.log10(Math.max(minutes, SMALLEST_SHOWN_MINUTES)) : null,
        label: cellText(minutes),
        downtimeText:
          effect === undefined ? 'not among its critical elements' : formatDowntimeInterval(effect.minutesPerYear),
        singleText: spot.singlePointFor.includes(estimate.serviceId) ? 'yes' : 'no',
      };
    }),
  );
  const maxLevel = Math.max(1, ...cells.map((c) => c.level ?? -1));
  // Reversed viridis runs light (little) to dark (much): labels turn white on the darker half.
  const darkFrom = -1 + (maxLevel + 1) * 0.55;
  const rowHeight = bandHeightFor(serviceNames, AXIS_LABEL_WRAP, CELL_HEIGHT);
  const title = 'Which weak spot costs which service how much';
  const [top] = spots;
  const description =
    `Grid of ${serviceNames.length} services by the ${spots.length} weak spots that cause the most downtime in normal ` +
    `operation; each cell gives the minutes per year of the service's downtime in which the weak spot's failure was ` +
    `critical, the downtime that making it fail-proof would avoid.` +
    (top === undefined
      ? ''
      : ` The largest, ${labeler.labelOf(top.elementId).label}, affects ${top.effects.length} of ${serviceNames.length} services.`);
  return {
    name: 'weak-spot-matrix',
    title,
    description,
    caption:
      'Downtime per year each weak spot causes each service in normal operation (what making it fail-proof would ' +
      'avoid); columns in the order of the brief’s ranking.',
    section: 'weak-spots',
    tableNames: ['weak-spots', 'importance'],
    notes: [],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: [
          'Minutes a year of each service’s downtime in which the weak spot’s failure was critical (normal operation).',
          'Darker: more downtime. Blank: not among the service’s critical elements.',
        ],
      },
      config: REPORT_CHART_CONFIG,
      spacing: 12,
      vconcat: [
        {
          data: { values: cells },
          width: CELL_WIDTH * columns.length,
          height: rowHeight * serviceNames.length,
          encoding: {
            x: {
              field: 'spot',
              type: 'nominal',
              scale: { domain: columns },
              title: 'Weak spot (rank, as in the brief)',
              axis: { orient: 'top', labelAngle: 0, domain: false, ticks: false },
            },
            y: serviceGridAxis(serviceNames),
          },
          layer: [
            {
              mark: { type: 'rect', stroke: 'white', strokeWidth: 1.5 },
              encoding: {
                color: {
                  condition: { test: 'datum.level === null', value: '#f4f4f4' },
                  field: 'level',
                  type: 'quantitative',
                  title: 'Minutes a year',
                  scale: { scheme: 'viridis', reverse: true, domain: [-1, maxLevel], clamp: true },
                  legend: {
                    orient: 'right',
                    direction: 'vertical',
                    gradientLength: Math.min(140, rowHeight * serviceNames.length),
                    labelExpr: "format(pow(10, datum.value), '~r') + ' min'",
                    values: [-1, ...Array.from({ length: Math.floor(maxLevel) + 1 }, (_, i) => i)],
                  },
                },
                tooltip: [
                  tooltipField('service', 'Service'),
                  tooltipField('name', 'Weak spot'),
                  tooltipField('downtimeText', 'Downtime it causes a year'),
                  tooltipField('singleText', 'Single point of failure for it'),
                ],
              },
            },
            {
              mark: { type: 'text', fontSize: 9.5 },
              encoding: {
                text: { field: 'label', type: 'nominal' },
                color: {
                  condition: { test: `datum.level !== null && datum.level > ${darkFrom}`, value: 'white' },
                  value: 'black',
                },
              },
            },
          ],
        },
        buildKeyPanel(
          spots.map(
            (spot, i) =>
              `${i + 1}  ${labeler.labelOf(spot.elementId).label} (${ELEMENT_KIND_NAMES[labeler.labelOf(spot.elementId).kind]})`,
          ),
          CELL_WIDTH * columns.length,
        ),
      ],
    } as ReportChart['spec'],
  };
}
