// GeoJSON export: valid RFC 7946 (checked against a compact JSON Schema and by hand: [lon, lat] order, finite
// numbers), the right features and properties for each case of the fixture document, and the metadata member.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../../engine/index.ts';
import {
  buildGeoJson,
  type LinkFeature,
  type NeveroutFeatureCollection,
  type SiteFeature,
} from '../../../../reports/export/index.ts';
import { ReportOptionsError } from '../../../../reports/index.ts';
import { collectNumbers, deepFreeze, makeResultDocument } from './export-fixtures.ts';

const GEOJSON_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../fixtures/geojson/feature-collection.schema.json', import.meta.url), 'utf8'),
) as object;
const validateGeoJson = new Ajv({ allErrors: true, strict: false }).compile(GEOJSON_SCHEMA);

function site(collection: NeveroutFeatureCollection, id: string): SiteFeature {
  const feature = collection.features.find((f) => f.id === id && f.properties.featureType === 'site');
  if (feature === undefined) throw new Error(`no site feature ${id}`);
  return feature as SiteFeature;
}

function link(collection: NeveroutFeatureCollection, id: string): LinkFeature {
  const feature = collection.features.find((f) => f.id === id && f.properties.featureType === 'link');
  if (feature === undefined) throw new Error(`no link feature ${id}`);
  return feature as LinkFeature;
}

/** The collection as a map tool reads it: serialised and parsed back. */
function roundTrip(collection: NeveroutFeatureCollection): unknown {
  return JSON.parse(JSON.stringify(collection));
}

describe('buildGeoJson', () => {
  it('is a FeatureCollection valid against the RFC 7946 schema, with finite numbers only', () => {
    const collection = buildGeoJson(makeResultDocument());
    expect(validateGeoJson(roundTrip(collection)), JSON.stringify(validateGeoJson.errors)).toBe(true);
    expect(collection.type).toBe('FeatureCollection');
    expect(collectNumbers(collection).every(Number.isFinite)).toBe(true);
    expect(roundTrip(collection)).toEqual(collection);
  });

  it('writes positions as [longitude, latitude]', () => {
    const doc = makeResultDocument();
    const collection = buildGeoJson(doc);
    for (const s of doc.model.sites.filter((x) => x.lat !== null)) {
      expect(site(collection, s.id).geometry.coordinates).toEqual([s.lon, s.lat]);
    }
    expect(link(collection, 'ab').geometry.coordinates).toEqual([
      [4, 52],
      [5, 52.5],
    ]);
    expect(collection.bbox).toEqual([4, 51.5, 6, 53]);
  });

  it('draws sites with coordinates and links with both ends located, and lists the others', () => {
    const collection = buildGeoJson(makeResultDocument());
    expect(collection.features.map((f) => `${f.properties.featureType}:${f.id}`)).toEqual([
      'site:a',
      'site:b',
      'site:c',
      'site:e',
      'link:ab',
      'link:bc',
      'link:be',
      'link:ae',
    ]);
    expect(collection.metadata.omitted).toEqual({ sites: ['d'], links: ['cd'] });
  });

  it('flags single points of failure, but not a site that is only its own service endpoint', () => {
    const collection = buildGeoJson(makeResultDocument());
    expect(site(collection, 'b').properties).toMatchObject({
      singlePointOfFailure: true,
      spofServices: ['s1'],
      endpointOf: [],
    });
    const a = site(collection, 'a').properties;
    expect(a).toMatchObject({ singlePointOfFailure: false, spofServices: [], endpointOf: ['s1', 's2'] });
    expect(a.services.s1).toMatchObject({ singlePointOfFailure: true, endpoint: true });
    expect(link(collection, 'bc').properties).toMatchObject({
      singlePointOfFailure: true,
      spofServices: ['s1'],
      riskGroups: ['g-duct'],
      spofRiskGroups: ['g-duct'],
    });
    expect(link(collection, 'ab').properties).toMatchObject({ singlePointOfFailure: false, spofServices: [] });
    expect(site(collection, 'b').properties.spofRiskGroups).toEqual(['g-power']);
  });

  it('carries link attributes and the importance of the chosen scenario per service', () => {
    const collection = buildGeoJson(makeResultDocument());
    const bc = link(collection, 'bc').properties;
    expect(bc).toMatchObject({
      from: 'b',
      to: 'c',
      fromName: 'Site B',
      toName: 'Site C',
      medium: 'fibre',
      lengthKm: 90,
      failureProbability: 5e-4,
    });
    expect(bc.services.s1).toEqual({
      singlePointOfFailure: true,
      criticality: 0.25,
      birnbaum: 0.125,
      riskAchievementWorth: 450,
      fussellVesely: 0.25,
    });
    expect(bc.services.s2).toEqual({
      singlePointOfFailure: false,
      criticality: null,
      birnbaum: null,
      riskAchievementWorth: null,
      fussellVesely: null,
    });
    expect(bc.maxCriticality).toBe(0.25);
    expect(site(collection, 'c').properties).toMatchObject({
      name: 'Site C',
      kind: 'airbase',
      attributes: { guarded: true },
    });
  });

  it('marks attacked elements for the chosen scenario and lists every scenario that attacks them', () => {
    const baseline = buildGeoJson(makeResultDocument());
    expect(link(baseline, 'ab').properties).toMatchObject({ attacked: false, attackedIn: ['sabotage'] });
    expect(link(baseline, 'ae').properties.attackedIn).toEqual(['sabotage', 'sabotage-1']);
    const sabotage = buildGeoJson(makeResultDocument(), { scenarioId: 'sabotage' });
    expect(link(sabotage, 'ab').properties.attacked).toBe(true);
    expect(link(sabotage, 'be').properties.attacked).toBe(false);
    // The sabotage scenario has no importance measures.
    expect(link(sabotage, 'bc').properties.maxCriticality).toBeNull();
    expect(sabotage.metadata.scenario).toMatchObject({ id: 'sabotage', attacked: ['ab', 'ae', 'bc'] });
  });

  it('puts the manifest and the chosen scenario service table in the metadata member', () => {
    const doc = makeResultDocument();
    const { metadata } = buildGeoJson(doc);
    expect(metadata.manifest).toEqual(doc.manifest);
    expect(metadata.scenario?.id).toBe('baseline');
    expect(metadata.scenarios.map((s) => s.id)).toEqual(['baseline', 'sabotage', 'sabotage-1']);
    expect(metadata.services.map((s) => [s.serviceId, s.availability.estimate, s.singlePointsOfFailure])).toEqual([
      ['s1', 1 - 2e-3, ['b', 'bc', 'g-duct', 'g-power']],
      ['s2', 1 - 3e-3, ['g-power']],
    ]);
    expect(metadata.riskGroups.find((g) => g.id === 'g-power')?.spofServices).toEqual(['s1', 's2']);
    expect(metadata.cutSetMaxOrder).toBe(2);
  });

  it('works without cut sets, importance or scenarios', () => {
    const doc: ResultDocument = { ...makeResultDocument(), cutSets: null, scenarios: [] };
    const collection = buildGeoJson(doc);
    expect(validateGeoJson(roundTrip(collection))).toBe(true);
    expect(collection.metadata.scenario).toBeNull();
    expect(collection.metadata.services).toEqual([]);
    expect(
      collection.features.every((f) => !f.properties.singlePointOfFailure && f.properties.maxCriticality === null),
    ).toBe(true);
  });

  it('leaves out bbox when nothing has coordinates', () => {
    const base = makeResultDocument();
    const doc: ResultDocument = {
      ...base,
      model: { ...base.model, sites: base.model.sites.map((s) => ({ ...s, lat: null, lon: null })) },
    };
    const collection = buildGeoJson(doc);
    expect(collection.features).toEqual([]);
    expect('bbox' in collection).toBe(false);
    expect(validateGeoJson(roundTrip(collection))).toBe(true);
  });

  it('does not mutate the document and is deterministic', () => {
    const doc = deepFreeze(makeResultDocument());
    expect(JSON.stringify(buildGeoJson(doc))).toBe(JSON.stringify(buildGeoJson(doc)));
  });

  it('rejects an unknown scenario id with ReportOptionsError', () => {
    expect(() => buildGeoJson(makeResultDocument(), { scenarioId: 'nope' })).toThrow(ReportOptionsError);
  });

  it('exports the realistic fixture result as valid GeoJSON', () => {
    const doc = JSON.parse(
      readFileSync(new URL('../../../fixtures/results/nafin-2026-q4.result.json', import.meta.url), 'utf8'),
    ) as ResultDocument;
    const collection = buildGeoJson(doc);
    expect(validateGeoJson(roundTrip(collection)), JSON.stringify(validateGeoJson.errors)).toBe(true);
    expect(collection.features.filter((f) => f.properties.featureType === 'site')).toHaveLength(
      doc.model.sites.filter((s) => s.lat !== null).length,
    );
    expect(collection.metadata.omitted.sites).toEqual(['ndc-b']);
  });
});
