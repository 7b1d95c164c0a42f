// Chart: "How much downtime per year should we expect, and how much does the target allow?" Expected downtime per
// service from the time simulation with its 95% CI, next to the yearly downtime the service's target allows.

import type { ResultDocument } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import {
  MINUTES_PER_YEAR,
  formatDowntime,
  formatDowntimeInterval,
  formatNumber,
  formatTarget,
} from '../internal/format.ts';
import {
  FULL_WIDTH,
  OKABE_ITO,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  tooltipField,
  wrapText,
  wrappedLabelExpr,
  type ReportChart,
} from './report-chart.ts';
import { buildDowntimeAxis } from './headline-chart.ts';

/** Height in px of one line of a wrapped service name (11 px font), and the least height of a row. */
const LINE_HEIGHT = 13;
const MIN_ROW_HEIGHT = 24;
/** Characters per line of a wrapped service name: wider than elsewhere, the plot is narrow. */
const NAME_WRAP = 40;

/** Builds the downtime chart; null without a time simulation. */
export function buildDowntimeChart(doc: ResultDocument): ReportChart | null {
  const simulation = doc.timeSimulation;
  if (simulation === null || simulation.services.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const serviceNames = simulation.services.map((s) => labeler.serviceName(s.serviceId));
  const rows = simulation.services.map((s) => ({
    service: labeler.serviceName(s.serviceId),
    downtime: s.downtimeMinutesPerYear.estimate,
    lower: s.downtimeMinutesPerYear.lower,
    upper: s.downtimeMinutesPerYear.upper,
    downtimeText: formatDowntimeInterval(s.downtimeMinutesPerYear),
    outagesText: `${formatNumber(s.outagesPerYear.estimate, 3)} (95% CI ${formatNumber(s.outagesPerYear.lower, 3)}–${formatNumber(s.outagesPerYear.upper, 3)})`,
  }));
  const allowances = simulation.services.flatMap((s) => {
    const target = targets.get(s.serviceId) ?? null;
    if (target === null) return [];
    const allowed = (1 - target) * MINUTES_PER_YEAR;
    return [
      {
        service: labeler.serviceName(s.serviceId),
        allowed,
        allowedText: formatDowntime(allowed),
        targetText: formatTarget(target),
      },
    ];
  });
  const axis = buildDowntimeAxis([...rows.flatMap((r) => [r.downtime, r.upper]), ...allowances.map((a) => a.allowed)]);
  const domain = axis.domain;
  // Zero downtime cannot sit on a log scale; it is drawn at the left edge and the tooltip says 0.
  const clampLow = (v: number) => Math.min(domain[1], Math.max(v, domain[0]));
  const plotted = rows.map((r) => ({
    ...r,
    downtime: clampLow(r.downtime),
    lower: clampLow(r.lower),
    upper: clampLow(r.upper),
  }));
  const x = {
    type: 'quantitative' as const,
    scale: { type: 'log' as const, domain, clamp: true, nice: false },
    axis: {
      title: 'Expected downtime per year (log scale)',
      values: axis.ticks,
      labelExpr: axis.labelExpr,
      grid: true,
    },
  };
  // Rows grow with the longest wrapped name, so a three-line name never runs into its neighbours.
  const lines = Math.max(1, ...serviceNames.map((n) => wrapText(n, NAME_WRAP).length));
  const rowHeight = Math.max(MIN_ROW_HEIGHT, LINE_HEIGHT * lines + 8);
  const y = {
    field: 'service',
    type: 'nominal' as const,
    scale: { domain: serviceNames },
    title: null,
    axis: { labelLimit: 0, labelExpr: wrappedLabelExpr(serviceNames, NAME_WRAP), labelPadding: 8 },
  };
  const title = 'Expected downtime per year';
  const over = allowances.filter((a) => (rows.find((r) => r.service === a.service)?.downtime ?? 0) > a.allowed);
  const description =
    `Expected downtime per year per service from a time simulation of ${formatNumber(simulation.years, 3)} years, ` +
    `with 95% confidence intervals, against the downtime each target allows. ` +
    (over.length === 0
      ? 'Every service with a target stays within its allowance.'
      : `Over the allowance: ${over.map((a) => `${a.service} (allowed ${a.allowedText})`).join('; ')}.`);
  return {
    name: 'downtime',
    title,
    description,
    caption:
      over.length === 0
        ? 'Downtime per year from the time simulation, with 95% intervals: every service with a target stays within it.'
        : `Downtime per year from the time simulation, with 95% intervals. Over the allowance: ${over.map((a) => a.service).join('; ')}.`,
    section: 'time',
    tableNames: ['time-simulation'],
    notes: [],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: [
          'Dot: expected downtime from the time simulation; line: 95% confidence interval.',
          'Black bar: downtime the service target allows per year. Further left is better.',
        ],
      },
      config: REPORT_CHART_CONFIG,
      width: FULL_WIDTH - 120,
      height: rowHeight * serviceNames.length,
      layer: [
        {
          data: { values: plotted },
          mark: { type: 'rule', strokeWidth: 2, color: OKABE_ITO.vermillion },
          encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' }, y },
        },
        {
          data: { values: plotted },
          mark: { type: 'point', filled: true, size: 80, color: OKABE_ITO.vermillion, opacity: 1 },
          encoding: {
            x: { ...x, field: 'downtime' },
            y,
            tooltip: [
              tooltipField('service', 'Service'),
              tooltipField('downtimeText', 'Expected downtime'),
              tooltipField('outagesText', 'Outages per year'),
            ],
          },
        },
        {
          data: { values: allowances },
          mark: { type: 'tick', color: '#000000', opacity: 1, thickness: 3, size: rowHeight - 8 },
          encoding: {
            x: { ...x, field: 'allowed' },
            y,
            tooltip: [
              tooltipField('service', 'Service'),
              tooltipField('targetText', 'Target'),
              tooltipField('allowedText', 'Allowed downtime'),
            ],
          },
        },
      ],
    },
  };
}
