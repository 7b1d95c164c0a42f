// Drill export: the bridge from simulation to a live exercise. Each weak spot becomes one Chaos Toolkit experiment:
// the steady state is "every endpoint of each affected service answers", the method takes the weak spot down through
// an exercise-team script, the rollbacks restore it, and a `neverout` extension carries the figures behind the drill.
//
//   ResultDocument ──resolveDrillOptions──> findDrillWeakSpots ──> per weak spot: figures, probes, actions ──> files
//
// No network address is invented: endpoints are neverout node ids, resolved at run time from environment variables
// named in each experiment's `configuration` (Chaos Toolkit fails the run while one is unset).

import type { ImportanceEntry, Interval, ResultDocument, ScenarioResult } from '../../engine/index.ts';
import type { ChaosAction, ChaosExperiment, ChaosProbe, EnvConfiguration } from './chaos-experiment.ts';
import { resolveDrillOptions, type DrillOptions } from './export-options.ts';
import { findDrillWeakSpots, type DrillWeakSpot, type InjectedElement } from './find-drill-weak-spots.ts';

/** Environment variable of the exercise team's injection script (`SCRIPT down|up KIND ID [MEMBER_ID...]`). */
export const INJECT_SCRIPT_ENV = 'NEVEROUT_INJECT_SCRIPT';
/** Prefix of the environment variables that hold an endpoint's address, e.g. NEVEROUT_ENDPOINT_MK_LIMBURG. */
export const ENDPOINT_ENV_PREFIX = 'NEVEROUT_ENDPOINT_';
/** How the injection script is called; recorded in every experiment. */
export const INJECT_SCRIPT_USAGE = `$${INJECT_SCRIPT_ENV} down|up node|link|group ELEMENT_ID [MEMBER_ID...]`;
/** Seconds a ping probe may take (3 echo requests) before it counts as failed. */
export const PROBE_TIMEOUT_SECONDS = 30;
/** Seconds an injection or restore may take before Chaos Toolkit counts it as failed. */
export const ACTION_TIMEOUT_SECONDS = 600;

/** The figures of one affected service, carried in the `neverout` extension. */
export interface DrillServiceFigures {
  readonly serviceId: string;
  readonly name: string;
  readonly endpoints: readonly string[];
  /** True when the drill alone takes the service down: the injected set contains a minimal cut set, or the attack disconnects it. */
  readonly predictedDown: boolean;
  /** The service's minimal cut sets (from the cut-set analysis) that the injected set contains. */
  readonly minimalCutSets: ReadonlyArray<readonly string[]>;
  /** Availability in the figures scenario (normally the baseline), or null when that scenario did not estimate it. */
  readonly baselineAvailability: Interval | null;
  /**
   * Predicted availability while the weak spot is down: 0 when predictedDown; otherwise 1 - RAW * U from the injected
   * element's risk achievement worth (RAW) and the baseline unavailability U; null when neither is known.
   */
  readonly availabilityDuringDrill: number | null;
  /** baselineAvailability.estimate - availabilityDuringDrill, or null when either is unknown. */
  readonly availabilityDrop: number | null;
  /** Importance of the injected element (one-element drills) for the service in the figures scenario, estimates. */
  readonly importance: {
    readonly birnbaum: number;
    readonly criticality: number;
    readonly riskAchievementWorth: number;
    readonly fussellVesely: number;
  } | null;
  /** For a sabotage cut: the service's availability in each attack scenario (attack on top of random failures). */
  readonly underAttack: ReadonlyArray<{ readonly scenarioId: string; readonly availability: Interval }>;
}

/** One experiment file to write. */
export interface DrillExperiment {
  /** File name, e.g. `01-spof-ams-dhd.json`: rank, kind and the injected ids. */
  readonly fileName: string;
  readonly weakSpot: DrillWeakSpot;
  readonly experiment: ChaosExperiment;
}

const KIND_FILE_TAGS: Readonly<Record<DrillWeakSpot['kind'], string>> = {
  'single-point-of-failure': 'spof',
  'sabotage-cut': 'sabotage',
  'risk-group': 'risk-group',
};

const ELEMENT_KIND_NAMES: Readonly<Record<InjectedElement['kind'], string>> = {
  node: 'site',
  link: 'link',
  group: 'risk group',
};

function formatPercent(availability: number): string {
  return `${(availability * 100).toPrecision(7).replace(/0+$/, '').replace(/\.$/, '')}%`;
}

function describeElement(e: InjectedElement): string {
  return `${ELEMENT_KIND_NAMES[e.kind]} ${e.label} [${e.id}]`;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Configuration keys of endpoints: `endpoint_` plus the id with other characters than [A-Za-z0-9_] as `_`, unique. */
function assignEndpointKeys(endpointIds: readonly string[]): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const id of endpointIds) {
    if (keys.has(id)) continue;
    const base = `endpoint_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let key = base;
    // Environment names are upper-cased, so uniqueness is checked case-insensitively.
    for (let n = 2; used.has(key.toLowerCase()); n++) key = `${base}_${n}`;
    used.add(key.toLowerCase());
    keys.set(id, key);
  }
  return keys;
}

function envKeyOf(configKey: string): string {
  return `${ENDPOINT_ENV_PREFIX}${configKey.slice('endpoint_'.length).toUpperCase()}`;
}

function importanceOf(scenario: ScenarioResult | null, elementId: string, serviceId: string): ImportanceEntry | null {
  const estimate = scenario?.services.find((e) => e.serviceId === serviceId);
  return estimate?.importance?.find((e) => e.elementId === elementId) ?? null;
}

/** Services affected by a weak spot: its own, plus any whose minimal cut set the injected set contains; model order. */
function affectedServices(doc: ResultDocument, spot: DrillWeakSpot, injectedIds: ReadonlySet<string>): string[] {
  const ids = new Set(spot.serviceIds);
  for (const service of doc.cutSets?.services ?? []) {
    if (service.cutSets.some((c) => c.elements.every((e) => injectedIds.has(e)))) ids.add(service.serviceId);
  }
  return doc.model.services.filter((s) => ids.has(s.id)).map((s) => s.id);
}

function buildServiceFigures(
  doc: ResultDocument,
  spot: DrillWeakSpot,
  scenario: ScenarioResult | null,
  serviceId: string,
  injectedIds: ReadonlySet<string>,
): DrillServiceFigures {
  const service = doc.model.services.find((s) => s.id === serviceId);
  const cuts = (doc.cutSets?.services.find((s) => s.serviceId === serviceId)?.cutSets ?? []).filter((c) =>
    c.elements.every((e) => injectedIds.has(e)),
  );
  const predictedDown = cuts.length > 0 || (spot.kind === 'sabotage-cut' && spot.serviceIds.includes(serviceId));
  const baseline = scenario?.services.find((e) => e.serviceId === serviceId) ?? null;
  const entry = spot.injected.length === 1 ? importanceOf(scenario, spot.injected[0].id, serviceId) : null;
  let during: number | null = null;
  if (predictedDown) during = 0;
  else if (entry !== null && baseline !== null && baseline.unavailability.estimate > 0) {
    // RAW = U(element down) / U (Vesely et al., Measures of Risk Importance, NUREG/CR-3385, 1983; engine/exact/
    // importance-measures.ts), so U(element down) = RAW * U.
    during = Math.min(1, Math.max(0, 1 - entry.riskAchievementWorth.estimate * baseline.unavailability.estimate));
  }
  const underAttack =
    spot.kind === 'sabotage-cut'
      ? spot.scenarioIds.flatMap((id) => {
          const estimate = doc.scenarios.find((s) => s.id === id)?.services.find((e) => e.serviceId === serviceId);
          return estimate === undefined ? [] : [{ scenarioId: id, availability: estimate.availability }];
        })
      : [];
  return {
    serviceId,
    name: service?.name ?? serviceId,
    endpoints: service?.endpoints ?? [],
    predictedDown,
    minimalCutSets: cuts.map((c) => c.elements),
    baselineAvailability: baseline?.availability ?? null,
    availabilityDuringDrill: during,
    availabilityDrop: baseline !== null && during !== null ? baseline.availability.estimate - during : null,
    importance:
      entry === null
        ? null
        : {
            birnbaum: entry.birnbaum.estimate,
            criticality: entry.criticality.estimate,
            riskAchievementWorth: entry.riskAchievementWorth.estimate,
            fussellVesely: entry.fussellVesely.estimate,
          },
    underAttack,
  };
}

function injectArguments(direction: 'down' | 'up', e: InjectedElement): string[] {
  // `env` runs the script named by the configuration: Chaos Toolkit resolves a process `path` on PATH when it
  // validates the experiment, before substituting `${...}`, so the script itself cannot be the path.
  return ['${inject_script}', direction, e.kind, e.id, ...e.members];
}

function buildTitle(spot: DrillWeakSpot, serviceNames: readonly string[]): string {
  const services = listText(serviceNames);
  switch (spot.kind) {
    case 'single-point-of-failure':
      return `neverout drill: single point of failure ${describeElement(spot.injected[0])} takes down ${services}`;
    case 'sabotage-cut':
      return `neverout drill: sabotage cut of ${listText(spot.injected.map(describeElement))} (cost ${spot.cost}) disconnects ${services}`;
    case 'risk-group':
      return `neverout drill: risk group ${spot.injected[0].label} [${spot.injected[0].id}] (${spot.injected[0].members.length} elements at once) affects ${services}`;
  }
}

function buildFinding(spot: DrillWeakSpot, serviceNames: readonly string[]): string {
  const services = listText(serviceNames);
  switch (spot.kind) {
    case 'single-point-of-failure':
      return `neverout's cut-set analysis finds that ${describeElement(spot.injected[0])} alone takes down ${services}: it is a single point of failure (an order-1 minimal cut set).`;
    case 'sabotage-cut':
      return (
        `In ${listText(spot.scenarioIds.map((id) => `scenario ${id}`))}, ${/^[aeiou]/.test(spot.strategy) ? 'an' : 'a'} ${spot.strategy} adversary takes down ${services} by attacking ` +
        `${listText(spot.injected.map(describeElement))} at a cost of ${spot.cost}${spot.proven ? ' (proven the cheapest such cut)' : ''}.`
      );
    case 'risk-group':
      return spot.basis === 'importance'
        ? `Risk group ${spot.injected[0].label} [${spot.injected[0].id}] is among the most critical common causes (criticality importance up to ${(spot.maxCriticality ?? 0).toPrecision(3)}) for ${services}.`
        : `Risk group ${spot.injected[0].label} [${spot.injected[0].id}] alone takes down ${services}: an order-1 minimal cut set.`;
  }
}

/** One experiment for one weak spot. */
function buildExperiment(
  doc: ResultDocument,
  spot: DrillWeakSpot,
  rank: number,
  scenario: ScenarioResult | null,
  observeSeconds: number,
): ChaosExperiment {
  const injectedIds = new Set(spot.injected.flatMap((e) => [e.id, ...e.members]));
  const serviceIds = affectedServices(doc, spot, injectedIds);
  const figures = serviceIds.map((id) => buildServiceFigures(doc, spot, scenario, id, injectedIds));
  const names = figures.map((f) => `${f.name} [${f.serviceId}]`);
  const expectDeviation = figures.some((f) => f.predictedDown);

  const endpointKeys = assignEndpointKeys(figures.flatMap((f) => f.endpoints));
  const configuration: Record<string, EnvConfiguration> = { inject_script: { type: 'env', key: INJECT_SCRIPT_ENV } };
  for (const key of endpointKeys.values()) configuration[key] = { type: 'env', key: envKeyOf(key) };

  const probes: ChaosProbe[] = figures.flatMap((f) =>
    f.endpoints.map((endpoint) => ({
      type: 'probe' as const,
      name: `${f.serviceId}: endpoint ${endpoint} reachable`,
      // A process probe returns {status, stdout, stderr}; the tolerance is compared with status (ping exits 0 on reply).
      tolerance: 0,
      provider: {
        type: 'process' as const,
        path: 'ping',
        arguments: ['-c', '3', `\${${endpointKeys.get(endpoint) ?? ''}}`],
        timeout: PROBE_TIMEOUT_SECONDS,
      },
    })),
  );
  const method: ChaosAction[] = spot.injected.map((e, i) => ({
    type: 'action',
    name: `take down ${ELEMENT_KIND_NAMES[e.kind]} ${e.id}`,
    provider: { type: 'process', path: 'env', arguments: injectArguments('down', e), timeout: ACTION_TIMEOUT_SECONDS },
    ...(i === spot.injected.length - 1 ? { pauses: { after: observeSeconds } } : {}),
  }));
  const rollbacks: ChaosAction[] = [...spot.injected].reverse().map((e) => ({
    type: 'action',
    name: `restore ${ELEMENT_KIND_NAMES[e.kind]} ${e.id}`,
    provider: { type: 'process', path: 'env', arguments: injectArguments('up', e), timeout: ACTION_TIMEOUT_SECONDS },
  }));

  const manifest = doc.manifest;
  const prediction = expectDeviation
    ? 'neverout predicts the steady state will NOT hold after the injection (the experiment deviates); if it still holds, the live network has redundancy the model lacks.'
    : 'neverout predicts a drop in availability but no certain outage: the steady state may hold; compare the observed outage with the figures in the neverout extension.';
  const baselineText = figures
    .filter((f) => f.baselineAvailability !== null)
    .map((f) => `${f.serviceId} ${formatPercent(f.baselineAvailability?.estimate ?? 0)}`);
  const description = [
    manifest.marking === null ? '' : `[${manifest.marking}]`,
    buildFinding(spot, names),
    `Steady state: every endpoint of each affected service answers a ping from the drill controller.`,
    `Method: ${INJECT_SCRIPT_USAGE} takes ${spot.injected.length === 1 ? 'it' : 'them'} down; after ${observeSeconds} s Chaos Toolkit checks the steady state again. ${prediction}`,
    `Rollbacks restore every injected element.`,
    `Before running, set ${INJECT_SCRIPT_ENV} and the ${ENDPOINT_ENV_PREFIX}* variables named in configuration; this file contains no addresses.`,
    baselineText.length > 0 ? `Availability in scenario ${scenario?.id ?? ''}: ${baselineText.join(', ')}.` : '',
    `Model "${doc.model.name}"${doc.model.illustrative ? ' (ILLUSTRATIVE: not a real network)' : ''}; result of ${manifest.createdAt}, seed ${manifest.seed}, plan ${manifest.planSha256.slice(0, 12)}.`,
    manifest.marking === null ? '' : `[${manifest.marking}]`,
  ]
    .filter((part) => part !== '')
    .join(' ');

  const tags = [
    'neverout',
    'drill',
    KIND_FILE_TAGS[spot.kind],
    ...new Set(spot.injected.map((e) => (e.kind === 'node' ? 'site' : e.kind === 'group' ? 'risk-group' : 'link'))),
    ...serviceIds.map((id) => `service:${id}`),
    ...(doc.model.illustrative ? ['illustrative-model'] : []),
  ];
  return {
    version: '1.0.0',
    title: buildTitle(spot, names),
    description,
    tags,
    contributions:
      spot.kind === 'sabotage-cut'
        ? { availability: 'high', reliability: 'high', security: 'high' }
        : { availability: 'high', reliability: 'high' },
    configuration,
    'steady-state-hypothesis': { title: `Every endpoint of ${listText(serviceIds)} is reachable`, probes },
    method,
    rollbacks,
    extensions: [
      {
        name: 'neverout',
        rank,
        weakSpot: spot,
        expectedDeviation: expectDeviation,
        figuresScenario: scenario === null ? null : { id: scenario.id, name: scenario.name },
        services: figures,
        injectScriptUsage: INJECT_SCRIPT_USAGE,
        result: {
          resultVersion: doc.resultVersion,
          engineVersion: manifest.engineVersion,
          createdAt: manifest.createdAt,
          model: { name: manifest.model.name, sha256: manifest.model.sha256 },
          study: manifest.study === null ? null : { name: manifest.study.name, sha256: manifest.study.sha256 },
          planSha256: manifest.planSha256,
          seed: manifest.seed,
          partial: manifest.partial,
          marking: manifest.marking,
          illustrative: doc.model.illustrative,
        },
      },
    ],
  };
}

/** File name of a drill: two-digit rank, kind and the injected ids (characters outside [A-Za-z0-9._-] as `_`). */
function drillFileName(spot: DrillWeakSpot, rank: number): string {
  const ids = spot.injected
    .map((e) => e.id)
    .join('+')
    .replace(/[^A-Za-z0-9._+-]/g, '_')
    .slice(0, 80);
  return `${String(rank).padStart(2, '0')}-${KIND_FILE_TAGS[spot.kind]}-${ids}.json`;
}

/**
 * Builds one Chaos Toolkit experiment per weak spot (at most `top` of each kind), ranked 1.. in the order single
 * points of failure, sabotage cuts, risk groups. Pure: reads only the document. Empty when the document has no
 * cut-set analysis, no disconnecting attack and no risk group of note.
 * @throws ReportOptionsError for invalid options or an unknown scenario id
 */
export function buildDrillExperiments(doc: ResultDocument, options: DrillOptions = {}): DrillExperiment[] {
  const resolved = resolveDrillOptions(doc, options);
  return findDrillWeakSpots(doc, resolved.scenario, resolved.top).map((weakSpot, i) => ({
    fileName: drillFileName(weakSpot, i + 1),
    weakSpot,
    experiment: buildExperiment(doc, weakSpot, i + 1, resolved.scenario, resolved.observeSeconds),
  }));
}
