// Charts: "Where are the weak spots?" and "What did this scenario take down?" Maps of the Netherlands (shipped
// geography, no requests: the country, its neighbours, the sea, the IJsselmeer) with sites as points and links as
// lines, coloured by criticality or by a scenario's attacked and forced elements. The projection is fixed here, not
// fitted by Vega, so labels are placed in pixels: each weak spot's name goes where it hits no other label, dot or
// water name, or is left to the tooltip. Sites without coordinates (and links to them) are listed in the notes.

import type { Feature, FeatureCollection, Position } from 'geojson';
import type { ResultDocument, ResultLink, ResultSite, ScenarioResult } from '../../engine/index.ts';
import { createElementLabeler, shortSiteName } from '../internal/element-labels.ts';
import { joinProse, pluralize } from '../internal/format.ts';
import {
  CRITICALITY_CLASS_LABELS,
  classifyCriticality,
  findSinglePoints,
  rankWeakSpots,
  type CriticalityClass,
} from '../internal/weak-spots.ts';
import {
  NEUTRAL_GREY,
  OKABE_ITO,
  REPORT_CHART_CONFIG,
  VEGA_LITE_SCHEMA_URL,
  tooltipField,
  wrapText,
  type ChartSpec,
  type MeasureText,
  type ReportChart,
} from './report-chart.ts';

const MAP_WIDTH = 460;
const MAP_HEIGHT = 540;
/** Space in px kept free around the drawn geography inside the map. */
const MAP_MARGIN = 14;
/** Colour of water (the view's background and the lakes): Okabe-Ito sky blue, light. */
const WATER_COLOUR = OKABE_ITO.skyBlue;
const WATER_OPACITY = 0.28;
/** Site label font size in px, line box height, and gap between a dot and its label. */
const LABEL_FONT_SIZE = 9.5;
const LABEL_HEIGHT = 12;
const LABEL_GAP = 3;
/** Dot areas in px² (Vega symbol size) for ordinary and highlighted sites. */
const DOT_SIZES: readonly [number, number] = [45, 120];
/** Water names: size in px and colour. */
const WATER_LABEL_FONT_SIZE = 10;
const WATER_LABEL_COLOUR = OKABE_ITO.blue;
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

/** Most site names written on a map; more would crowd it (tooltips and the sites table name every site). */
export const MAX_MAP_LABELS = 14;
/** Most elements a scenario map's description names per kind of effect. */
const MAX_DESCRIBED_ELEMENTS = 12;
/** Members of a single-point risk group are coloured only when the group is at most this large (see notes). */
export const MAX_MAPPED_GROUP_MEMBERS = 12;

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

/** A Mercator projection with a fixed scale and translation, so pixel positions are known before Vega draws. */
export interface MapFrame {
  /** Pixels per radian of longitude. */
  readonly scale: number;
  readonly translate: readonly [number, number];
  readonly project: (lon: number, lat: number) => [number, number];
  readonly invert: (x: number, y: number) => [number, number];
}

const RADIANS = Math.PI / 180;

/** Mercator y of a latitude in degrees (Mercator 1569; d3-geo's geoMercatorRaw). */
function mercatorY(lat: number): number {
  return Math.log(Math.tan(Math.PI / 4 + (lat * RADIANS) / 2));
}

/**
 * The projection that fits the given positions (longitude, latitude) into width × height less a margin, centred;
 * the same formulas as Vega's (d3-geo) "mercator" with this scale and translate.
 */
export function fitMapFrame(positions: readonly Position[], width: number, height: number, margin: number): MapFrame {
  const lons = positions.map((p) => p[0] ?? 0);
  const ys = positions.map((p) => mercatorY(p[1] ?? 0));
  const [minX, maxX] = [Math.min(...lons) * RADIANS, Math.max(...lons) * RADIANS];
  const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(
    (width - 2 * margin) / Math.max(1e-9, maxX - minX),
    (height - 2 * margin) / Math.max(1e-9, maxY - minY),
  );
  const tx = width / 2 - (scale * (minX + maxX)) / 2;
  const ty = height / 2 + (scale * (minY + maxY)) / 2;
  return {
    scale,
    translate: [tx, ty],
    project: (lon, lat) => [scale * lon * RADIANS + tx, -scale * mercatorY(lat) + ty],
    invert: (x, y) => [(x - tx) / scale / RADIANS, (2 * Math.atan(Math.exp((ty - y) / scale)) - Math.PI / 2) / RADIANS],
  };
}

/** An axis-aligned box in pixels. */
interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** A label to place: its text, the dot it names (pixels, radius) and nothing else. */
export interface LabelRequest {
  readonly id: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly radius: number;
}

/** A placed label: the top-left corner of its text box in pixels, and the dot it names when set apart from it. */
export interface PlacedLabel {
  readonly id: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  /** Where a leader line from the dot meets the label, or null when the label sits next to its dot. */
  readonly leader: {
    readonly fromX: number;
    readonly fromY: number;
    readonly toX: number;
    readonly toY: number;
  } | null;
}

/** Extra distances in px of the outer rings of label positions, drawn with a leader line to the dot. */
const OUTER_RINGS = [14, 30];

/**
 * The positions around a dot at distance d for a w × h box, as top-left corners: right, left, the four diagonals,
 * above and below centred, then above and below starting or ending at the dot (for dots near the map's edge).
 */
function ringPositions(x: number, y: number, d: number, w: number, h: number): Array<[number, number]> {
  const diagonal = d * Math.SQRT1_2;
  return [
    [x + d, y - h / 2],
    [x - d - w, y - h / 2],
    [x + diagonal, y - diagonal - h],
    [x - diagonal - w, y - diagonal - h],
    [x + diagonal, y + diagonal],
    [x - diagonal - w, y + diagonal],
    [x - w / 2, y - d - h],
    [x - w / 2, y + d],
    [x - d, y - d - h],
    [x + d - w, y - d - h],
    [x - d, y + d],
    [x + d - w, y + d],
  ];
}

/**
 * Places labels greedily in request order (most important first): each tries twelve positions around its dot
 * (right, left, the diagonals, above, below, and above or below flush with the dot), then the same farther out with
 * a leader line, and takes the first whose box stays inside the map and hits no dot, no earlier
 * label and no fixed obstacle; a label with no free position is left out. The candidate-position model and greedy
 * baseline of Christensen, Marks and Shieber, "An empirical study of algorithms for point-feature label
 * placement", ACM Transactions on Graphics 14(3), 1995.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  dots: ReadonlyArray<{ x: number; y: number; radius: number }>,
  obstacles: readonly Box[],
  size: { width: number; height: number },
  measureText: MeasureText,
  maxLabels = MAX_MAP_LABELS,
): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const dotBoxes = dots.map((d) => ({
    x1: d.x - d.radius,
    y1: d.y - d.radius,
    x2: d.x + d.radius,
    y2: d.y + d.radius,
  }));
  const placed: PlacedLabel[] = [];
  for (const request of requests) {
    if (placed.length >= maxLabels) break;
    const w = Math.ceil(measureText(request.text, LABEL_FONT_SIZE, false)) + 1;
    const h = LABEL_HEIGHT;
    const d = request.radius + LABEL_GAP;
    const { x, y } = request;
    const candidates = [
      ...ringPositions(x, y, d, w, h).map((p) => ({ p, far: false })),
      ...OUTER_RINGS.flatMap((extra) => ringPositions(x, y, d + extra, w, h).map((p) => ({ p, far: true }))),
    ];
    const fit = candidates
      .map(({ p: [cx, cy], far }) => ({ box: { x1: cx, y1: cy, x2: cx + w, y2: cy + h }, far }))
      .find(
        ({ box }) =>
          box.x1 >= 1 &&
          box.y1 >= 1 &&
          box.x2 <= size.width - 1 &&
          box.y2 <= size.height - 1 &&
          !taken.some((t) => overlaps(box, t)) &&
          !dotBoxes.some((t) => overlaps(box, t)),
      );
    if (fit === undefined) continue;
    taken.push(fit.box);
    let leader: PlacedLabel['leader'] = null;
    if (fit.far) {
      // From the dot's rim to the nearest point of the label's box.
      const toX = Math.min(Math.max(x, fit.box.x1), fit.box.x2);
      const toY = Math.min(Math.max(y, fit.box.y1), fit.box.y2);
      const length = Math.hypot(toX - x, toY - y) || 1;
      leader = {
        fromX: x + ((toX - x) / length) * request.radius,
        fromY: y + ((toY - y) / length) * request.radius,
        toX,
        toY,
      };
      // Later labels keep off the leader line too (its bounding box: conservative, and leaders are short).
      taken.push({ x1: Math.min(x, toX), y1: Math.min(y, toY), x2: Math.max(x, toX), y2: Math.max(y, toY) });
    }
    placed.push({ id: request.id, text: request.text, x: fit.box.x1, y: fit.box.y1, leader });
  }
  return placed;
}

/** The map geography by role: the Netherlands, neighbouring land, lakes and water names (default: land). */
function splitGeography(outline: FeatureCollection): Record<'land' | 'neighbour' | 'water' | 'water-label', Feature[]> {
  const parts: Record<'land' | 'neighbour' | 'water' | 'water-label', Feature[]> = {
    land: [],
    neighbour: [],
    water: [],
    'water-label': [],
  };
  for (const f of outline.features) {
    const role: unknown = f.properties?.role;
    const key = role === 'neighbour' || role === 'water' || role === 'water-label' ? role : 'land';
    parts[key].push(f);
  }
  return parts;
}

function positionsOf(features: readonly Feature[]): Position[] {
  return features.flatMap((f) => {
    const g = f.geometry;
    if (g.type === 'Polygon') return g.coordinates.flat();
    if (g.type === 'MultiPolygon') return g.coordinates.flat(2);
    return [];
  });
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

/** A map spec and which sites got a label. */
interface MapSpecResult {
  readonly spec: ChartSpec;
  readonly labelled: readonly string[];
}

/** What a map shows besides the geography: element classes, legend, title and the order labels are placed in. */
interface MapContent {
  readonly classify: (id: string) => MapClass;
  readonly legend: { title: string; domain: string[]; range: string[] };
  readonly title: string;
  readonly subtitle: string[];
  readonly description: string;
  /** Sort key of a highlighted site's label within its class, lower first (e.g. its weak-spot rank). */
  readonly labelRank: (id: string) => number;
}

function buildMapSpec(
  doc: ResultDocument,
  outline: FeatureCollection,
  content: MapContent,
  measureText: MeasureText,
): MapSpecResult {
  const { classify, legend } = content;
  const labeler = createElementLabeler(doc);
  const { placed, drawableLinks } = partitionSites(doc);
  const geography = splitGeography(outline);
  const frame = fitMapFrame(
    [...positionsOf(geography.land), ...placed.map((p) => [p.lon, p.lat])],
    MAP_WIDTH,
    MAP_HEIGHT,
    MAP_MARGIN,
  );
  const coordinates = new Map(placed.map((p) => [p.site.id, p]));
  // Vega's bounds of a dot include its white outline and a pixel of anti-aliasing.
  const radiusOf = (highlighted: boolean) => Math.sqrt(DOT_SIZES[highlighted ? 1 : 0] / Math.PI) + 2;
  const dots = placed.map((p) => {
    const [x, y] = frame.project(p.lon, p.lat);
    return { id: p.site.id, x, y, radius: radiusOf(classify(p.site.id).highlighted) };
  });
  const waterLabels = geography['water-label'].flatMap((f) => {
    if (f.geometry.type !== 'Point') return [];
    const [lon = 0, lat = 0] = f.geometry.coordinates;
    const name = typeof f.properties?.name === 'string' ? f.properties.name : '';
    const [x, y] = frame.project(lon, lat);
    const w = measureText(name, WATER_LABEL_FONT_SIZE, false);
    const box = {
      x1: x - w / 2 - 2,
      y1: y - WATER_LABEL_FONT_SIZE / 2 - 2,
      x2: x + w / 2 + 2,
      y2: y + WATER_LABEL_FONT_SIZE / 2 + 2,
    };
    // A water name that would sit on a dot or leave the map is not written.
    const clear =
      box.x1 >= 0 &&
      box.y1 >= 0 &&
      box.x2 <= MAP_WIDTH &&
      box.y2 <= MAP_HEIGHT &&
      !dots.some((d) =>
        overlaps(box, { x1: d.x - d.radius, y1: d.y - d.radius, x2: d.x + d.radius, y2: d.y + d.radius }),
      );
    return clear ? [{ name, lon, lat, box }] : [];
  });
  const requests = placed
    .map((p) => ({ p, mapClass: classify(p.site.id) }))
    .filter(({ mapClass }) => mapClass.highlighted)
    .sort(
      (a, b) =>
        a.mapClass.priority - b.mapClass.priority ||
        content.labelRank(a.p.site.id) - content.labelRank(b.p.site.id) ||
        (a.p.site.name < b.p.site.name ? -1 : a.p.site.name > b.p.site.name ? 1 : 0),
    )
    .map(({ p }): LabelRequest => {
      const [x, y] = frame.project(p.lon, p.lat);
      return { id: p.site.id, text: shortSiteName(p.site.name), x, y, radius: radiusOf(true) };
    });
  const labels = placeLabels(
    requests,
    dots,
    waterLabels.map((w) => w.box),
    { width: MAP_WIDTH, height: MAP_HEIGHT },
    measureText,
  );
  const siteRows = placed.map(({ site, lat, lon }) => {
    const mapClass = classify(site.id);
    return {
      lat,
      lon,
      name: site.name,
      id: site.id,
      kind: site.kind,
      mapClass: mapClass.label,
      reasons: mapClass.reasons,
      emphasis: mapClass.highlighted ? 1 : 0,
    };
  });
  const labelRows = labels.map((label) => {
    const [lon, lat] = frame.invert(label.x, label.y);
    return { lon, lat, text: label.text };
  });
  const leaderRows = labels.flatMap(({ leader }) => {
    if (leader === null) return [];
    const [lon, lat] = frame.invert(leader.fromX, leader.fromY);
    const [lon2, lat2] = frame.invert(leader.toX, leader.toY);
    return [{ lon, lat, lon2, lat2 }];
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
  const geoshape = (features: Feature[], mark: Record<string, unknown>) => ({
    data: { values: features },
    mark: { type: 'geoshape' as const, clip: false, ...mark },
  });
  const spec = {
    $schema: VEGA_LITE_SCHEMA_URL,
    description: content.description,
    title: { text: wrapText(content.title, 60), subtitle: content.subtitle },
    config: REPORT_CHART_CONFIG,
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
    // The view's background is the sea; the projection is fixed (not fitted by Vega) so labels land where placed.
    view: { fill: WATER_COLOUR, fillOpacity: WATER_OPACITY, stroke: '#bbbbbb' },
    // clipExtent cuts the outlines to the frame geometrically, and every mark is unclipped (sites, links and labels
    // are placed inside the frame): the same picture as Vega-Lite's default of an SVG clip path per layer, which
    // rasterisers draw as a full-size mask each (two thirds of a map's PNG time).
    projection: {
      type: 'mercator',
      scale: frame.scale,
      translate: [...frame.translate],
      clipExtent: [
        [0, 0],
        [MAP_WIDTH, MAP_HEIGHT],
      ],
    },
    layer: [
      geoshape(geography.neighbour, { fill: '#f7f7f7', stroke: '#c8c8c8', strokeWidth: 0.6 }),
      geoshape(geography.land, { fill: '#e6e6e6', stroke: '#9a9a9a', strokeWidth: 0.8 }),
      // Lakes: white under the translucent water colour, so they match the sea exactly.
      geoshape(geography.water, { fill: 'white', stroke: null }),
      geoshape(geography.water, {
        fill: WATER_COLOUR,
        fillOpacity: WATER_OPACITY,
        stroke: '#9a9a9a',
        strokeWidth: 0.5,
      }),
      {
        data: { values: waterLabels.map(({ name, lon, lat }) => ({ name, lon, lat })) },
        mark: {
          type: 'text' as const,
          clip: false,
          fontSize: WATER_LABEL_FONT_SIZE,
          fontStyle: 'italic',
          color: WATER_LABEL_COLOUR,
          align: 'center' as const,
          baseline: 'middle' as const,
        },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' as const },
          latitude: { field: 'lat', type: 'quantitative' as const },
          text: { field: 'name', type: 'nominal' as const },
        },
      },
      {
        data: { values: linkRows },
        mark: { type: 'rule', clip: false, strokeCap: 'round' },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          longitude2: { field: 'lon2' },
          latitude2: { field: 'lat2' },
          color,
          strokeWidth: {
            field: 'emphasis',
            type: 'quantitative',
            scale: { domain: [0, 1], range: [1.4, 3.4] },
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
        mark: { type: 'circle', clip: false, opacity: 1, stroke: 'white', strokeWidth: 1.2 },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          color,
          size: {
            field: 'emphasis',
            type: 'quantitative',
            scale: { domain: [0, 1], range: [...DOT_SIZES] },
            legend: null,
          },
          tooltip: [...tooltip, tooltipField('kind', 'Kind')],
        },
      },
      {
        data: { values: leaderRows },
        mark: { type: 'rule' as const, clip: false, color: '#333333', strokeWidth: 0.8 },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' as const },
          latitude: { field: 'lat', type: 'quantitative' as const },
          longitude2: { field: 'lon2' },
          latitude2: { field: 'lat2' },
        },
      },
      {
        data: { values: labelRows },
        mark: {
          type: 'text' as const,
          clip: false,
          align: 'left' as const,
          baseline: 'top' as const,
          fontSize: LABEL_FONT_SIZE,
          color: '#111111',
        },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' as const },
          latitude: { field: 'lat', type: 'quantitative' as const },
          text: { field: 'text', type: 'nominal' as const },
        },
      },
    ],
  } as unknown as ChartSpec;
  return { spec, labelled: labels.map((l) => l.id) };
}

/** The note on labels: how many highlighted sites are named and where the rest are. */
function labelNote(highlighted: number, labelled: number): string[] {
  if (highlighted <= labelled) return [];
  return [
    `${labelled} of the ${highlighted} highlighted sites are named on the map, the most important first, where a ` +
      'name fits without covering another; every site is named in its tooltip and in the sites table.',
  ];
}

/** Builds the criticality map; null when no site has coordinates. */
export function buildCriticalityMapChart(
  doc: ResultDocument,
  outline: FeatureCollection,
  measureText: MeasureText,
): ReportChart | null {
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
  // Labels follow the brief's ranking of weak spots (sites only), then the class order.
  const ranked = rankWeakSpots(doc, Number.POSITIVE_INFINITY).map((w) => w.elementId);
  const rankOf = (id: string) => (ranked.includes(id) ? ranked.indexOf(id) : ranked.length);
  const { spec, labelled } = buildMapSpec(
    doc,
    outline,
    {
      classify,
      legend: {
        title: 'Criticality',
        domain: domainClasses.map((c) => CRITICALITY_CLASS_LABELS[c]),
        range: domainClasses.map((c) => CRITICALITY_COLOURS[c]),
      },
      title,
      subtitle: [
        'Sites (dots) and links (lines) coloured by the most severe weak spot they are part of; the most severe named.',
        'Dashed lines are radio, satellite or leased links. Risk groups are common causes (power, floods, ducts).',
      ],
      description: description.trim(),
      labelRank: rankOf,
    },
    measureText,
  );
  const highlighted = placed.filter((p) => classify(p.site.id).highlighted).length;
  return {
    name: 'network-map',
    title,
    description: description.trim(),
    caption:
      spofs.length === 0
        ? 'Where the weak spots are: no single point of failure besides the services’ own sites; colours show the common causes and pairs that can still cut services off.'
        : `Where the weak spots are: ${pluralize(spofs.length, 'single point of failure')} (sites, links and common causes) ` +
          'and the sites of the common causes and pairs that can cut services off; the most severe are named.',
    section: 'weak-spots',
    tableNames: ['single-points', 'cut-sets', 'sites'],
    notes: [...widespreadNote, ...labelNote(highlighted, labelled.length), ...buildMapNotes(doc)],
    spec,
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
  measureText: MeasureText,
): ReportChart | null {
  const { placed } = partitionSites(doc);
  if (placed.length === 0 || !hasScenarioEffects(scenario)) return null;
  const effects = classifyScenarioEffects(doc, scenario);
  const attacked = (scenario.attack ?? []).length > 0;
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
  // A long list is cut after a dozen names: the description is read aloud and printed; the tables have every one.
  const listed = (effect: ScenarioEffect) => {
    const names = named(effect);
    const more = names.length - MAX_DESCRIBED_ELEMENTS;
    return joinProse(more > 0 ? [...names.slice(0, MAX_DESCRIBED_ELEMENTS), `${more} more`] : names);
  };
  const parts = [
    named('attacked').length > 0 ? `attacked: ${listed('attacked')}` : '',
    named('forced').length > 0 ? `forced down: ${listed('forced')}` : '',
    named('forced-group-member').length > 0 ? `in a forced risk group: ${listed('forced-group-member')}` : '',
  ].filter((p) => p !== '');
  const title = `Scenario map: ${scenario.name}`;
  const description =
    `Map of the Netherlands for scenario ${scenario.name}; ${parts.join('; ')}. ${buildMapNotes(doc).join(' ')}`.trim();
  const { spec, labelled } = buildMapSpec(
    doc,
    outline,
    {
      classify,
      legend: {
        title: 'In this scenario',
        domain: domainEffects.map((e) => SCENARIO_EFFECT_LABELS[e]),
        range: domainEffects.map((e) => SCENARIO_EFFECT_COLOURS[e]),
      },
      title,
      subtitle: [
        !attacked
          ? 'Elements forced down, and members of forced risk groups, highlighted.'
          : 'Elements the adversary attacks (for any service) and elements forced down, highlighted.',
        'Dashed lines are radio, satellite or leased links.',
      ],
      description,
      labelRank: () => 0,
    },
    measureText,
  );
  const highlighted = placed.filter((p) => classify(p.site.id).highlighted).length;
  return {
    name,
    title,
    description,
    caption: !attacked
      ? `What scenario “${scenario.name}” forces down.`
      : `What the attacker of scenario “${scenario.name}” attacks, for any service.`,
    section: 'maps',
    tableNames: attacked ? ['attacks', 'sabotage'] : ['scenarios'],
    notes: [...labelNote(highlighted, labelled.length), ...buildMapNotes(doc)],
    spec,
  };
}
