// Chart: "Does each service meet its target, and how sure are we?" Availability per service in normal operation with
// its 95% CI against the target, on a nines scale (-log10 unavailability) so 1e-6 and 1e-9 are both readable. Only
// normal-operation scenarios: a forced or attacked scenario's availability is not judged against a target.

import { MAX_NINES, type ResultDocument, type ScenarioResult } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import { readScenario } from '../internal/scenario-reading.ts';
import {
  formatAvailabilityInterval,
  formatDowntimeInterval,
  formatNines,
  formatProbabilityInterval,
  formatTarget,
  joinProse,
} from '../internal/format.ts';
import {
  AXIS_LABEL_WRAP,
  FULL_WIDTH,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  categoryPalette,
  legendLayout,
  tooltipField,
  wrapText,
  wrappedLabelExpr,
  type ReportChart,
} from './report-chart.ts';
import { vegaStringArray } from './vega-literals.ts';

/** The nines value the result document uses for an unavailability of 0 (its cap). */
const NINES_CAP = MAX_NINES;
/** Width in px of one character of an axis label (11 px DejaVu Sans digits are 7 px wide), and the least gap. */
const LABEL_CHAR_WIDTH = 7;
const LABEL_GAP = 10;
/** Space in px between the service names and the plot, wider than a marker's radius at the left edge. */
const Y_LABEL_PADDING = 10;

/** Target status words as readers see them. */
export const TARGET_STATUS_TEXT: Readonly<Record<'met' | 'missed' | 'uncertain', string>> = {
  met: 'met',
  missed: 'missed',
  uncertain: 'uncertain (CI straddles the target)',
};

/** The availability a whole number of nines stands for: 0 → "0%", 1 → "90%", 5 → "99.999%". */
export function ninesToPercentLabel(nines: number): string {
  if (nines <= 0) return '0%';
  if (nines === 1) return '90%';
  return `99${nines > 2 ? `.${'9'.repeat(nines - 2)}` : ''}%`;
}

/** -log10 of an unavailability, capped at 20 like the result document. */
export function ninesOfTarget(target: number): number {
  const unavailability = 1 - target;
  return unavailability <= 0 ? NINES_CAP : Math.min(NINES_CAP, -Math.log10(unavailability));
}

/**
 * The nines axis: whole nines from `lower` to `upper` (both included), labelled every k-th tick where k is the
 * least step that keeps the widest percentage label clear of its neighbours on a plot `plotWidth` px wide.
 * Returns the scale domain, the tick values and a Vega expression labelling each tick as a percentage.
 */
export function buildNinesAxis(
  values: readonly number[],
  plotWidth = FULL_WIDTH,
): {
  domain: [number, number];
  ticks: number[];
  labelExpr: string;
} {
  const finite = values.filter((v) => Number.isFinite(v) && v < NINES_CAP);
  const lower = Math.max(0, Math.floor(Math.min(...finite, 1)));
  const upper = Math.max(lower + 1, Math.ceil(Math.max(...finite, 1)));
  const ticks: number[] = [];
  for (let n = lower; n <= upper; n++) ticks.push(n);
  const widest = Math.max(...ticks.map((n) => ninesToPercentLabel(n).length)) * LABEL_CHAR_WIDTH;
  const spacing = plotWidth / Math.max(1, ticks.length - 1);
  const labelEvery = Math.max(1, Math.ceil((widest + LABEL_GAP) / spacing));
  const cases = ticks
    .filter((n) => (n - lower) % labelEvery === 0)
    .map((n) => `datum.value === ${n} ? '${ninesToPercentLabel(n)}'`);
  return { domain: [lower, upper], ticks, labelExpr: `${cases.join(' : ')} : ''` };
}

/** Builds the availability chart; null when no normal-operation scenario has estimates. */
export function buildAvailabilityChart(doc: ResultDocument): ReportChart | null {
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const serviceNames = doc.model.services.map((s) => s.name);
  const scenarios = doc.scenarios.filter((s) => readScenario(doc, s) === 'annual');
  const scenarioNames = scenarios.map((s) => s.name);
  const estimates = scenarios.flatMap((scenario, scenarioIndex) =>
    scenario.services.map((estimate) => {
      const target = targets.get(estimate.serviceId) ?? null;
      return {
        scenario: scenario.name,
        scenarioIndex,
        service: labeler.serviceName(estimate.serviceId),
        nines: estimate.nines.estimate,
        ninesLower: estimate.nines.lower,
        ninesUpper: estimate.nines.upper,
        availabilityText: formatAvailabilityInterval(estimate.availability),
        unavailabilityText: formatProbabilityInterval(estimate.unavailability),
        downtimeText: formatDowntimeInterval(estimate.downtimeMinutesPerYear),
        ninesText: formatNines(estimate.nines.estimate),
        targetText: target === null ? 'none' : formatTarget(target),
        statusText: estimate.targetStatus === null ? 'no target' : TARGET_STATUS_TEXT[estimate.targetStatus],
      };
    }),
  );
  if (estimates.length === 0) return null;
  const targetRows = doc.model.services
    .filter((s) => s.target !== null)
    .map((s) => ({
      service: s.name,
      targetNines: ninesOfTarget(s.target ?? 1),
      targetText: formatTarget(s.target ?? 1),
    }));
  const axis = buildNinesAxis(
    [...estimates.flatMap((e) => [e.nines, e.ninesLower, e.ninesUpper]), ...targetRows.map((t) => t.targetNines)],
    FULL_WIDTH,
  );
  const { colours: scenarioColours, shapes: scenarioShapes } = categoryPalette(scenarioNames.length);
  const labelLines = Math.max(1, ...serviceNames.map((n) => wrapText(n, AXIS_LABEL_WRAP).length));
  const bandHeight = Math.max(24, 10 * scenarioNames.length + 14, 13 * labelLines + 8);
  const x = {
    type: 'quantitative' as const,
    scale: { domain: axis.domain, clamp: true, nice: false, zero: false },
    axis: {
      title: 'Availability (log scale in nines; each step right means ten times less downtime)',
      values: axis.ticks,
      labelExpr: axis.labelExpr,
      grid: true,
    },
  };
  const y = {
    field: 'service',
    type: 'nominal' as const,
    title: null,
    scale: { domain: serviceNames, paddingInner: 0.15, paddingOuter: 0.1 },
    axis: {
      labelLimit: 0,
      labelExpr: wrappedLabelExpr(serviceNames, AXIS_LABEL_WRAP),
      domain: false,
      ticks: false,
      labelPadding: Y_LABEL_PADDING,
    },
  };
  // Scenarios are encoded by their index, named in the legend: a domain of names would put them into Vega
  // expressions (vega-literals.ts).
  const scenarioIndexes = scenarioNames.map((_, i) => i);
  const yOffset = { field: 'scenarioIndex', type: 'nominal' as const, scale: { domain: scenarioIndexes } };
  const color = {
    field: 'scenarioIndex',
    type: 'nominal' as const,
    title: 'Scenario',
    scale: { domain: scenarioIndexes, range: scenarioColours },
    // One scenario needs no legend: the subtitle names it.
    legend:
      scenarioNames.length === 1
        ? null
        : { ...legendLayout(scenarioNames), labelExpr: `${vegaStringArray(scenarioNames)}[datum.value]` },
  };
  const title = 'Availability per service against its target';
  const perfect = estimates.filter((e) => e.nines >= NINES_CAP).map((e) => `${e.service} (${e.scenario})`);
  return {
    name: 'availability',
    title,
    description: describeAvailability(doc, scenarios),
    caption: captionOf(scenarios),
    section: 'normal',
    tableNames: ['services', 'service-estimates'],
    notes:
      perfect.length === 0
        ? []
        : [`No failure of ${joinProse(perfect)} was seen in the samples: drawn at the right edge.`],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description: describeAvailability(doc, scenarios),
      title: {
        text: title,
        subtitle: [
          `Normal operation${scenarioNames.length === 1 ? ` (${scenarioNames[0] ?? ''})` : ''}. Dot: estimate; line: 95% confidence interval; black bar: target.`,
          'Further right is better. A dot left of its black bar misses the target.',
        ],
      },
      config: REPORT_CHART_CONFIG,
      width: FULL_WIDTH,
      height: bandHeight * serviceNames.length,
      layer: [
        {
          data: { values: estimates },
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            x: { ...x, field: 'ninesLower' },
            x2: { field: 'ninesUpper' },
            y,
            yOffset,
            color,
          },
        },
        {
          data: { values: estimates },
          mark: { type: 'point', filled: true, size: 70, opacity: 1, stroke: 'white', strokeWidth: 0.8 },
          encoding: {
            x: { ...x, field: 'nines' },
            y,
            yOffset,
            color,
            shape: { field: 'scenarioIndex', type: 'nominal', scale: { domain: scenarioIndexes, range: scenarioShapes } },
            tooltip: [
              tooltipField('service', 'Service'),
              tooltipField('scenario', 'Scenario'),
              tooltipField('availabilityText', 'Availability'),
              tooltipField('unavailabilityText', 'Unavailability'),
              tooltipField('downtimeText', 'Expected downtime'),
              tooltipField('ninesText', 'Nines'),
              tooltipField('targetText', 'Target'),
              tooltipField('statusText', 'Target status'),
            ],
          },
        },
        {
          data: { values: targetRows },
          mark: { type: 'tick', color: '#000000', opacity: 1, thickness: 3, size: bandHeight - 4 },
          encoding: {
            x: { ...x, field: 'targetNines' },
            y,
            tooltip: [tooltipField('service', 'Service'), tooltipField('targetText', 'Target')],
          },
        },
      ],
    },
  };
}

function captionOf(scenarios: readonly ScenarioResult[]): string {
  const first = scenarios[0];
  if (first === undefined) return '';
  const judged = first.services.filter((s) => s.targetStatus !== null);
  const count = (status: string) => judged.filter((s) => s.targetStatus === status).length;
  return (
    `Availability in normal operation on a nines scale: of ${judged.length} services with a target, ` +
    `${count('missed')} miss it, ${count('uncertain')} ${count('uncertain') === 1 ? 'is' : 'are'} uncertain and ${count('met')} meet it.`
  );
}

function describeAvailability(doc: ResultDocument, scenarios: readonly ScenarioResult[]): string {
  const labeler = createElementLabeler(doc);
  const parts = scenarios.map((scenario) => {
    const missed = scenario.services
      .filter((s) => s.targetStatus === 'missed')
      .map((s) => labeler.serviceName(s.serviceId));
    const uncertain = scenario.services
      .filter((s) => s.targetStatus === 'uncertain')
      .map((s) => labeler.serviceName(s.serviceId));
    const missedText = missed.length === 0 ? 'no service misses its target' : `${joinProse(missed)} missed`;
    const uncertainText = uncertain.length === 0 ? '' : `; ${joinProse(uncertain)} uncertain`;
    return `${scenario.name}: ${missedText}${uncertainText}`;
  });
  return (
    `Availability of ${doc.model.services.length} services in ${scenarios.length} normal-operation ${scenarios.length === 1 ? 'scenario' : 'scenarios'}, drawn on a ` +
    `logarithmic nines scale with 95% confidence intervals and each service's target. ${parts.join('. ')}.`
  );
}
