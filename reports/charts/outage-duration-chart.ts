// Chart: "How long do outages last?" From the time simulation: a service × duration grid, each cell the expected
// number of outages per year of that length, so a reader sees whether a service suffers many short blips or rare
// long outages. One grid instead of a panel per service: it fits a page and has no axis of its own to collide.

import type { ResultDocument } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import { formatCount, formatDurationBin, formatHours, formatNumber } from '../internal/format.ts';
import {
  AXIS_LABEL_WRAP,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  bandHeightFor,
  labelLinesExpr,
  tooltipField,
  serviceGridAxis,
  type ReportChart,
} from './report-chart.ts';

/** Width and height in px of one cell. */
const CELL_WIDTH = 52;
const CELL_HEIGHT = 24;

/** Outages per year as a cell shows it: blank for none, "<0.01" for rare, else two significant digits. */
export function formatOutageRate(perYear: number): string {
  if (perYear === 0) return '';
  if (perYear < 0.01) return '<0.01';
  return formatNumber(perYear, 2);
}

/** A bin label on two lines at its dash, so it fits a narrow column without being cut or slanted. */
function binLabelExpr(labels: readonly string[]): string {
  return labelLinesExpr(
    labels.map((label) => {
      const dash = label.indexOf('–');
      return { label, lines: dash < 0 ? [label] : [label.slice(0, dash + 1), label.slice(dash + 1)] };
    }),
  );
}

/** Builds the outage-duration grid; null without a time simulation. */
export function buildOutageDurationChart(doc: ResultDocument): ReportChart | null {
  const simulation = doc.timeSimulation;
  if (simulation === null || simulation.services.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const serviceNames = simulation.services.map((s) => labeler.serviceName(s.serviceId));
  // Bins past the longest outage of any service are left out: a row of empty columns says nothing.
  const lastUsed = Math.max(
    0,
    ...simulation.services.map((s) => s.durationHistogram.counts.reduce((last, c, i) => (c > 0 ? i : last), 0)),
  );
  const binLabels: string[] = [];
  const rows = simulation.services.flatMap((service) => {
    const { edgesHours, counts } = service.durationHistogram;
    return counts.slice(0, lastUsed + 1).map((count, i) => {
      const bin = formatDurationBin(edgesHours[i] ?? 0, edgesHours[i + 1] ?? edgesHours[i] ?? 0);
      if (!binLabels.includes(bin)) binLabels.push(bin);
      const perYear = count / simulation.years;
      return {
        service: labeler.serviceName(service.serviceId),
        bin,
        perYear,
        label: formatOutageRate(perYear),
        countText: formatCount(count),
        perYearText: formatNumber(perYear, 3),
      };
    });
  });
  const maxRate = Math.max(1e-9, ...rows.map((r) => r.perYear));
  const cellHeight = bandHeightFor(serviceNames, AXIS_LABEL_WRAP, CELL_HEIGHT);
  const title = 'How long do outages last?';
  const longest = simulation.services
    .map((s) => {
      const { edgesHours, counts } = s.durationHistogram;
      const last = counts.reduce((found, c, i) => (c > 0 ? i : found), -1);
      return last < 0
        ? `${labeler.serviceName(s.serviceId)}: no outages`
        : `${labeler.serviceName(s.serviceId)}: up to ${formatHours(edgesHours[last + 1] ?? 0)}`;
    })
    .join('; ');
  const description =
    `Grid of expected outages per year by duration for ${serviceNames.length} services, from a time simulation of ` +
    `${formatCount(simulation.years)} years. Longest outages: ${longest}.`;
  return {
    name: 'outage-durations',
    title,
    description,
    caption: `Expected outages per year of each length, from a time simulation of ${formatCount(simulation.years)} years; darker cells mean more outages of that length.`,
    section: 'time',
    tableNames: ['outage-durations'],
    notes: [],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: [
          `Expected outages per year by duration, from a time simulation over ${formatCount(simulation.years)} years.`,
          'Darker: more outages of that length. Blank: none simulated.',
        ],
      },
      config: REPORT_CHART_CONFIG,
      data: { values: rows },
      width: CELL_WIDTH * binLabels.length,
      height: cellHeight * serviceNames.length,
      encoding: {
        x: {
          field: 'bin',
          type: 'ordinal',
          scale: { domain: binLabels },
          title: 'Outage duration',
          axis: {
            labelAngle: 0,
            labelAlign: 'center',
            labelExpr: binLabelExpr(binLabels),
            labelLimit: 0,
            domain: false,
            ticks: false,
          },
        },
        y: serviceGridAxis(serviceNames),
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1.5 },
          encoding: {
            color: {
              field: 'perYear',
              type: 'quantitative',
              title: 'Outages per year',
              scale: { scheme: 'viridis', reverse: true, type: 'sqrt', domain: [0, maxRate], zero: true },
              legend: {
                orient: 'right',
                direction: 'vertical',
                format: '~g',
                gradientLength: Math.min(160, cellHeight * serviceNames.length),
              },
            },
            tooltip: [
              tooltipField('service', 'Service'),
              tooltipField('bin', 'Duration'),
              tooltipField('perYearText', 'Outages per year'),
              tooltipField('countText', 'Outages simulated'),
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 9.5 },
          encoding: {
            text: { field: 'label', type: 'nominal' },
            color: { condition: { test: `datum.perYear > ${maxRate * 0.35}`, value: 'white' }, value: 'black' },
          },
        },
      ],
    },
  };
}
