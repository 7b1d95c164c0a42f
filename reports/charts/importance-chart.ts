// Chart: "Which elements and risk groups matter most for each service?" The top elements by criticality importance
// (the share of the service's unavailability in which the element's failure was critical), with 95% CIs.

import type { ImportanceEntry, ResultDocument } from '../../engine/index.ts';
import { ELEMENT_KIND_NAMES, createElementLabeler } from '../internal/element-labels.ts';
import { formatNumber, formatPercent, formatPercentInterval } from '../internal/format.ts';
import { findImportanceScenario, rankByCriticality } from '../internal/weak-spots.ts';
import {
  OKABE_ITO,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  bandHeightFor,
  tooltipField,
  wrapText,
  wrappedLabelExpr,
  type ConcatPanelSpec,
  type ReportChart,
} from './report-chart.ts';

/** Elements shown per service. */
export const IMPORTANCE_TOP_COUNT = 5;
/** Most service panels drawn (two columns); the importance table has every service. */
export const MAX_IMPORTANCE_PANELS = 12;
const PANEL_COLUMNS = 2;
const PANEL_WIDTH = 150;
const ROW_HEIGHT = 17;
/** Where element names wrap. */
const ELEMENT_WRAP = 26;
/** Where a panel's title (the service name) wraps. */
const TITLE_WRAP = 48;

const KIND_DOMAIN = ['site', 'link', 'risk group'];
const KIND_RANGE = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.reddishPurple];

interface ImportanceRow {
  readonly element: string;
  readonly kind: string;
  readonly criticality: number;
  readonly lower: number;
  readonly upper: number;
  readonly criticalityText: string;
  readonly birnbaumText: string;
  readonly rawText: string;
  readonly fvText: string;
  readonly idText: string;
}

function buildRows(entries: readonly ImportanceEntry[], labelOf: (id: string) => string): ImportanceRow[] {
  const ranked = rankByCriticality(entries).slice(0, IMPORTANCE_TOP_COUNT);
  const labels = ranked.map((e) => labelOf(e.elementId));
  return ranked.map((entry, index) => {
    const label = labels[index] ?? entry.elementId;
    // Two elements with the same name (parallel links between the same sites) get their ids appended.
    const isDuplicate = labels.filter((l) => l === label).length > 1;
    return {
      element: isDuplicate ? `${label} (${entry.elementId})` : label,
      kind: ELEMENT_KIND_NAMES[entry.elementKind],
      criticality: entry.criticality.estimate,
      lower: entry.criticality.lower,
      upper: entry.criticality.upper,
      criticalityText: formatPercentInterval(entry.criticality),
      birnbaumText: formatNumber(entry.birnbaum.estimate, 3),
      rawText: formatNumber(entry.riskAchievementWorth.estimate, 3),
      fvText: formatPercent(entry.fussellVesely.estimate),
      idText: entry.elementId,
    };
  });
}

/** Builds the importance chart; null when no scenario carries importance measures. */
export function buildImportanceChart(doc: ResultDocument): ReportChart | null {
  const scenario = findImportanceScenario(doc);
  if (scenario === null) return null;
  const labeler = createElementLabeler(doc);
  const withImportance = scenario.services.filter((e) => e.importance !== null && e.importance.length > 0);
  const services = withImportance.slice(0, MAX_IMPORTANCE_PANELS).map((e) => ({
    name: labeler.serviceName(e.serviceId),
    rows: buildRows(e.importance ?? [], (id) => labeler.labelOf(id).shortLabel),
  }));
  const maxUpper = Math.max(...services.flatMap((s) => s.rows.map((r) => r.upper)));
  // Every panel uses the same x domain so bars compare across services.
  const x = {
    type: 'quantitative' as const,
    scale: { domain: [0, Math.min(1, Math.ceil((maxUpper + 0.02) * 10) / 10)] },
    axis: { format: '.0%', title: ['Criticality importance', '(share of the service’s downtime)'], tickCount: 4 },
  };
  const panels: ConcatPanelSpec[] = services.map(({ name, rows }) => ({
    title: { text: wrapText(name, TITLE_WRAP), fontSize: 12, anchor: 'start' as const },
    data: { values: rows },
    width: PANEL_WIDTH,
    height:
      bandHeightFor(
        rows.map((r) => r.element),
        ELEMENT_WRAP,
        ROW_HEIGHT,
      ) * rows.length,
    encoding: {
      y: {
        field: 'element',
        type: 'nominal',
        sort: rows.map((r) => r.element),
        title: null,
        axis: {
          labelLimit: 0,
          labelExpr: wrappedLabelExpr(
            rows.map((r) => r.element),
            ELEMENT_WRAP,
          ),
        },
      },
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          x: { ...x, field: 'criticality' },
          color: {
            field: 'kind',
            type: 'nominal',
            title: 'Element kind',
            scale: { domain: KIND_DOMAIN, range: KIND_RANGE },
          },
          tooltip: [
            tooltipField('element', 'Element'),
            tooltipField('idText', 'Id'),
            tooltipField('kind', 'Kind'),
            tooltipField('criticalityText', 'Criticality importance'),
            tooltipField('birnbaumText', 'Birnbaum importance'),
            tooltipField('rawText', 'Risk achievement worth'),
            tooltipField('fvText', 'Fussell-Vesely'),
          ],
        },
      },
      {
        mark: { type: 'rule', color: '#222222', strokeWidth: 1.3 },
        encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
    ],
  }));
  const topPerService = services.map(
    ({ name, rows }) => `${name}: ${rows[0]?.element ?? '-'} (${rows[0]?.criticalityText ?? '-'})`,
  );
  const title = `What matters most per service (${scenario.name})`;
  const description =
    `Top ${IMPORTANCE_TOP_COUNT} elements and risk groups per service in scenario ${scenario.name}, ranked by ` +
    `criticality importance with 95% confidence intervals. Highest per service: ${topPerService.join('; ')}.`;
  const left = withImportance.length - services.length;
  return {
    name: 'importance',
    title,
    description,
    caption:
      `The ${IMPORTANCE_TOP_COUNT} elements and common causes whose failure was most often critical for each service, ` +
      'with 95% intervals; the brief ranks them by the minutes per year this share stands for.',
    section: 'weak-spots',
    tableNames: ['weak-spots', 'importance'],
    notes:
      left <= 0
        ? []
        : [`The first ${MAX_IMPORTANCE_PANELS} services are drawn; the importance table has the other ${left}.`],
    spec: {
      $schema: VEGA_LITE_SCHEMA_URL,
      description,
      title: {
        text: title,
        subtitle: [
          'Bar: share of outages in which the element’s failure was critical; line: 95% confidence interval.',
          'Colour: element kind (site, link or common-cause risk group).',
        ],
      },
      config: REPORT_CHART_CONFIG,
      concat: panels,
      columns: PANEL_COLUMNS,
      spacing: { row: 18, column: 24 },
      resolve: { scale: { x: 'shared', color: 'shared' } },
    },
  };
}
