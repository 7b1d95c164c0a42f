// Chart: "Does the plan improve each service?" The paired difference in availability (plan minus base, common random
// numbers) per service and scenario with its 95% CI, expressed as downtime avoided per year so its size is tangible.

import type { ResultDocument } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import { formatDowntimeChange, judgeDifference, type ComparisonVerdict } from '../internal/comparison-verdict.ts';
import { MINUTES_PER_YEAR, formatAvailabilityInterval, formatNumber, formatSigned } from '../internal/format.ts';
import {
  NEUTRAL_GREY,
  OKABE_ITO,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  AXIS_LABEL_WRAP,
  tooltipField,
  wrappedLabelExpr,
  wrapText,
  type ConcatPanelSpec,
  type ReportChart,
} from './report-chart.ts';

const PANEL_WIDTH = 360;
const ROW_HEIGHT = 28;
/** Height of one axis-label line in px (11 px font). */
const LINE_HEIGHT = 13;

function maxLabelLines(labels: readonly string[]): number {
  return labels.reduce((most, label) => Math.max(most, wrapText(label, AXIS_LABEL_WRAP).length), 1);
}

const VERDICT_LABELS: Readonly<Record<ComparisonVerdict, string>> = {
  better: 'Plan better (CI above 0)',
  worse: 'Plan worse (CI below 0)',
  'no clear difference': 'No clear difference (CI includes 0)',
};

/** Builds the plan-comparison chart; null without a comparison section. */
export function buildComparisonChart(doc: ResultDocument): ReportChart | null {
  const comparison = doc.comparison;
  if (comparison === null || comparison.scenarios.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const verdictDomain = Object.values(VERDICT_LABELS);
  const verdictRange = [OKABE_ITO.blue, OKABE_ITO.vermillion, NEUTRAL_GREY];
  const clear: string[] = [];
  const panels: ConcatPanelSpec[] = comparison.scenarios.map((scenario) => {
    const scenarioName = labeler.scenarioName(scenario.scenarioId);
    const rows = scenario.services.map((s) => {
      const verdict = judgeDifference(s.difference);
      const service = labeler.serviceName(s.serviceId);
      if (verdict !== 'no clear difference')
        clear.push(`${service} in ${scenarioName}: ${verdict} (${formatDowntimeChange(s.difference.estimate)})`);
      return {
        service,
        avoided: s.difference.estimate * MINUTES_PER_YEAR,
        lower: s.difference.lower * MINUTES_PER_YEAR,
        upper: s.difference.upper * MINUTES_PER_YEAR,
        verdict: VERDICT_LABELS[verdict],
        differenceText: `${formatSigned(s.difference.estimate)} (95% CI ${formatSigned(s.difference.lower)} to ${formatSigned(s.difference.upper)})`,
        downtimeText: formatDowntimeChange(s.difference.estimate),
        baseText: formatAvailabilityInterval(s.baseAvailability),
        planText: formatAvailabilityInterval(s.planAvailability),
        varianceReductionText: s.varianceReduction === null ? 'n/a' : `${formatNumber(s.varianceReduction, 3)}×`,
      };
    });
    const extent = Math.max(1e-9, ...rows.flatMap((r) => [Math.abs(r.lower), Math.abs(r.upper)]));
    // Symmetric about zero, so left and right of the zero line mean the same size of change.
    const x = {
      type: 'quantitative' as const,
      scale: { domain: [-extent * 1.1, extent * 1.1], nice: true },
      axis: { title: 'Downtime avoided by the plan (minutes per year; right of 0 = plan better)', format: ',.3~r' },
    };
    const serviceNames = rows.map((r) => r.service);
    const y = {
      field: 'service',
      type: 'nominal' as const,
      scale: { domain: serviceNames },
      title: null,
      axis: { labelLimit: 0, labelExpr: wrappedLabelExpr(serviceNames, AXIS_LABEL_WRAP) },
    };
    return {
      title: { text: scenarioName, fontSize: 12.5 },
      width: PANEL_WIDTH,
      // Rows grow with the longest wrapped label, so three-line service names never overlap.
      height: Math.max(ROW_HEIGHT, LINE_HEIGHT * maxLabelLines(serviceNames) + 6) * rows.length,
      layer: [
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', color: '#555555', strokeDash: [4, 3] },
          encoding: { x: { ...x, field: 'zero' } },
        },
        {
          data: { values: rows },
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            x: { ...x, field: 'lower' },
            x2: { field: 'upper' },
            y,
            color: {
              field: 'verdict',
              type: 'nominal',
              title: null,
              scale: { domain: verdictDomain, range: verdictRange },
            },
          },
        },
        {
          data: { values: rows },
          mark: { type: 'point', filled: true, size: 80, opacity: 1 },
          encoding: {
            x: { ...x, field: 'avoided' },
            y,
            color: {
              field: 'verdict',
              type: 'nominal',
              title: null,
              scale: { domain: verdictDomain, range: verdictRange },
            },
            shape: {
              field: 'verdict',
              type: 'nominal',
              title: null,
              scale: { domain: verdictDomain, range: ['triangle-right', 'triangle-left', 'circle'] },
            },
            tooltip: [
              tooltipField('service', 'Service'),
              tooltipField('baseText', 'Base availability'),
              tooltipField('planText', 'Plan availability'),
              tooltipField('differenceText', 'Difference (plan − base)'),
              tooltipField('downtimeText', 'Downtime'),
              tooltipField('varianceReductionText', 'Variance reduction by pairing'),
            ],
          },
        },
      ],
    };
  });
  const title = 'Plan comparison: does the plan reduce downtime?';
  const description =
    `Paired difference in availability, plan minus base, per service and scenario, shown as downtime avoided per ` +
    `year with 95% confidence intervals. ` +
    (clear.length === 0 ? 'No difference is clear at the 95% level.' : `Clear differences: ${clear.join('; ')}.`);
  return {
    name: 'comparison',
    title,
    description,
    caption:
      clear.length === 0
        ? 'Downtime the plan avoids per year, paired with the base on the same samples: no difference is clear at the 95% level.'
        : `Downtime the plan avoids per year, paired with the base on the same samples. Clear differences: ${clear.join('; ')}.`,
    section: 'comparison',
    tableNames: ['comparison'],
    notes: [],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: [
          `Plan “${comparison.plan.name}” against base “${comparison.base.name}”, paired on the same random samples.`,
          'Dot: downtime avoided per year under each scenario’s conditions; line: paired 95% confidence interval.',
          'Each panel has its own scale.',
        ],
      },
      config: REPORT_CHART_CONFIG,
      vconcat: panels,
      spacing: 20,
      resolve: { scale: { x: 'independent', color: 'shared', shape: 'shared' } },
    },
  };
}
