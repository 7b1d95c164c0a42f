// Chart: "Did the simulation run long enough?" Each estimate of unavailability with its 95% CI band against the
// number of samples merged (in batch order); a band that narrows and settles means the estimate is trustworthy.

import type { ResultDocument } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import { formatCount, formatPercent, formatProbabilityInterval } from '../internal/format.ts';
import {
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  categoryPalette,
  legendLayout,
  tooltipField,
  wrappedLabelExpr,
  type ReportChart,
} from './report-chart.ts';

/** Panels per row. */
const PANEL_COLUMNS = 3;
const PANEL_WIDTH = 165;
const PANEL_HEIGHT = 105;
/** Between service and scenario in a panel's name; the header shows them on separate lines. */
const PANEL_SEPARATOR = ' — ';
/** Sample counts as 500k, 1.5M (Vega's SI format would print 0M and 0.5M). */
const SAMPLES_LABEL_EXPR =
  "datum.value >= 1e6 ? format(datum.value / 1e6, '~g') + 'M' : datum.value >= 1e3 ? format(datum.value / 1e3, '~g') + 'k' : format(datum.value, '~g')";

/** Most panels drawn; beyond it only the first sampled scenario is shown (the CSV has every estimate). */
export const MAX_CONVERGENCE_PANELS = 12;

/** Builds the convergence chart; null when no estimate has convergence points (e.g. deterministic scenarios only). */
export function buildConvergenceChart(doc: ResultDocument): ReportChart | null {
  const labeler = createElementLabeler(doc);
  const { colours } = categoryPalette(doc.scenarios.length);
  const sampled = doc.scenarios.filter((s) => s.services.some((e) => e.convergence.length > 0));
  const panelCount = sampled.reduce((n, s) => n + s.services.filter((e) => e.convergence.length > 0).length, 0);
  const first = sampled[0];
  const shown = panelCount > MAX_CONVERGENCE_PANELS && first !== undefined ? [first] : sampled;
  const notes =
    shown.length < sampled.length && first !== undefined
      ? [
          `Only scenario ${first.name} is drawn (${panelCount} estimates would not fit); the table Convergence of the ` +
            'estimates (tables/convergence.csv) has every estimate.',
        ]
      : [];
  const panels: string[] = [];
  const points = shown.flatMap((scenario) =>
    scenario.services
      .filter((estimate) => estimate.convergence.length > 0)
      .flatMap((estimate) => {
        const panel = `${labeler.serviceName(estimate.serviceId)}${PANEL_SEPARATOR}${scenario.name}`;
        const panelIndex = panels.push(panel) - 1;
        return estimate.convergence.map((point) => ({
          panel,
          panelIndex,
          scenario: scenario.name,
          samples: point.samples,
          estimate: point.unavailability.estimate,
          lower: point.unavailability.lower,
          upper: point.unavailability.upper,
          samplesText: formatCount(point.samples),
          unavailabilityText: formatProbabilityInterval(point.unavailability),
        }));
      }),
  );
  if (points.length === 0) return null;
  const title = 'Convergence of each estimate';
  const description =
    `Unavailability estimate with its 95% confidence band against the number of samples, for ${panels.length} ` +
    `service-scenario combinations (deterministic results have no curve). ${describeFinalPrecision(doc)}`;
  return {
    name: 'convergence',
    title,
    description,
    caption:
      'Each estimate with its 95% band as samples accumulate; a narrow, flat band at the right means the estimate ' +
      `has settled. ${describeFinalPrecision(doc)}`,
    section: 'precision',
    tableNames: ['convergence'],
    notes,
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: [
          'Line: estimated unavailability; band: 95% confidence interval, as samples accumulate.',
          'Each panel has its own vertical scale. A narrow, flat band at the right means a settled estimate.',
        ],
      },
      config: REPORT_CHART_CONFIG,
      data: { values: points },
      facet: {
        field: 'panel',
        type: 'nominal',
        // Panels in document order by their index: a sort array would put ids and names into a Vega expression.
        sort: { field: 'panelIndex', op: 'min' },
        title: null,
        header: {
          labelFontSize: 10.5,
          labelLimit: 0,
          labelAnchor: 'start',
          labelExpr: wrappedLabelExpr(panels, 30, PANEL_SEPARATOR),
        },
      },
      columns: PANEL_COLUMNS,
      spec: {
        width: PANEL_WIDTH,
        height: PANEL_HEIGHT,
        encoding: {
          x: {
            field: 'samples',
            type: 'quantitative',
            title: 'Samples',
            // Three ticks at most, and greedy thinning as a backstop: "150k200k" ran together at four.
            axis: {
              labelExpr: SAMPLES_LABEL_EXPR,
              tickCount: 3,
              labelOverlap: 'greedy',
              labelSeparation: 6,
              labelFlush: true,
            },
          },
          color: {
            field: 'scenario',
            type: 'nominal',
            title: 'Scenario',
            // Only the drawn scenarios, each keeping its colour from the other charts.
            scale: {
              domain: shown.map((sc) => sc.name),
              range: shown.map((sc) => colours[doc.scenarios.indexOf(sc)] ?? '#000000'),
            },
            legend: legendLayout(shown.map((sc) => sc.name)),
          },
        },
        layer: [
          {
            mark: { type: 'area', opacity: 0.25 },
            encoding: {
              y: {
                field: 'lower',
                type: 'quantitative',
                title: 'Unavailability',
                scale: { zero: false },
                axis: { format: '.2~e', tickCount: 4, labelOverlap: 'greedy' },
              },
              y2: { field: 'upper' },
            },
          },
          {
            mark: { type: 'line', strokeWidth: 1.8 },
            encoding: {
              y: { field: 'estimate', type: 'quantitative' },
            },
          },
          {
            mark: { type: 'point', opacity: 0, size: 60 },
            encoding: {
              y: { field: 'estimate', type: 'quantitative' },
              tooltip: [
                tooltipField('panel', 'Estimate'),
                tooltipField('samplesText', 'Samples'),
                tooltipField('unavailabilityText', 'Unavailability'),
              ],
            },
          },
        ],
      },
      resolve: { scale: { y: 'independent', x: 'independent' } },
    },
  };
}

function describeFinalPrecision(doc: ResultDocument): string {
  const labeler = createElementLabeler(doc);
  let worst: { text: string; relativeError: number } | null = null;
  for (const scenario of doc.scenarios) {
    for (const estimate of scenario.services) {
      if (estimate.relativeError === null || estimate.convergence.length === 0) continue;
      if (worst === null || estimate.relativeError > worst.relativeError) {
        worst = {
          text: `${labeler.serviceName(estimate.serviceId)} in ${scenario.name}`,
          relativeError: estimate.relativeError,
        };
      }
    }
  }
  if (worst === null) return '';
  return (
    `The least precise final estimate is ${worst.text}, with a relative error of ${formatPercent(worst.relativeError, 2)} ` +
    '(half-width of the 95% confidence interval relative to the estimate).'
  );
}
