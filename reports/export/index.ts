// Public API of reports/export/: exports of a result document for other tools: GeoJSON for maps and Chaos Toolkit
// experiments for live drills. Pure builders of a ResultDocument plus small writers; never reads scenario files.

export { buildGeoJson } from './build-geojson.ts';
export type {
  ElementServiceFigures,
  GeoJsonMetadata,
  GeoJsonPosition,
  GeoJsonServiceRow,
  LinkFeature,
  LinkProperties,
  NeveroutFeatureCollection,
  SiteFeature,
  SiteProperties,
  SiteServiceFigures,
} from './build-geojson.ts';
export {
  ACTION_TIMEOUT_SECONDS,
  buildDrillExperiments,
  ENDPOINT_ENV_PREFIX,
  INJECT_SCRIPT_ENV,
  INJECT_SCRIPT_USAGE,
  PROBE_TIMEOUT_SECONDS,
  type DrillExperiment,
  type DrillServiceFigures,
} from './build-drill-experiments.ts';
export type {
  ChaosAction,
  ChaosExperiment,
  ChaosProbe,
  ContributionWeight,
  EnvConfiguration,
  ProcessProvider,
} from './chaos-experiment.ts';
export { checkExportInput } from './check-export-input.ts';
export { findJsonSyntaxError, type JsonSyntaxError } from './find-json-syntax-error.ts';
export {
  DEFAULT_DRILL_OPTIONS,
  DEFAULT_GEOJSON_OPTIONS,
  resolveDrillOptions,
  resolveGeoJsonOptions,
  selectScenario,
  type DrillOptions,
  type GeoJsonOptions,
  type ResolvedDrillOptions,
  type ResolvedGeoJsonOptions,
} from './export-options.ts';
export {
  findDrillWeakSpots,
  type DrillWeakSpot,
  type InjectedElement,
  type RiskGroupWeakSpot,
  type SabotageWeakSpot,
  type SinglePointWeakSpot,
} from './find-drill-weak-spots.ts';
export { formatExportJson, writeDrillExperiments, writeGeoJson } from './write-exports.ts';
