// Options of the GeoJSON and drill exports and their defaults (resolveXxxOptions fills every field from the
// DEFAULT_XXX_OPTIONS constant and checks it against the document).

import type { ResultDocument, ScenarioResult } from '../../engine/index.ts';
import { ReportOptionsError } from '../report-errors.ts';

/** Options of {@link buildGeoJson}; every field optional. */
export interface GeoJsonOptions {
  /** Scenario whose estimates, importance and attack the features and metadata show; default the first scenario. */
  scenarioId?: string;
}

/** {@link GeoJsonOptions} with every field set. */
export interface ResolvedGeoJsonOptions {
  /** The chosen scenario, or null when the document has none. */
  readonly scenario: ScenarioResult | null;
}

/** Defaults of the GeoJSON export; a null scenario id means the first scenario. */
export const DEFAULT_GEOJSON_OPTIONS: { readonly scenarioId: string | null } = { scenarioId: null };

/** Options of {@link buildDrillExperiments}; every field optional. */
export interface DrillOptions {
  /** At most this many experiments per kind of weak spot (single points of failure, sabotage cuts, risk groups); default 5. */
  top?: number;
  /** Scenario whose availability and importance figures the experiments carry; default the first scenario. */
  scenarioId?: string;
  /** Seconds to observe after the injection before Chaos Toolkit checks the steady state again; default 300. */
  observeSeconds?: number;
}

/** {@link DrillOptions} with every field set. */
export interface ResolvedDrillOptions {
  /** Whole number >= 1. */
  readonly top: number;
  readonly scenario: ScenarioResult | null;
  /** Seconds, >= 0. */
  readonly observeSeconds: number;
}

/** Defaults of the drill export; a null scenario id means the first scenario. */
export const DEFAULT_DRILL_OPTIONS: {
  readonly top: number;
  readonly scenarioId: string | null;
  readonly observeSeconds: number;
} = {
  top: 5,
  scenarioId: null,
  observeSeconds: 300,
};

/**
 * The scenario with id `scenarioId`, or the first scenario when it is null (null when the document has none).
 * @throws ReportOptionsError when no scenario has that id
 */
export function selectScenario(doc: ResultDocument, scenarioId: string | null): ScenarioResult | null {
  if (scenarioId === null) return doc.scenarios[0] ?? null;
  const scenario = doc.scenarios.find((s) => s.id === scenarioId);
  if (scenario === undefined) {
    const known = doc.scenarios.map((s) => s.id).join(', ');
    throw new ReportOptionsError(
      `options.scenarioId must be a scenario id of the result document (${known === '' ? 'it has none' : known}), got "${scenarioId}"`,
    );
  }
  return scenario;
}

/**
 * Fills defaults of the GeoJSON export.
 * @throws ReportOptionsError for an unknown scenario id
 */
export function resolveGeoJsonOptions(doc: ResultDocument, options: GeoJsonOptions = {}): ResolvedGeoJsonOptions {
  return { scenario: selectScenario(doc, options.scenarioId ?? DEFAULT_GEOJSON_OPTIONS.scenarioId) };
}

/**
 * Fills defaults of the drill export and checks them.
 * @throws ReportOptionsError for a `top` that is not a whole number >= 1, a negative or non-finite `observeSeconds`,
 *   or an unknown scenario id
 */
export function resolveDrillOptions(doc: ResultDocument, options: DrillOptions = {}): ResolvedDrillOptions {
  const top = options.top ?? DEFAULT_DRILL_OPTIONS.top;
  if (!Number.isSafeInteger(top) || top < 1)
    throw new ReportOptionsError(`options.top must be a whole number >= 1, got ${top}`);
  const observeSeconds = options.observeSeconds ?? DEFAULT_DRILL_OPTIONS.observeSeconds;
  if (!Number.isFinite(observeSeconds) || observeSeconds < 0) {
    throw new ReportOptionsError(
      `options.observeSeconds must be a finite number of seconds >= 0, got ${observeSeconds}`,
    );
  }
  return { top, observeSeconds, scenario: selectScenario(doc, options.scenarioId ?? DEFAULT_DRILL_OPTIONS.scenarioId) };
}
