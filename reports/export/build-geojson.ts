// GeoJSON export of a result document for maps (QGIS, geojson.io, Leaflet, ArcGIS): a Point per site and a
// LineString per link, with single points of failure, endpoint roles, importance and attacks as properties, and the
// manifest and service availability table of one scenario as a `metadata` foreign member.
//
//   ResultDocument ──resolveGeoJsonOptions──> scenario ──collectElementFacts──> site and link features ──> collection
//
// Format: RFC 7946 (https://www.rfc-editor.org/rfc/rfc7946): positions are [longitude, latitude] in WGS84 degrees
// (section 3.1.1), a LineString has two or more positions (3.1.4), `bbox` is [west, south, east, north] (5), and
// members other than the standard ones are "foreign members" (6.1), which readers keep or ignore.

import type { Interval, ResultDocument, ResultManifest, ResultService, ScenarioResult, StopReason } from '../../engine/index.ts';
import { resolveGeoJsonOptions, type GeoJsonOptions } from './export-options.ts';
import { collectElementFacts, type ElementFacts } from './internal/element-facts.ts';

/** A GeoJSON position: [longitude, latitude] in WGS84 degrees (RFC 7946 section 3.1.1). */
export type GeoJsonPosition = readonly [lon: number, lat: number];

/** Figures of one element for one service, in the chosen scenario. */
export interface ElementServiceFigures {
  /** True when the element alone takes the service down (an order-1 minimal cut set). */
  readonly singlePointOfFailure: boolean;
  /** Criticality importance estimate in [0, 1], or null when importance was not computed. */
  readonly criticality: number | null;
  /** Birnbaum importance estimate in [0, 1], or null. */
  readonly birnbaum: number | null;
  /** Risk achievement worth estimate (>= 1 for a relevant element), or null. */
  readonly riskAchievementWorth: number | null;
  /** Fussell-Vesely importance estimate in [0, 1], or null. */
  readonly fussellVesely: number | null;
}

/** Figures of one site for one service: those of any element plus its endpoint role. */
export interface SiteServiceFigures extends ElementServiceFigures {
  /** True when the site is an endpoint of the service (a connected terminal, or a reach source or destination). */
  readonly endpoint: boolean;
}

/** Properties shared by site and link features. */
interface ElementProperties {
  readonly id: string;
  /**
   * True when the element is a single point of failure of at least one service it is not an endpoint of (a site
   * is always needed by its own services; those are inherent, not weak spots).
   */
  readonly singlePointOfFailure: boolean;
  /** The services of `singlePointOfFailure`, model order. */
  readonly spofServices: readonly string[];
  /** Risk groups that have this element as a member, model order. */
  readonly riskGroups: readonly string[];
  /** Those of `riskGroups` that are themselves single points of failure of some service. */
  readonly spofRiskGroups: readonly string[];
  /** True when the chosen scenario's adversary attacks this element. */
  readonly attacked: boolean;
  /** Every scenario whose adversary attacks this element, document order. */
  readonly attackedIn: readonly string[];
  /** Highest criticality estimate over the services in the chosen scenario, or null without importance. */
  readonly maxCriticality: number | null;
}

/** Properties of a site (Point) feature. */
export interface SiteProperties extends ElementProperties {
  readonly featureType: 'site';
  readonly name: string;
  readonly kind: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** Services that have this site as an endpoint, model order. */
  readonly endpointOf: readonly string[];
  /** Per service id, every service of the model. */
  readonly services: Readonly<Record<string, SiteServiceFigures>>;
}

/** Properties of a link (LineString) feature. */
export interface LinkProperties extends ElementProperties {
  readonly featureType: 'link';
  readonly from: string;
  readonly to: string;
  readonly fromName: string;
  readonly toName: string;
  readonly medium: string;
  /** Length in km, or null when the model has none. */
  readonly lengthKm: number | null;
  /** Steady-state failure probability in [0, 1] in the baseline model. */
  readonly failureProbability: number;
  /** Per service id, every service of the model. */
  readonly services: Readonly<Record<string, ElementServiceFigures>>;
}

/** A site as a Point feature; `id` is the site id. */
export interface SiteFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: GeoJsonPosition };
  readonly properties: SiteProperties;
}

/** A link as a two-position LineString feature (from end, to end); `id` is the link id. */
export interface LinkFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: readonly GeoJsonPosition[] };
  readonly properties: LinkProperties;
}

/** One row of the service availability table in the metadata. */
export interface GeoJsonServiceRow {
  readonly serviceId: string;
  readonly name: string;
  readonly kind: ResultService['kind'];
  readonly endpoints: readonly string[];
  /** Required availability in (0, 1], or null. */
  readonly target: number | null;
  readonly estimator: string;
  readonly samples: number;
  readonly availability: Interval;
  readonly unavailability: Interval;
  readonly downtimeMinutesPerYear: Interval;
  readonly nines: Interval;
  readonly targetStatus: 'met' | 'missed' | 'uncertain' | null;
  /** Ids of the service's single points of failure that are not its own endpoints, sorted. */
  readonly singlePointsOfFailure: readonly string[];
}

/** The `metadata` foreign member: where the figures come from and the chosen scenario's service table. */
export interface GeoJsonMetadata {
  readonly generator: 'neverout';
  readonly resultVersion: number;
  /** The result document's manifest unchanged: engine version, input hashes, plan hash, seed, marking. */
  readonly manifest: ResultManifest;
  readonly model: { readonly name: string; readonly description: string; readonly illustrative: boolean };
  /** The scenario the features and the service table describe; null when the document has no scenarios. */
  readonly scenario: {
    readonly id: string;
    readonly name: string;
    readonly description: string;
    readonly samples: number;
    readonly stoppedBy: StopReason;
    readonly forced: readonly string[];
    /** Attacked element ids of the scenario's adversary, over all services, sorted. */
    readonly attacked: readonly string[];
  } | null;
  /** Every scenario of the document (for choosing another with --scenario). */
  readonly scenarios: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly services: readonly GeoJsonServiceRow[];
  readonly riskGroups: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly eventProbability: number;
    readonly members: readonly string[];
    /** Services the group alone takes down (order-1 cut sets), model order. */
    readonly spofServices: readonly string[];
  }>;
  /** Largest cut-set order analysed, or null without a cut-set analysis (all SPOF flags are then false). */
  readonly cutSetMaxOrder: number | null;
  /** Elements left off the map for lack of coordinates. */
  readonly omitted: { readonly sites: readonly string[]; readonly links: readonly string[] };
}

/** The exported FeatureCollection (RFC 7946 section 3.3) with the `metadata` foreign member. */
export interface NeveroutFeatureCollection {
  readonly type: 'FeatureCollection';
  /** [west, south, east, north] of all features; absent when there are none. */
  readonly bbox?: readonly [number, number, number, number];
  readonly features: ReadonlyArray<SiteFeature | LinkFeature>;
  readonly metadata: GeoJsonMetadata;
}

function figuresOf(facts: ElementFacts, elementId: string, serviceId: string): ElementServiceFigures {
  const entry = facts.importance(elementId, serviceId);
  return {
    singlePointOfFailure: facts.singlePointFor(elementId).includes(serviceId),
    criticality: entry?.criticality.estimate ?? null,
    birnbaum: entry?.birnbaum.estimate ?? null,
    riskAchievementWorth: entry?.riskAchievementWorth.estimate ?? null,
    fussellVesely: entry?.fussellVesely.estimate ?? null,
  };
}

function maxCriticality(figures: readonly ElementServiceFigures[]): number | null {
  const values = figures.flatMap((f) => (f.criticality === null ? [] : [f.criticality]));
  return values.length === 0 ? null : Math.max(...values);
}

/** Properties shared by sites and links. */
function elementProperties(
  facts: ElementFacts,
  scenario: ScenarioResult | null,
  id: string,
  figures: readonly ElementServiceFigures[],
): ElementProperties {
  const endpointOf = facts.endpointOf(id);
  const spofServices = facts.singlePointFor(id).filter((s) => !endpointOf.includes(s));
  const riskGroups = facts.riskGroupsOf(id);
  const attackedIn = facts.attackedIn(id);
  return {
    id,
    singlePointOfFailure: spofServices.length > 0,
    spofServices,
    riskGroups,
    spofRiskGroups: riskGroups.filter((g) => facts.singlePointFor(g).length > 0),
    attacked: scenario !== null && attackedIn.includes(scenario.id),
    attackedIn,
    maxCriticality: maxCriticality(figures),
  };
}

function buildSiteFeatures(doc: ResultDocument, facts: ElementFacts, scenario: ScenarioResult | null): SiteFeature[] {
  const features: SiteFeature[] = [];
  for (const site of doc.model.sites) {
    if (site.lat === null || site.lon === null) continue;
    const endpointOf = facts.endpointOf(site.id);
    const services: Record<string, SiteServiceFigures> = {};
    for (const service of doc.model.services) {
      services[service.id] = { ...figuresOf(facts, site.id, service.id), endpoint: endpointOf.includes(service.id) };
    }
    features.push({
      type: 'Feature',
      id: site.id,
      geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
      properties: {
        featureType: 'site',
        ...elementProperties(facts, scenario, site.id, Object.values(services)),
        name: site.name,
        kind: site.kind,
        attributes: site.attributes,
        endpointOf,
        services,
      },
    });
  }
  return features;
}

function buildLinkFeatures(doc: ResultDocument, facts: ElementFacts, scenario: ScenarioResult | null): LinkFeature[] {
  const sites = new Map(doc.model.sites.map((s) => [s.id, s]));
  const features: LinkFeature[] = [];
  for (const link of doc.model.links) {
    const from = sites.get(link.from);
    const to = sites.get(link.to);
    if (
      from === undefined ||
      to === undefined ||
      from.lat === null ||
      from.lon === null ||
      to.lat === null ||
      to.lon === null
    )
      continue;
    const services: Record<string, ElementServiceFigures> = {};
    for (const service of doc.model.services) services[service.id] = figuresOf(facts, link.id, service.id);
    features.push({
      type: 'Feature',
      id: link.id,
      geometry: {
        type: 'LineString',
        coordinates: [
          [from.lon, from.lat],
          [to.lon, to.lat],
        ],
      },
      properties: {
        featureType: 'link',
        ...elementProperties(facts, scenario, link.id, Object.values(services)),
        from: link.from,
        to: link.to,
        fromName: from.name,
        toName: to.name,
        medium: link.medium,
        lengthKm: link.lengthKm,
        failureProbability: link.failureProbability,
        services,
      },
    });
  }
  return features;
}

/** [west, south, east, north] over every position, or null when there are none. */
function boundingBox(features: ReadonlyArray<SiteFeature | LinkFeature>): [number, number, number, number] | null {
  const positions = features.flatMap((f) =>
    f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates,
  );
  if (positions.length === 0) return null;
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

function buildMetadata(
  doc: ResultDocument,
  facts: ElementFacts,
  scenario: ScenarioResult | null,
  features: ReadonlyArray<SiteFeature | LinkFeature>,
): GeoJsonMetadata {
  const drawn = new Set(features.map((f) => f.id));
  const estimates = new Map((scenario?.services ?? []).map((e) => [e.serviceId, e]));
  const services: GeoJsonServiceRow[] = [];
  for (const service of doc.model.services) {
    const estimate = estimates.get(service.id);
    if (estimate === undefined) continue;
    const ownEndpoints = new Set(service.endpoints);
    const singles = (doc.cutSets?.services.find((s) => s.serviceId === service.id)?.cutSets ?? [])
      .filter((c) => c.order === 1 && !ownEndpoints.has(c.elements[0]))
      .map((c) => c.elements[0]);
    services.push({
      serviceId: service.id,
      name: service.name,
      kind: service.kind,
      endpoints: service.endpoints,
      target: service.target,
      estimator: estimate.estimator,
      samples: estimate.samples,
      availability: estimate.availability,
      unavailability: estimate.unavailability,
      downtimeMinutesPerYear: estimate.downtimeMinutesPerYear,
      nines: estimate.nines,
      targetStatus: estimate.targetStatus,
      singlePointsOfFailure: [...new Set(singles)].sort(),
    });
  }
  return {
    generator: 'neverout',
    resultVersion: doc.resultVersion,
    manifest: doc.manifest,
    model: { name: doc.model.name, description: doc.model.description, illustrative: doc.model.illustrative },
    scenario:
      scenario === null
        ? null
        : {
            id: scenario.id,
            name: scenario.name,
            description: scenario.description,
            samples: scenario.samples,
            stoppedBy: scenario.stoppedBy,
            forced: scenario.forced,
            attacked: [...new Set((scenario.attack ?? []).flatMap((a) => a.elements))].sort(),
          },
    scenarios: doc.scenarios.map((s) => ({ id: s.id, name: s.name })),
    services,
    riskGroups: doc.model.riskGroups.map((g) => ({
      id: g.id,
      name: g.name,
      eventProbability: g.eventProbability,
      members: g.members,
      spofServices: facts.singlePointFor(g.id),
    })),
    cutSetMaxOrder: doc.cutSets?.maxOrder ?? null,
    omitted: {
      sites: doc.model.sites.filter((s) => !drawn.has(s.id)).map((s) => s.id),
      links: doc.model.links.filter((l) => !drawn.has(l.id)).map((l) => l.id),
    },
  };
}

/**
 * Builds the GeoJSON FeatureCollection of a result document: sites with coordinates as Points, links whose two ends
 * have coordinates as LineStrings (sites first, each in model order), and the `metadata` foreign member. Pure: reads
 * only the document.
 * @throws ReportOptionsError for an unknown scenario id
 */
export function buildGeoJson(doc: ResultDocument, options: GeoJsonOptions = {}): NeveroutFeatureCollection {
  const { scenario } = resolveGeoJsonOptions(doc, options);
  const facts = collectElementFacts(doc, scenario);
  const features = [...buildSiteFeatures(doc, facts, scenario), ...buildLinkFeatures(doc, facts, scenario)];
  const bbox = boundingBox(features);
  const metadata = buildMetadata(doc, facts, scenario, features);
  return bbox === null
    ? { type: 'FeatureCollection', features, metadata }
    : { type: 'FeatureCollection', bbox, features, metadata };
}
