// Chart: "How long do outages last?" From the time simulation: expected outages per year in each duration bin, one
// panel per service, so a reader sees whether a service suffers many short blips or rare long outages.

import type { ResultDocument } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import { formatCount, formatDurationBin, formatHours, formatNumber } from '../internal/format.ts';
import {
  OKABE_ITO,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  tooltipField,
  wrappedLabelExpr,
  type ReportChart,
} from './report-chart.ts';

const PANEL_COLUMNS = 2;
const PANEL_WIDTH = 250;
const PANEL_HEIGHT = 120;

/** Builds the outage-duration histogram; null without a time simulation. */
export function buildOutageDurationChart(doc: ResultDocument): ReportChart | null {
  const simulation = doc.timeSimulation;
  if (simulation === null || simulation.services.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const serviceNames = simulation.services.map((s) => labeler.serviceName(s.serviceId));
  const binLabels: string[] = [];
  const rows = simulation.services.flatMap((service) => {
    const { edgesHours, counts } = service.durationHistogram;
    return counts.map((count, i) => {
      const bin = formatDurationBin(edgesHours[i] ?? 0, edgesHours[i + 1] ?? edgesHours[i] ?? 0);
      if (!binLabels.includes(bin)) binLabels.push(bin);
      return {
        service: labeler.serviceName(service.serviceId),
        bin,
        binIndex: i,
        perYear: count / simulation.years,
        countText: formatCount(count),
        perYearText: formatNumber(count / simulation.years, 3),
      };
    });
  });
  const title = 'How long do outages last?';
  const longest = simulation.services
    .map((s) => {
      const { edgesHours, counts } = s.durationHistogram;
      let last = -1;
      counts.forEach((c, i) => {
        if (c > 0) last = i;
      });
      return last < 0
        ? `${labeler.serviceName(s.serviceId)}: no outages`
        : `${labeler.serviceName(s.serviceId)}: up to ${formatHours(edgesHours[last + 1] ?? 0)}`;
    })
    .join('; ');
  const description =
    `Histogram of outage durations per service from a time simulation of ${formatCount(simulation.years)} years, ` +
    `as expected outages per year in each duration bin. Longest outages: ${longest}.`;
  return {
    name: 'outage-durations',
    title,
    description,
    tableNames: ['outage-durations'],
    notes: [],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: `Expected outages per year by duration, from a time simulation over ${formatCount(simulation.years)} years. Each panel has its own vertical scale.`,
      },
      config: REPORT_CHART_CONFIG,
      data: { values: rows },
      facet: {
        field: 'service',
        type: 'nominal',
        sort: serviceNames,
        title: null,
        header: { labelAnchor: 'start', labelExpr: wrappedLabelExpr(serviceNames, 40) },
      },
      columns: PANEL_COLUMNS,
      spec: {
        width: PANEL_WIDTH,
        height: PANEL_HEIGHT,
        mark: { type: 'bar', color: OKABE_ITO.blue },
        encoding: {
          x: {
            field: 'bin',
            type: 'ordinal',
            sort: binLabels,
            title: 'Outage duration',
            axis: { labelAngle: -40, labelAlign: 'right' },
          },
          y: {
            field: 'perYear',
            type: 'quantitative',
            title: 'Outages per year',
            axis: { format: '~g', tickCount: 4 },
          },
          tooltip: [
            tooltipField('service', 'Service'),
            tooltipField('bin', 'Duration'),
            tooltipField('perYearText', 'Outages per year'),
            tooltipField('countText', 'Outages simulated'),
          ],
        },
      },
      resolve: { scale: { y: 'independent' } },
    },
  };
}
