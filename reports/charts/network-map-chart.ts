// Charts: "Where are the weak spots?" and "What did this scenario take down?" Maps of the Netherlands (shipped outline,
// no requests) with sites as points and links as lines, coloured by criticality or by a scenario's attacked and
// forced elements. Sites without coordinates (and links to them) are listed in the notes, not drawn.

import type { FeatureCollection } from 'geojson';
import type { ResultDocument, ResultLink, ResultSite, ScenarioResult } from '../../engine/index.ts';
import { createElementLabeler } from '../internal/element-labels.ts';
import { joinProse, pluralize } from '../internal/format.ts';
import {
  CRITICALITY_CLASS_LABELS,
  classifyCriticality,
  findSinglePoints,
  type CriticalityClass,
} from '../internal/weak-spots.ts';
import {
  NEUTRAL_GREY,
  OKABE_ITO,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  tooltipField,
  type ChartSpec,
  type ReportChart,
} from './report-chart.ts';

const MAP_WIDTH = 440;
const MAP_HEIGHT = 520;
/** Line dash per link medium: fibre solid, everything else dashed so it is told apart without colour. */
const MEDIUM_DASH: Readonly<Record<string, number[]>> = {
  fibre: [1, 0],
  radio: [6, 3],
  satellite: [2, 3],
  leased: [8, 3, 2, 3],
};

const CRITICALITY_ORDER: readonly CriticalityClass[] = [
  'spof',
  'spof-group-member',
  'cut-2',
  'important',
  'endpoint',
  'other',
];
const CRITICALITY_COLOURS: Readonly<Record<CriticalityClass, string>> = {
  spof: OKABE_ITO.vermillion,
  'spof-group-member': OKABE_ITO.reddishPurple,
  'cut-2': OKABE_ITO.orange,
  important: OKABE_ITO.skyBlue,
  endpoint: OKABE_ITO.blue,
  other: NEUTRAL_GREY,
};

/** What a scenario did to an element, in order of precedence. */
type ScenarioEffect = 'attacked' | 'forced' | 'forced-group-member' | 'none';
const SCENARIO_EFFECT_LABELS: Readonly<Record<ScenarioEffect, string>> = {
  attacked: 'Attacked',
  forced: 'Forced down',
  'forced-group-member': 'In a forced risk group (may fail)',
  none: 'Not directly affected',
};
const SCENARIO_EFFECT_COLOURS: Readonly<Record<ScenarioEffect, string>> = {
  attacked: OKABE_ITO.vermillion,
  forced: OKABE_ITO.orange,
  'forced-group-member': OKABE_ITO.reddishPurple,
  none: NEUTRAL_GREY,
};
const SCENARIO_EFFECT_ORDER: readonly ScenarioEffect[] = ['attacked', 'forced', 'forced-group-member', 'none'];

/** A site with coordinates, as the map draws it. */
interface PlacedSite {
  readonly site: ResultSite;
  readonly lat: number;
  readonly lon: number;
}

/** An element's colour class on a map and the reasons shown in its tooltip. */
interface MapClass {
  readonly label: string;
  readonly reasons: string;
  readonly highlighted: boolean;
  /** Precedence of the class for site labels: 0 most important. */
  readonly priority: number;
}

/** Most site names written on a map; more would overlap into an unreadable mass (tooltips name every site). */
export const MAX_MAP_LABELS = 14;
/** Longest site label in pixels; longer names are cut with an ellipsis. */
const MAP_LABEL_LIMIT = 170;
/** Members of a single-point risk group are coloured only when the group is at most this large (see notes). */
export const MAX_MAPPED_GROUP_MEMBERS = 12;

/**
 * The ids of the sites to label: whole priority levels of highlighted sites, most important first, while the total
 * stays within MAX_MAP_LABELS (a level that would overflow is left out, so labels never depend on site order).
 */
function chooseLabelledSites(sites: ReadonlyArray<{ id: string; mapClass: MapClass }>): Set<string> {
  const levels = new Map<number, string[]>();
  for (const { id, mapClass } of sites) {
    if (!mapClass.highlighted) continue;
    levels.set(mapClass.priority, [...(levels.get(mapClass.priority) ?? []), id]);
  }
  const chosen = new Set<string>();
  for (const priority of [...levels.keys()].sort((a, b) => a - b)) {
    const ids = levels.get(priority) ?? [];
    if (chosen.size + ids.length > MAX_MAP_LABELS) break;
    for (const id of ids) chosen.add(id);
  }
  return chosen;
}

/** Sites that can be drawn and the notes about those that cannot. */
export function partitionSites(doc: ResultDocument): {
  placed: PlacedSite[];
  unplaced: ResultSite[];
  drawableLinks: ResultLink[];
} {
  const placed: PlacedSite[] = [];
  const unplaced: ResultSite[] = [];
  for (const site of doc.model.sites) {
    if (site.lat === null || site.lon === null || !Number.isFinite(site.lat) || !Number.isFinite(site.lon))
      unplaced.push(site);
    else placed.push({ site, lat: site.lat, lon: site.lon });
  }
  const placedIds = new Set(placed.map((p) => p.site.id));
  const drawableLinks = doc.model.links.filter((l) => placedIds.has(l.from) && placedIds.has(l.to));
  return { placed, unplaced, drawableLinks };
}

/** Rough label width per character in degrees of longitude on a Netherlands-wide map (9.5 px text, ~110 px/°). */
const LABEL_DEGREES_PER_CHAR = 0.05;
/** Labels closer than this in latitude (degrees) share a line of text. */
const LABEL_LINE_DEGREES = 0.12;

/**
 * Which side of its dot each label goes: right, unless another labelled site sits under the label's extent to the
 * right on about the same line; then left. A cheap heuristic, not a full label placement.
 */
export function chooseLabelSides(
  sites: ReadonlyArray<{ id: string; name: string; lat: number; lon: number }>,
): Map<string, 'left' | 'right'> {
  const sides = new Map<string, 'left' | 'right'>();
  for (const site of sites) {
    const extent = Math.min(site.name.length, 30) * LABEL_DEGREES_PER_CHAR;
    const blocked = sites.some(
      (other) =>
        other.id !== site.id &&
        Math.abs(other.lat - site.lat) < LABEL_LINE_DEGREES &&
        other.lon > site.lon &&
        other.lon - site.lon < extent + LABEL_DEGREES_PER_CHAR * 2,
    );
    sides.set(site.id, blocked ? 'left' : 'right');
  }
  return sides;
}

function buildMapNotes(doc: ResultDocument): string[] {
  const { unplaced, drawableLinks } = partitionSites(doc);
  const notes: string[] = [];
  if (unplaced.length > 0) {
    notes.push(`Not drawn, no coordinates: ${joinProse(unplaced.map((s) => `${s.name} (${s.id})`))}.`);
    const hidden = doc.model.links.length - drawableLinks.length;
    if (hidden > 0)
      notes.push(`${pluralize(hidden, 'link')} to those sites ${hidden === 1 ? 'is' : 'are'} not drawn either.`);
  }
  return notes;
}

function buildMapSpec(
  doc: ResultDocument,
  outline: FeatureCollection,
  classify: (id: string) => MapClass,
  legend: { title: string; domain: string[]; range: string[] },
  title: string,
  subtitle: string[],
  description: string,
): ChartSpec {
  const labeler = createElementLabeler(doc);
  const { placed, drawableLinks } = partitionSites(doc);
  const coordinates = new Map(placed.map((p) => [p.site.id, p]));
  const labelled = chooseLabelledSites(placed.map(({ site }) => ({ id: site.id, mapClass: classify(site.id) })));
  const sides = chooseLabelSides(
    placed
      .filter((p) => labelled.has(p.site.id))
      .map((p) => ({ id: p.site.id, name: p.site.name, lat: p.lat, lon: p.lon })),
  );
  const siteRows = placed.map(({ site, lat, lon }) => {
    const mapClass = classify(site.id);
    const side = labelled.has(site.id) ? (sides.get(site.id) ?? 'right') : null;
    return {
      lat,
      lon,
      name: site.name,
      id: site.id,
      kind: site.kind,
      mapClass: mapClass.label,
      reasons: mapClass.reasons,
      labelRight: side === 'right' ? site.name : '',
      labelLeft: side === 'left' ? site.name : '',
      emphasis: mapClass.highlighted ? 1 : 0,
    };
  });
  const linkRows = drawableLinks.map((link) => {
    const from = coordinates.get(link.from);
    const to = coordinates.get(link.to);
    const mapClass = classify(link.id);
    return {
      lat: from?.lat ?? 0,
      lon: from?.lon ?? 0,
      lat2: to?.lat ?? 0,
      lon2: to?.lon ?? 0,
      name: labeler.labelOf(link.id).label,
      id: link.id,
      medium: link.medium,
      mapClass: mapClass.label,
      reasons: mapClass.reasons,
      emphasis: mapClass.highlighted ? 1 : 0,
    };
  });
  const media = [...new Set(linkRows.map((l) => l.medium))].sort((a, b) =>
    a === 'fibre' ? -1 : b === 'fibre' ? 1 : a < b ? -1 : 1,
  );
  const color = {
    field: 'mapClass',
    type: 'nominal' as const,
    title: legend.title,
    scale: { domain: legend.domain, range: legend.range },
  };
  const tooltip = [
    tooltipField('name', 'Name'),
    tooltipField('id', 'Id'),
    tooltipField('mapClass', legend.title),
    tooltipField('reasons', 'Why'),
  ];
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    description,
    title: { text: title, subtitle },
    config: REPORT_CHART_CONFIG,
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
    projection: { type: 'mercator' },
    layer: [
      {
        data: { values: outline.features },
        mark: { type: 'geoshape', fill: '#eeeeee', stroke: '#a8a8a8', strokeWidth: 0.8 },
      },
      {
        data: { values: linkRows },
        mark: { type: 'rule', strokeCap: 'round' },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          longitude2: { field: 'lon2' },
          latitude2: { field: 'lat2' },
          color,
          strokeWidth: {
            field: 'emphasis',
            type: 'quantitative',
            scale: { domain: [0, 1], range: [1.6, 3.6] },
            legend: null,
          },
          strokeDash: {
            field: 'medium',
            type: 'nominal',
            title: 'Link medium',
            scale: { domain: media, range: media.map((m) => MEDIUM_DASH[m] ?? [4, 2]) },
          },
          tooltip: [...tooltip, tooltipField('medium', 'Medium')],
        },
      },
      {
        data: { values: siteRows },
        mark: { type: 'circle', opacity: 1, stroke: 'white', strokeWidth: 1.2 },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          color,
          size: { field: 'emphasis', type: 'quantitative', scale: { domain: [0, 1], range: [45, 120] }, legend: null },
          tooltip: [...tooltip, tooltipField('kind', 'Kind')],
        },
      },
      ...(['right', 'left'] as const).map((side) => ({
        data: { values: siteRows },
        mark: {
          type: 'text' as const,
          align: side === 'right' ? ('left' as const) : ('right' as const),
          dx: side === 'right' ? 7 : -7,
          dy: -6,
          fontSize: 9.5,
          color: '#222222',
          limit: MAP_LABEL_LIMIT,
        },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' as const },
          latitude: { field: 'lat', type: 'quantitative' as const },
          text: { field: side === 'right' ? 'labelRight' : 'labelLeft', type: 'nominal' as const },
        },
      })),
    ],
  };
}

/** Builds the criticality map; null when no site has coordinates. */
export function buildCriticalityMapChart(doc: ResultDocument, outline: FeatureCollection): ReportChart | null {
  const { placed } = partitionSites(doc);
  if (placed.length === 0) return null;
  const classes = classifyCriticality(doc, MAX_MAPPED_GROUP_MEMBERS);
  const { drawableLinks } = partitionSites(doc);
  const classOf = (id: string): CriticalityClass => classes.get(id)?.elementClass ?? 'other';
  const classify = (id: string): MapClass => {
    const c = classes.get(id);
    const elementClass = classOf(id);
    return {
      label: CRITICALITY_CLASS_LABELS[elementClass],
      reasons: c === undefined || c.reasons.length === 0 ? 'no weak spot found' : c.reasons.join('; '),
      highlighted: elementClass !== 'other' && elementClass !== 'important',
      priority: CRITICALITY_ORDER.indexOf(elementClass),
    };
  };
  // The legend lists only the classes drawn, in fixed order and colours.
  const present = new Set([...placed.map((p) => classOf(p.site.id)), ...drawableLinks.map((l) => classOf(l.id))]);
  const labeler = createElementLabeler(doc);
  const spofs = [...classes].filter(([, c]) => c.elementClass === 'spof').map(([id]) => labeler.labelOf(id).label);
  const title = 'Where are the weak spots?';
  const description =
    `Map of the Netherlands with ${pluralize(placed.length, 'site')} and their links, coloured by criticality. ` +
    (spofs.length === 0
      ? 'No single point of failure besides service endpoints was found.'
      : `Single points of failure: ${joinProse(spofs)}.`) +
    ` ${buildMapNotes(doc).join(' ')}`;
  const domainClasses = CRITICALITY_ORDER.filter((c) => present.has(c));
  const singleGroupIds = new Set(findSinglePoints(doc).flatMap((s) => s.elements));
  const widespread = doc.model.riskGroups.filter(
    (g) => singleGroupIds.has(g.id) && g.members.length > MAX_MAPPED_GROUP_MEMBERS,
  );
  const widespreadNote =
    widespread.length === 0
      ? []
      : [
          `Single-point risk groups too widespread to colour (more than ${MAX_MAPPED_GROUP_MEMBERS} members): ` +
            `${joinProse(widespread.map((g) => `${g.name} (${g.members.length} members)`))}.`,
        ];
  return {
    name: 'network-map',
    title,
    description: description.trim(),
    tableNames: ['cut-sets', 'sites'],
    notes: [...widespreadNote, ...buildMapNotes(doc)],
    spec: buildMapSpec(
      doc,
      outline,
      classify,
      {
        title: 'Criticality',
        domain: domainClasses.map((c) => CRITICALITY_CLASS_LABELS[c]),
        range: domainClasses.map((c) => CRITICALITY_COLOURS[c]),
      },
      title,
      [
        'Sites (dots) and links (lines) coloured by the most severe weak spot they are part of.',
        'Dashed lines are radio, satellite or leased links. Risk groups are common causes (power, floods, ducts).',
      ],
      description.trim(),
    ),
  };
}

/** The scenario effect of every element: attacked (any service), forced down, or member of a forced risk group. */
function classifyScenarioEffects(
  doc: ResultDocument,
  scenario: ScenarioResult,
): Map<string, { effect: ScenarioEffect; reasons: string[] }> {
  const labeler = createElementLabeler(doc);
  const result = new Map<string, { effect: ScenarioEffect; reasons: string[] }>();
  const mark = (id: string, effect: ScenarioEffect, reason: string) => {
    const current = result.get(id);
    if (current === undefined) {
      result.set(id, { effect, reasons: [reason] });
      return;
    }
    if (!current.reasons.includes(reason)) current.reasons.push(reason);
    if (SCENARIO_EFFECT_ORDER.indexOf(effect) < SCENARIO_EFFECT_ORDER.indexOf(current.effect)) current.effect = effect;
  };
  const groups = new Map(doc.model.riskGroups.map((g) => [g.id, g]));
  for (const attack of scenario.attack ?? []) {
    for (const id of attack.elements) mark(id, 'attacked', `attacked to hit ${labeler.serviceName(attack.serviceId)}`);
  }
  for (const id of scenario.forced) {
    const group = groups.get(id);
    if (group === undefined) {
      mark(id, 'forced', 'forced down in this scenario');
    } else {
      for (const member of group.members) mark(member, 'forced-group-member', `member of ${group.name}`);
    }
  }
  return result;
}

/** True when a scenario attacks or forces anything, so a map of it says something. */
export function hasScenarioEffects(scenario: ScenarioResult): boolean {
  return scenario.forced.length > 0 || (scenario.attack ?? []).some((a) => a.elements.length > 0);
}

/** A file-name-safe, kebab-case form of a user id: "Sabotage 2!" becomes "sabotage-2". */
export function toFileStem(id: string): string {
  const stem = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem === '' ? 'scenario' : stem;
}

/** Builds the map of one scenario's attacked and forced elements; null when nothing is drawn or nothing happens. */
export function buildScenarioMapChart(
  doc: ResultDocument,
  scenario: ScenarioResult,
  outline: FeatureCollection,
  name: string,
): ReportChart | null {
  const { placed } = partitionSites(doc);
  if (placed.length === 0 || !hasScenarioEffects(scenario)) return null;
  const effects = classifyScenarioEffects(doc, scenario);
  const labeler = createElementLabeler(doc);
  const classify = (id: string): MapClass => {
    const e = effects.get(id);
    const effect = e?.effect ?? 'none';
    return {
      label: SCENARIO_EFFECT_LABELS[effect],
      reasons: e === undefined ? 'not directly affected' : e.reasons.join('; '),
      highlighted: effect !== 'none',
      priority: SCENARIO_EFFECT_ORDER.indexOf(effect),
    };
  };
  const present = new Set<ScenarioEffect>(['none', ...[...effects.values()].map((e) => e.effect)]);
  const domainEffects = SCENARIO_EFFECT_ORDER.filter((e) => present.has(e));
  const named = (effect: ScenarioEffect) =>
    [...effects].filter(([, e]) => e.effect === effect).map(([id]) => labeler.labelOf(id).label);
  const parts = [
    named('attacked').length > 0 ? `attacked: ${joinProse(named('attacked'))}` : '',
    named('forced').length > 0 ? `forced down: ${joinProse(named('forced'))}` : '',
    named('forced-group-member').length > 0 ? `in a forced risk group: ${joinProse(named('forced-group-member'))}` : '',
  ].filter((p) => p !== '');
  const title = `Scenario map: ${scenario.name}`;
  const description =
    `Map of the Netherlands for scenario ${scenario.name}; ${parts.join('; ')}. ${buildMapNotes(doc).join(' ')}`.trim();
  return {
    name,
    title,
    description,
    tableNames: scenario.attack === null ? ['scenarios'] : ['attacks'],
    notes: buildMapNotes(doc),
    spec: buildMapSpec(
      doc,
      outline,
      classify,
      {
        title: 'In this scenario',
        domain: domainEffects.map((e) => SCENARIO_EFFECT_LABELS[e]),
        range: domainEffects.map((e) => SCENARIO_EFFECT_COLOURS[e]),
      },
      title,
      [
        scenario.attack === null
          ? 'Elements forced down, and members of forced risk groups, highlighted.'
          : 'Elements the adversary attacks (for any service) and elements forced down, highlighted.',
        'Dashed lines are radio, satellite or leased links.',
      ],
      description,
    ),
  };
}
