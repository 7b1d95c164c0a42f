// Chart: "Which scenario hurts which service?" A service × scenario grid coloured by availability in nines, each cell
// labelled with its availability and target status, so the worst combinations stand out at a glance.

import type { ResultDocument } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import {
  availabilityPercentDecimals,
  formatAvailability,
  formatAvailabilityInterval,
  formatNines,
  formatProbabilityInterval,
} from '../internal/format.ts';
import { TARGET_STATUS_TEXT } from './availability-chart.ts';
import {
  AXIS_LABEL_WRAP,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  tooltipField,
  wrappedLabelExpr,
  type ReportChart,
} from './report-chart.ts';

/** Width in pixels of one scenario column, from (included) narrow to wide; the grid stays about a page wide. */
const CELL_WIDTH_MAX = 150;
const CELL_WIDTH_MIN = 60;
/** Total width the grid aims for. */
const GRID_WIDTH = 640;
/** Columns narrower than this show a compact one-word status and slanted scenario names. */
const COMPACT_BELOW = 110;
/** Height in pixels of one service row (two lines of text). */
const CELL_HEIGHT = 46;

/** Builds the heatmap; null with fewer than one scenario or service. */
export function buildScenarioHeatmapChart(doc: ResultDocument): ReportChart | null {
  const labeler = createElementLabeler(doc);
  const serviceNames = doc.model.services.map((s) => s.name);
  const scenarioNames = doc.scenarios.map((s) => s.name);
  const cellWidth = Math.max(
    CELL_WIDTH_MIN,
    Math.min(CELL_WIDTH_MAX, Math.floor(GRID_WIDTH / Math.max(1, scenarioNames.length))),
  );
  const compact = cellWidth < COMPACT_BELOW;
  const cells = doc.scenarios.flatMap((scenario) =>
    scenario.services.map((estimate) => ({
      scenario: scenario.name,
      service: labeler.serviceName(estimate.serviceId),
      nines: estimate.nines.estimate,
      label: [
        // Compact cells cap the digits so the label fits; the tooltip and table keep full precision.
        formatAvailability(
          estimate.availability.estimate,
          compact ? Math.min(4, availabilityPercentDecimals([estimate.availability.estimate])) : undefined,
        ),
        estimate.targetStatus === null
          ? compact
            ? ''
            : 'no target'
          : compact
            ? estimate.targetStatus
            : `target ${estimate.targetStatus}`,
      ].join('\n'),
      availabilityText: formatAvailabilityInterval(estimate.availability),
      unavailabilityText: formatProbabilityInterval(estimate.unavailability),
      ninesText: formatNines(estimate.nines.estimate),
      statusText: estimate.targetStatus === null ? 'no target' : TARGET_STATUS_TEXT[estimate.targetStatus],
    })),
  );
  if (cells.length === 0) return null;
  const maxNines = Math.max(1, Math.ceil(Math.min(12, Math.max(...cells.map((c) => c.nines)))));
  // Viridis runs dark (few nines, bad) to light (many nines, good); labels switch to white on the dark half.
  const darkBelow = maxNines * 0.45;
  const title = 'Availability by scenario and service';
  const description =
    `Grid of ${serviceNames.length} services by ${scenarioNames.length} scenarios; each cell is coloured by ` +
    `availability in nines (dark: low, light: high) and labelled with the availability and target status. ` +
    describeWorstCells(cells);
  return {
    name: 'scenario-heatmap',
    title,
    description,
    tableNames: ['service-estimates'],
    notes: [],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: { text: title, subtitle: 'Colour: nines of availability (−log₁₀ unavailability); darker is worse.' },
      config: REPORT_CHART_CONFIG,
      data: { values: cells },
      width: cellWidth * scenarioNames.length,
      height: CELL_HEIGHT * serviceNames.length,
      encoding: {
        x: {
          field: 'scenario',
          type: 'nominal',
          sort: scenarioNames,
          title: null,
          axis: compact
            ? {
                orient: 'bottom',
                labelAngle: -40,
                labelAlign: 'right',
                labelBaseline: 'top',
                labelLimit: 240,
                domain: false,
                ticks: false,
              }
            : {
                orient: 'bottom',
                labelAngle: 0,
                labelExpr: wrappedLabelExpr(scenarioNames, 20),
                labelLimit: cellWidth - 6,
                domain: false,
                ticks: false,
              },
        },
        y: {
          field: 'service',
          type: 'nominal',
          sort: serviceNames,
          title: null,
          axis: {
            labelLimit: 0,
            labelExpr: wrappedLabelExpr(serviceNames, AXIS_LABEL_WRAP),
            domain: false,
            ticks: false,
          },
        },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
          encoding: {
            color: {
              field: 'nines',
              type: 'quantitative',
              title: 'Availability (nines)',
              scale: { scheme: 'viridis', domain: [0, maxNines], clamp: true },
              legend: {
                orient: 'right',
                direction: 'vertical',
                gradientLength: Math.min(160, CELL_HEIGHT * serviceNames.length),
              },
            },
            tooltip: [
              tooltipField('service', 'Service'),
              tooltipField('scenario', 'Scenario'),
              tooltipField('availabilityText', 'Availability'),
              tooltipField('unavailabilityText', 'Unavailability'),
              tooltipField('ninesText', 'Nines'),
              tooltipField('statusText', 'Target status'),
            ],
          },
        },
        {
          mark: { type: 'text', lineBreak: '\n', fontSize: compact ? 9.5 : 11, lineHeight: compact ? 12 : 14 },
          encoding: {
            text: { field: 'label', type: 'nominal' },
            color: { condition: { test: `datum.nines < ${darkBelow}`, value: 'white' }, value: 'black' },
          },
        },
      ],
    },
  };
}

function describeWorstCells(cells: ReadonlyArray<{ scenario: string; service: string; nines: number }>): string {
  const worst = [...cells].sort((a, b) => a.nines - b.nines).slice(0, 3);
  return `Lowest: ${worst.map((c) => `${c.service} in ${c.scenario} (${formatNines(c.nines)} nines)`).join('; ')}.`;
}
