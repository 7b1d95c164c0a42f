// Chart (the brief's headline): "How much downtime does each service have in a year, and how much may it have?"
// Expected downtime per year in normal operation with its 95% CI, against the downtime each target allows, on a log
// scale labelled in minutes and hours, coloured by verdict.

import type { ResultDocument } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import {
  MINUTES_PER_YEAR,
  formatDowntime,
  formatDowntimeInterval,
  formatAvailabilityInterval,
  formatTarget,
} from '../internal/format.ts';
import { findPrimaryScenario } from '../internal/scenario-reading.ts';
import {
  NEUTRAL_GREY,
  OKABE_ITO,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  tooltipField,
  wrapText,
  wrappedLabelExpr,
  type ReportChart,
} from './report-chart.ts';

/**
 * Plot width in px; the service names, on one line where they fit, take up to about 450 px more. The chart is wide
 * and low, a third of a page in the brief.
 */
const PLOT_WIDTH = 280;
/** Characters per line of a wrapped service name. */
const NAME_WRAP = 90;
/** Font size in px of the service names, height of one of their lines, and the least height of a row. */
const NAME_FONT_SIZE = 10;
const LINE_HEIGHT = 12;
const MIN_ROW_HEIGHT = 18;

/** Tick values of a downtime axis in minutes per year, each with a label a reader knows. */
export const DOWNTIME_TICKS: ReadonlyArray<{ readonly minutes: number; readonly label: string }> = [
  { minutes: 1 / 60, label: '1 s' },
  { minutes: 0.1, label: '6 s' },
  { minutes: 1, label: '1 min' },
  { minutes: 10, label: '10 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 600, label: '10 h' },
  { minutes: 6000, label: '100 h' },
  { minutes: 60_000, label: '1,000 h' },
  { minutes: MINUTES_PER_YEAR, label: '1 year' },
];

/**
 * A log-scale downtime axis from the largest tick at or below the smallest positive value to the smallest tick at or
 * above the largest: the domain, its ticks and a Vega expression labelling them. Without positive values: 1 s–1 min.
 */
export function buildDowntimeAxis(values: readonly number[]): {
  domain: [number, number];
  ticks: number[];
  labelExpr: string;
} {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const first = DOWNTIME_TICKS[0] ?? { minutes: 1 / 60, label: '1 s' };
  const last = DOWNTIME_TICKS[DOWNTIME_TICKS.length - 1] ?? first;
  const low = positive.length === 0 ? first.minutes : Math.min(...positive);
  const high = positive.length === 0 ? 1 : Math.max(...positive);
  const from = [...DOWNTIME_TICKS].reverse().find((t) => t.minutes <= low) ?? first;
  const to = DOWNTIME_TICKS.find((t) => t.minutes >= high && t.minutes > from.minutes) ?? last;
  const ticks = DOWNTIME_TICKS.filter((t) => t.minutes >= from.minutes && t.minutes <= to.minutes);
  const cases = ticks.map((t) => `datum.value === ${t.minutes} ? ${JSON.stringify(t.label)}`);
  return {
    domain: [from.minutes, to.minutes],
    ticks: ticks.map((t) => t.minutes),
    labelExpr: `${cases.join(' : ')} : ''`,
  };
}

/** Verdicts as the legend shows them, with colours and shapes that differ by more than colour. */
const VERDICTS = {
  missed: { label: 'Misses its target', colour: OKABE_ITO.vermillion, shape: 'diamond' },
  uncertain: { label: 'Uncertain (interval straddles the target)', colour: OKABE_ITO.orange, shape: 'square' },
  met: { label: 'Meets its target', colour: OKABE_ITO.bluishGreen, shape: 'circle' },
  none: { label: 'No target', colour: NEUTRAL_GREY, shape: 'circle' },
} as const;

/** Builds the headline chart; null without a normal-operation scenario. */
export function buildHeadlineChart(doc: ResultDocument): ReportChart | null {
  const primary = findPrimaryScenario(doc);
  if (primary === null || primary.services.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const serviceNames = primary.services.map((e) => labeler.serviceName(e.serviceId));
  const allowances = primary.services.flatMap((e) => {
    const target = targets.get(e.serviceId) ?? null;
    if (target === null) return [];
    const allowed = (1 - target) * MINUTES_PER_YEAR;
    return [
      {
        service: labeler.serviceName(e.serviceId),
        allowed,
        allowedText: formatDowntime(allowed),
        targetText: formatTarget(target),
      },
    ];
  });
  const axis = buildDowntimeAxis([
    ...primary.services.flatMap((e) => [e.downtimeMinutesPerYear.estimate, e.downtimeMinutesPerYear.upper]),
    ...allowances.map((a) => a.allowed),
  ]);
  // Zero downtime cannot sit on a log scale: it is drawn at the left edge and the tooltip says 0.
  const clamp = (v: number) => Math.min(axis.domain[1], Math.max(axis.domain[0], v));
  const verdictOf = (status: string | null) =>
    VERDICTS[status === 'missed' || status === 'uncertain' || status === 'met' ? status : 'none'];
  const rows = primary.services.map((e) => ({
    service: labeler.serviceName(e.serviceId),
    downtime: clamp(e.downtimeMinutesPerYear.estimate),
    lower: clamp(e.downtimeMinutesPerYear.lower),
    upper: clamp(e.downtimeMinutesPerYear.upper),
    verdict: verdictOf(e.targetStatus).label,
    downtimeText: formatDowntimeInterval(e.downtimeMinutesPerYear),
    availabilityText: formatAvailabilityInterval(e.availability),
  }));
  const present = Object.values(VERDICTS).filter((v) => rows.some((r) => r.verdict === v.label));
  const lines = Math.max(1, ...serviceNames.map((n) => wrapText(n, NAME_WRAP).length));
  const rowHeight = Math.max(MIN_ROW_HEIGHT, LINE_HEIGHT * lines + 4);
  const x = {
    type: 'quantitative' as const,
    scale: { type: 'log' as const, domain: axis.domain, clamp: true, nice: false },
    axis: { title: 'Downtime per year (log scale)', values: axis.ticks, labelExpr: axis.labelExpr, grid: true },
  };
  const y = {
    field: 'service',
    type: 'nominal' as const,
    scale: { domain: serviceNames },
    title: null,
    axis: {
      labelLimit: 0,
      labelFontSize: NAME_FONT_SIZE,
      labelLineHeight: LINE_HEIGHT,
      labelExpr: wrappedLabelExpr(serviceNames, NAME_WRAP),
      domain: false,
      ticks: false,
      labelPadding: 8,
    },
  };
  const colour = {
    field: 'verdict',
    type: 'nominal' as const,
    title: null,
    scale: { domain: present.map((v) => v.label), range: present.map((v) => v.colour) },
    legend: { columns: 2, labelLimit: 0 },
  };
  const missed = primary.services.filter((e) => e.targetStatus === 'missed');
  const judged = primary.services.filter((e) => e.targetStatus !== null);
  const gap = (id: string, minutes: number) =>
    minutes / Math.max(1e-12, (1 - (targets.get(id) ?? 1)) * MINUTES_PER_YEAR);
  const worst = [...missed].sort(
    (a, b) => gap(b.serviceId, b.downtimeMinutesPerYear.estimate) - gap(a.serviceId, a.downtimeMinutesPerYear.estimate),
  )[0];
  const caption =
    judged.length === 0
      ? `Expected downtime per year of each service in normal operation; no service has a target.`
      : `Downtime per year in normal operation against what each target allows: ${missed.length} of ${judged.length} services are over.`;
  const furthest =
    worst === undefined
      ? ''
      : ` The furthest off is ${labeler.serviceName(worst.serviceId)}, about ${formatDowntime(worst.downtimeMinutesPerYear.estimate)} ` +
        `against ${formatDowntime((1 - (targets.get(worst.serviceId) ?? 1)) * MINUTES_PER_YEAR)} allowed.`;
  const description =
    `Expected downtime per year of ${serviceNames.length} services in normal operation (scenario ${primary.name}) ` +
    `with 95% confidence intervals on a logarithmic scale, against the downtime each target allows. ${caption}${furthest}`;
  const title = 'Downtime per year against what the target allows';
  return {
    name: 'headline',
    title,
    description,
    caption,
    section: 'brief-headline',
    tableNames: ['services'],
    notes: [],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: 'Normal operation, 95% intervals. Black bar: what the target allows; left of it is within target.',
      },
      config: REPORT_CHART_CONFIG,
      width: PLOT_WIDTH,
      height: rowHeight * serviceNames.length,
      layer: [
        {
          data: { values: rows },
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' }, y, color: colour },
        },
        {
          data: { values: allowances },
          mark: { type: 'tick', color: '#000000', opacity: 1, thickness: 3, size: rowHeight - 6 },
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
        {
          data: { values: rows },
          mark: { type: 'point', filled: true, size: 90, opacity: 1, stroke: 'white', strokeWidth: 0.8 },
          encoding: {
            x: { ...x, field: 'downtime' },
            y,
            color: colour,
            // Same field and title as the colour: one legend shows both.
            shape: {
              field: 'verdict',
              type: 'nominal',
              title: null,
              scale: { domain: present.map((v) => v.label), range: present.map((v) => v.shape) },
            },
            tooltip: [
              tooltipField('service', 'Service'),
              tooltipField('downtimeText', 'Downtime per year'),
              tooltipField('availabilityText', 'Availability'),
              tooltipField('verdict', 'Verdict'),
            ],
          },
        },
      ],
    },
  };
}
