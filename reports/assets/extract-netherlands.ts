// Build-time tool, run once: extracts the European Netherlands outline from world-atlas countries-10m into the small
// GeoJSON the map chart ships with (`netherlands.geojson`), so no report fetches anything at view time.
// Run: `npx tsx reports/assets/extract-netherlands.ts`. Source and licence: see README.md in this folder.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** ISO 3166-1 numeric code of the Netherlands, the feature id in world-atlas. */
const NETHERLANDS_ISO_NUMERIC = '528';
/** Keeps the European part only (the Caribbean islands lie far west of 0 degrees longitude). */
const EUROPE_BOUNDS = { minLon: 2, maxLon: 8, minLat: 50, maxLat: 54.5 };
/** 4 decimals of a degree is about 10 m, far below what a report map can show. */
const COORDINATE_DECIMALS = 4;

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

const require = createRequire(import.meta.url);
const topologyFile = require.resolve('world-atlas/countries-10m.json');
const topology = JSON.parse(readFileSync(topologyFile, 'utf8')) as Topology<{ countries: GeometryCollection }>;
const countries = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
const netherlands = countries.features.find((f) => String(f.id) === NETHERLANDS_ISO_NUMERIC);
if (netherlands === undefined) throw new Error('world-atlas countries-10m has no feature 528 (Netherlands)');

const polygons = netherlands.geometry.type === 'Polygon' ? [netherlands.geometry.coordinates] : netherlands.geometry.coordinates;
const european = polygons.filter(isInEurope).map((polygon) => polygon.map((ring) => ring.map(roundPosition)));

const outline: Feature<MultiPolygon> = {
  type: 'Feature',
  id: NETHERLANDS_ISO_NUMERIC,
  properties: {
    name: 'Netherlands',
    source: 'Natural Earth 1:10m admin-0 countries via world-atlas 2.0.2 (countries-10m.json); public domain',
  },
  geometry: { type: 'MultiPolygon', coordinates: european },
};
const collection: FeatureCollection<MultiPolygon> = { type: 'FeatureCollection', features: [outline] };
const outFile = join(dirname(fileURLToPath(import.meta.url)), 'netherlands.geojson');
writeFileSync(outFile, `${JSON.stringify(collection)}\n`);
