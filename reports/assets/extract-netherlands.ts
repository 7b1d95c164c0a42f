// Build-time tool, run once: writes the map geography the map charts ship with (`netherlands.geojson`), so no report
// fetches anything at view time: the European Netherlands outline and the neighbouring land of Belgium and Germany
// (world-atlas countries-10m, neighbours clipped to the map's frame) and the IJsselmeer and Markermeer (hand-traced).
// Run: `npx tsx reports/assets/extract-netherlands.ts`. Sources and licences: see README.md in this folder.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** ISO 3166-1 numeric codes: the Netherlands, and the neighbours drawn as context. */
const NETHERLANDS_ISO_NUMERIC = '528';
const NEIGHBOURS = [
  { id: '056', name: 'Belgium' },
  { id: '276', name: 'Germany' },
];
/** Keeps the European part only (the Caribbean islands lie far west of 0 degrees longitude). */
const EUROPE_BOUNDS = { minLon: 2, maxLon: 8, minLat: 50, maxLat: 54.5 };
/** Neighbouring land is clipped to this frame, a little larger than any map of the Netherlands shows. */
const FRAME = { minLon: 2.4, maxLon: 8.2, minLat: 50.2, maxLat: 54.2 };
/** 4 decimals of a degree is about 10 m, far below what a report map can show. */
const COORDINATE_DECIMALS = 4;

/**
 * IJsselmeer and Markermeer as one lake (the Houtribdijk between them is not drawn), traced by hand along the
 * Afsluitdijk, the Frisian coast, the Noordoostpolder and Flevoland dikes and the Noord-Holland coast; about 1-2 km
 * accurate, enough for a country-wide map. Longitude, latitude; d3 winding (clockwise seen from above).
 */
const IJSSELMEER: Position[] = [
  [5.04, 52.93], [5.1, 52.97], [5.18, 53.0], [5.26, 53.04], [5.33, 53.07], [5.4, 53.09], [5.41, 53.03],
  [5.42, 52.98], [5.39, 52.94], [5.35, 52.88], [5.4, 52.84], [5.48, 52.85], [5.57, 52.84], [5.7, 52.84],
  [5.66, 52.78], [5.6, 52.72], [5.59, 52.67], [5.63, 52.63], [5.72, 52.6], [5.8, 52.59], [5.7, 52.57],
  [5.6, 52.57], [5.5, 52.55], [5.42, 52.52], [5.35, 52.47], [5.25, 52.43], [5.14, 52.39], [5.06, 52.35],
  [4.99, 52.37], [5.03, 52.42], [5.08, 52.47], [5.06, 52.52], [5.06, 52.58], [5.05, 52.64], [5.1, 52.66],
  [5.2, 52.68], [5.29, 52.7], [5.22, 52.75], [5.12, 52.77], [5.08, 52.83], [5.04, 52.93],
];

/** Where the water bodies are named on a map (longitude, latitude of the label's centre). */
const WATER_LABELS = [
  { name: 'Noordzee', at: [3.85, 52.75] },
  { name: 'Waddenzee', at: [5.45, 53.33] },
  { name: 'IJsselmeer', at: [5.3, 52.78] },
];

function isInEurope(polygon: Position[][]): boolean {
  return (polygon[0] ?? []).every(
    ([lon = NaN, lat = NaN]) =>
      lon >= EUROPE_BOUNDS.minLon && lon <= EUROPE_BOUNDS.maxLon && lat >= EUROPE_BOUNDS.minLat && lat <= EUROPE_BOUNDS.maxLat,
  );
}

function roundPosition([lon = NaN, lat = NaN]: Position): Position {
  const factor = 10 ** COORDINATE_DECIMALS;
  return [Math.round(lon * factor) / factor, Math.round(lat * factor) / factor];
}

/**
 * Clips a ring to the frame, one edge at a time (Sutherland & Hodgman, "Reentrant polygon clipping", CACM 17(1),
 * 1974). Keeps the ring's orientation; returns an empty ring when nothing is inside.
 */
function clipRing(ring: Position[]): Position[] {
  const edges: Array<{ inside: (p: Position) => boolean; cut: (a: Position, b: Position) => Position }> = [
    { inside: (p) => (p[0] ?? 0) >= FRAME.minLon, cut: (a, b) => cutAtLon(a, b, FRAME.minLon) },
    { inside: (p) => (p[0] ?? 0) <= FRAME.maxLon, cut: (a, b) => cutAtLon(a, b, FRAME.maxLon) },
    { inside: (p) => (p[1] ?? 0) >= FRAME.minLat, cut: (a, b) => cutAtLat(a, b, FRAME.minLat) },
    { inside: (p) => (p[1] ?? 0) <= FRAME.maxLat, cut: (a, b) => cutAtLat(a, b, FRAME.maxLat) },
  ];
  let points = ring.slice(0, -1);
  for (const edge of edges) {
    const next: Position[] = [];
    points.forEach((current, i) => {
      const previous = points[(i + points.length - 1) % points.length] ?? current;
      if (edge.inside(current)) {
        if (!edge.inside(previous)) next.push(edge.cut(previous, current));
        next.push(current);
      } else if (edge.inside(previous)) {
        next.push(edge.cut(previous, current));
      }
    });
    points = next;
  }
  return points.length < 3 ? [] : [...points, points[0] ?? [0, 0]];
}

function cutAtLon([x1 = 0, y1 = 0]: Position, [x2 = 0, y2 = 0]: Position, lon: number): Position {
  return [lon, y1 + ((y2 - y1) * (lon - x1)) / (x2 - x1)];
}

function cutAtLat([x1 = 0, y1 = 0]: Position, [x2 = 0, y2 = 0]: Position, lat: number): Position {
  return [x1 + ((x2 - x1) * (lat - y1)) / (y2 - y1), lat];
}

/** Shoelace area in degrees², negative for a clockwise ring (longitude right, latitude up). */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

const require = createRequire(import.meta.url);
const topologyFile = require.resolve('world-atlas/countries-10m.json');
const topology = JSON.parse(readFileSync(topologyFile, 'utf8')) as Topology<{ countries: GeometryCollection }>;
const countries = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
const polygonsOf = (id: string): Position[][][] => {
  const country = countries.features.find((f) => String(f.id) === id);
  if (country === undefined) throw new Error(`world-atlas countries-10m has no feature ${id}`);
  return country.geometry.type === 'Polygon' ? [country.geometry.coordinates] : country.geometry.coordinates;
};
const source = 'Natural Earth 1:10m admin-0 countries via world-atlas 2.0.2 (countries-10m.json); public domain';

const netherlands: Feature<MultiPolygon> = {
  type: 'Feature',
  id: NETHERLANDS_ISO_NUMERIC,
  properties: { name: 'Netherlands', role: 'land', source },
  geometry: {
    type: 'MultiPolygon',
    coordinates: polygonsOf(NETHERLANDS_ISO_NUMERIC)
      .filter(isInEurope)
      .map((polygon) => polygon.map((ring) => ring.map(roundPosition))),
  },
};
const neighbours: Array<Feature<MultiPolygon>> = NEIGHBOURS.map(({ id, name }) => ({
  type: 'Feature',
  id,
  properties: { name, role: 'neighbour', source: `${source}; clipped to the map frame` },
  geometry: {
    type: 'MultiPolygon',
    coordinates: polygonsOf(id)
      .map((polygon) => polygon.map((ring) => clipRing(ring).map(roundPosition)).filter((ring) => ring.length >= 4))
      .filter((polygon) => polygon.length > 0 && (polygon[0]?.length ?? 0) >= 4),
  },
}));
const lake = signedArea(IJSSELMEER) > 0 ? [...IJSSELMEER].reverse() : IJSSELMEER;
const water: Feature<Polygon> = {
  type: 'Feature',
  id: 'ijsselmeer',
  properties: { name: 'IJsselmeer and Markermeer', role: 'water', source: 'hand-traced, about 1-2 km accurate' },
  geometry: { type: 'Polygon', coordinates: [lake] },
};
const labels: Feature[] = WATER_LABELS.map(({ name, at }) => ({
  type: 'Feature',
  id: `label-${name.toLowerCase()}`,
  properties: { name, role: 'water-label' },
  geometry: { type: 'Point', coordinates: at },
}));
const collection: FeatureCollection = {
  type: 'FeatureCollection',
  features: [netherlands, ...neighbours, water, ...labels],
};
const outFile = join(dirname(fileURLToPath(import.meta.url)), 'netherlands.geojson');
writeFileSync(outFile, `${JSON.stringify(collection)}\n`);
