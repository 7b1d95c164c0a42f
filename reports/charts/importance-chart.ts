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
  tooltipField,
  wrapText,
  type ConcatPanelSpec,
  type ReportChart,
} from './report-chart.ts';

/** Elements shown per service. */
export const IMPORTANCE_TOP_COUNT = 4;
/** Most service panels drawn (two columns); the importance table has every service. */
export const MAX_IMPORTANCE_PANELS = 12;
const PANEL_COLUMNS = 2;
const PANEL_WIDTH = 120;
const ROW_HEIGHT = 17;
/** Longest element name on one axis line; longer names end in "…" (the tooltip has them whole). */
const ELEMENT_CHARS = 44;
/** Where a panel's title (the service name) wraps. */
const TITLE_WRAP = 52;

const KIND_DOMAIN = ['site', 'link', 'risk group'];
const KIND_RANGE = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.reddishPurple];

interface ImportanceRow {
  readonly element: string;
  readonly fullName: string;
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

/** Cuts a name to at most `maxChars` characters at a word, ending in "…"; shorter names stay whole. */
export function shortenLabel(name: string, maxChars: number): string {
  if ([...name].length <= maxChars) return name;
  const cut = name.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function buildRows(
  entries: readonly ImportanceEntry[],
  labelOf: (id: string) => { short: string; full: string },
): ImportanceRow[] {
  const ranked = rankByCriticality(entries).slice(0, IMPORTANCE_TOP_COUNT);
  const labels = ranked.map((e) => shortenLabel(labelOf(e.elementId).short, ELEMENT_CHARS));
  return ranked.map((entry, index) => {
    const label = labels[index] ?? entry.elementId;
    // Two elements with the same name (parallel links, or names cut alike) are told apart by their position.
    const isDuplicate = labels.filter((l) => l === label).length > 1;
    return {
      element: isDuplicate ? `${index + 1}. ${label}` : label,
      fullName: labelOf(entry.elementId).full,
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
  const endpoints = new Map(doc.model.services.map((s) => [s.id, new Set(s.endpoints)]));
  // A service's own sites are left out, as in the brief: every service needs its own sites.
  const withImportance = scenario.services
    .map((e) => ({
      ...e,
      importance: (e.importance ?? []).filter((i) => !(endpoints.get(e.serviceId)?.has(i.elementId) ?? false)),
    }))
    .filter((e) => e.importance.length > 0);
  const services = withImportance.slice(0, MAX_IMPORTANCE_PANELS).map((e) => ({
    name: labeler.serviceName(e.serviceId),
    rows: buildRows(e.importance, (id) => ({ short: labeler.labelOf(id).shortLabel, full: labeler.labelOf(id).label })),
  }));
  const maxUpper = Math.max(...services.flatMap((s) => s.rows.map((r) => r.upper)));
  // Every panel uses the same x domain so bars compare across services.
  const x = {
    type: 'quantitative' as const,
    scale: { domain: [0, Math.min(1, Math.ceil((maxUpper + 0.02) * 10) / 10)] },
    axis: { format: '.0%', title: 'Share of downtime where critical', tickCount: 4 },
  };
  const panels: ConcatPanelSpec[] = services.map(({ name, rows }) => ({
    title: { text: wrapText(name, TITLE_WRAP), fontSize: 12, anchor: 'start' as const },
    data: { values: rows },
    width: PANEL_WIDTH,
    height: ROW_HEIGHT * rows.length,
    encoding: {
      y: {
        field: 'element',
        type: 'nominal',
        scale: { domain: rows.map((r) => r.element) },
        title: null,
        axis: { labelLimit: 0 },
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
            tooltipField('fullName', 'Element'),
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
    section: 'importance',
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
          'Bar: share of the service’s downtime in which the element’s failure was critical (criticality importance);',
          'line: 95% confidence interval. Shares do not add up: an outage with two critical failures counts for both.',
          'Colour: site, link or common-cause risk group. Own sites left out.',
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
