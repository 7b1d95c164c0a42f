// Chart: "Which scenario hurts which service?" A service × scenario grid coloured by availability in nines, each cell
// labelled with its availability and what it means: a target verdict over a year in normal operation, nothing more
// while an event lasts, "taken down" when an attack alone cuts the service off. Long scenario names become keys
// (S1, S2, …) explained in a list under the grid, so no column label is ever cut.

import type { ResultDocument, ScenarioResult } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import {
  availabilityPercentDecimals,
  formatAvailability,
  formatAvailabilityInterval,
  formatNines,
  formatProbabilityInterval,
} from '../internal/format.ts';
import { READING_TEXT, readScenario, type ScenarioReading } from '../internal/scenario-reading.ts';
import { TARGET_STATUS_TEXT } from './availability-chart.ts';
import {
  AXIS_LABEL_WRAP,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  buildKeyPanel,
  tooltipField,
  wrapText,
  serviceGridAxis,
  wrappedLabelExpr,
  type ReportChart,
} from './report-chart.ts';

/** Width in px of one scenario column, from (included) narrow to wide; the grid stays about a page wide. */
const CELL_WIDTH_MAX = 130;
const CELL_WIDTH_MIN = 66;
/** Total width the grid aims for. */
const GRID_WIDTH = 560;
/** Least height in px of one service row (two lines of cell text), and of one line of a wrapped service name. */
const CELL_HEIGHT = 36;
const NAME_LINE_HEIGHT = 13;
/** Column names wrap at this many characters; a name needing more lines than MAX_HEADER_LINES becomes a key. */
const HEADER_WRAP = 16;
const MAX_HEADER_LINES = 4;

/** What a cell's second line says, by how the scenario's figures read. */
function cellStatus(
  scenario: ScenarioResult,
  reading: ScenarioReading,
  serviceId: string,
  status: string | null,
): string {
  if (reading === 'annual') return status === null ? '' : status;
  if (reading === 'attack')
    return (scenario.attack ?? []).some((a) => a.serviceId === serviceId && a.disconnects) ? 'taken down' : '';
  return '';
}

/** Builds the heatmap; null with fewer than two scenarios (one column says nothing a table does not). */
export function buildScenarioHeatmapChart(doc: ResultDocument): ReportChart | null {
  if (doc.scenarios.length < 2 || doc.model.services.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const serviceNames = doc.model.services.map((s) => s.name);
  const cellWidth = Math.max(CELL_WIDTH_MIN, Math.min(CELL_WIDTH_MAX, Math.floor(GRID_WIDTH / doc.scenarios.length)));
  const headerWrap = Math.max(HEADER_WRAP, Math.floor(cellWidth / 7));
  const useKeys = doc.scenarios.some((s) => wrapText(s.name, headerWrap).length > MAX_HEADER_LINES);
  // Rows grow with the longest wrapped service name, so three-line names never run into each other.
  const nameLines = Math.max(1, ...serviceNames.map((n) => wrapText(n, AXIS_LABEL_WRAP).length));
  const cellHeight = Math.max(CELL_HEIGHT, NAME_LINE_HEIGHT * nameLines + 6);
  const columns = doc.scenarios.map((s, i) => (useKeys ? `S${i + 1}` : s.name));
  const cells = doc.scenarios.flatMap((scenario, index) => {
    const reading = readScenario(doc, scenario);
    return scenario.services.map((estimate) => ({
      column: columns[index] ?? scenario.name,
      scenario: scenario.name,
      service: labeler.serviceName(estimate.serviceId),
      nines: estimate.nines.estimate,
      label: [
        // The cell caps the digits so the label fits; the tooltip and the tables keep full precision.
        formatAvailability(
          estimate.availability.estimate,
          Math.min(4, availabilityPercentDecimals([estimate.availability.estimate])),
        ),
        cellStatus(scenario, reading, estimate.serviceId, estimate.targetStatus),
      ].join('\n'),
      readingText: READING_TEXT[reading],
      availabilityText: formatAvailabilityInterval(estimate.availability),
      unavailabilityText: formatProbabilityInterval(estimate.unavailability),
      ninesText: formatNines(estimate.nines.estimate),
      statusText:
        reading !== 'annual' || estimate.targetStatus === null
          ? 'not judged'
          : TARGET_STATUS_TEXT[estimate.targetStatus],
    }));
  });
  if (cells.length === 0) return null;
  const maxNines = Math.max(1, Math.ceil(Math.min(12, Math.max(...cells.map((c) => c.nines)))));
  // Viridis runs dark (few nines, bad) to light (many nines, good); labels switch to white on the dark half.
  const darkBelow = maxNines * 0.45;
  const title = 'Availability in each scenario';
  const worst = describeWorstCells(cells);
  const description =
    `Grid of ${serviceNames.length} services by ${doc.scenarios.length} scenarios; each cell is coloured by ` +
    `availability in nines (dark: low, light: high) and labelled with the availability. Normal-operation cells hold ` +
    `over a year and carry the target verdict; forced-event cells hold while the event lasts` +
    (doc.scenarios.some((s) => readScenario(doc, s) === 'event-year')
      ? ' (in a time simulation: over a year in which the event strikes)'
      : '') +
    `; sabotage cells hold under attack and say when the attack alone takes the service down. ${worst}`;
  const heatmap = {
    data: { values: cells },
    width: cellWidth * columns.length,
    height: cellHeight * serviceNames.length,
    encoding: {
      x: {
        field: 'column',
        type: 'nominal' as const,
        scale: { domain: columns },
        title: null,
        axis: {
          orient: 'top' as const,
          labelAngle: 0,
          labelAlign: 'center' as const,
          labelExpr: useKeys ? 'datum.value' : wrappedLabelExpr(columns, headerWrap),
          labelLimit: 0,
          domain: false,
          ticks: false,
        },
      },
      y: serviceGridAxis(serviceNames),
    },
    layer: [
      {
        mark: { type: 'rect' as const, stroke: 'white', strokeWidth: 2 },
        encoding: {
          color: {
            field: 'nines',
            type: 'quantitative' as const,
            title: 'Availability (nines)',
            scale: { scheme: 'viridis', domain: [0, maxNines], clamp: true },
            legend: {
              orient: 'right' as const,
              direction: 'vertical' as const,
              gradientLength: Math.min(160, cellHeight * serviceNames.length),
            },
          },
          tooltip: [
            tooltipField('service', 'Service'),
            tooltipField('scenario', 'Scenario'),
            tooltipField('readingText', 'Figures hold'),
            tooltipField('availabilityText', 'Availability'),
            tooltipField('unavailabilityText', 'Unavailability'),
            tooltipField('ninesText', 'Nines'),
            tooltipField('statusText', 'Target status'),
          ],
        },
      },
      {
        mark: { type: 'text' as const, lineBreak: '\n', fontSize: 9.5, lineHeight: 12 },
        encoding: {
          text: { field: 'label', type: 'nominal' as const },
          color: { condition: { test: `datum.nines < ${darkBelow}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
  const key = buildKeyPanel(
    doc.scenarios.map((sc, i) => `${columns[i] ?? ''}  ${sc.name}`),
    cellWidth * columns.length,
  );
  return {
    name: 'scenario-heatmap',
    title,
    description,
    caption:
      'Availability per service in each scenario: normal operation over a year, events while they last, sabotage ' +
      'under attack. Darker cells are worse.',
    section: 'events',
    tableNames: ['events', 'sabotage', 'service-estimates'],
    notes: [],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: [
          'Colour: nines of availability (−log₁₀ unavailability); darker is worse.',
          'Normal operation: over a year, with the target verdict. Events: while they last. Sabotage: under attack.',
        ],
      },
      config: REPORT_CHART_CONFIG,
      ...(useKeys ? { vconcat: [heatmap, key], spacing: 12 } : heatmap),
    } as ReportChart['spec'],
  };
}

function describeWorstCells(cells: ReadonlyArray<{ scenario: string; service: string; nines: number }>): string {
  const worst = [...cells].sort((a, b) => a.nines - b.nines).slice(0, 3);
  return `Lowest: ${worst.map((c) => `${c.service} in ${c.scenario} (${formatNines(c.nines)} nines)`).join('; ')}.`;
}
