// compilePlan: turns a validated study and its topology into the SimulationPlan that runners execute, plus the
// descriptive data the result document needs (scenario names, forced ids, attack summaries).
//
//   TopologyModel + StudyModel + run options ──compileModel──> CompiledModel ──scenarios──> SimulationPlan

import { createHash } from 'node:crypto';
import {
  createNamedStream,
  ENGINE_VERSION,
  InputError,
  planAttack,
  rareEventSamplesForBatch,
  selectServiceEstimation,
  type AttackPlan,
  type AttackSummary,
  type BatchPlan,
  type CompiledModel,
  type CompiledScenario,
  type SimulationPlan,
  type StopRuleName,
  type VerdictRule,
} from '../../engine/index.ts';
import { compileModel, indexElements, isAttackableLink, listElementIds } from '../topology/compile-model.ts';
import type { TopologyModel } from '../topology/topology-model.ts';
import type { StudyModel, StudyScenario } from './study-model.ts';

/** Run options a user may give (CLI flags); every field optional. They override the study file. */
export interface RunOptions {
  seed?: string;
  /** Maximum samples per scenario. */
  samples?: number;
  batchSize?: number;
  /** Target 95% CI half-width relative to the unavailability, in (0, 1). */
  relativeError?: number;
  maxTimeSeconds?: number;
  /**
   * The stopping rule (`--stop`): 'verdict' (each service with a target stops once its verdict is clear), 'rel-error'
   * (every service at the relative-error target) or 'samples' (a fixed budget). Default: 'rel-error' with a
   * relative-error target, else 'samples' when a sample count is given (flag or study), else 'verdict'.
   */
  stop?: StopRuleName;
}

export interface ResolvedRunOptions {
  readonly seed: string;
  /** Samples per scenario: the budget ('samples'), or the cap ('rel-error', 'verdict'). */
  readonly samples: number;
  readonly batchSize: number;
  readonly relativeError: number | null;
  readonly maxTimeSeconds: number | null;
  readonly stop: StopRuleName;
  /**
   * Under 'verdict': samples at which services that seek no verdict stop (the default fixed budget, or the cap with a
   * relative-error target); null under the other rules.
   */
  readonly fixedSamples: number | null;
}

export const DEFAULT_RUN_OPTIONS = {
  seed: '1',
  samples: 100_000,
  /** Without an explicit sample budget, a relative-error target may use up to this many samples per scenario. */
  samplesWithRelativeError: 50_000_000,
  /**
   * Under the verdict rule without an explicit sample count: a service seeking a verdict may use up to this many
   * samples per scenario (its verdict usually comes much earlier); every other service stops at `samples`.
   */
  samplesWithVerdict: 1_000_000,
  /** Under the verdict rule: samples per scenario of the services that seek no verdict (capped by `samples`). */
  fixedSamplesWithVerdict: 200_000,
  /** Under the verdict rule without an explicit time budget: the wall-clock budget in seconds. */
  maxTimeSecondsWithVerdict: 120,
  batchSize: 10_000,
} as const;

/**
 * Merges CLI options over the study's values over DEFAULT_RUN_OPTIONS.
 * @param verdictByDefault false for jobs whose default rule is not the verdict (compare)
 */
export function resolveRunOptions(study: StudyModel, options: RunOptions = {}, verdictByDefault = true): ResolvedRunOptions {
  const relativeError = options.relativeError ?? study.relativeError ?? null;
  const stop: StopRuleName =
    options.stop ??
    (relativeError !== null
      ? 'rel-error'
      : options.samples !== undefined || study.samples !== null || !verdictByDefault
        ? 'samples'
        : 'verdict');
  if (stop === 'rel-error' && relativeError === null) {
    throw new InputError('--stop rel-error needs a relative-error target: give --rel-error (or relativeError in the study)');
  }
  if (stop === 'verdict') {
    // The sample count (flag or study) caps the services that seek a verdict; the others stop at the default
    // budget, or at the cap when it is smaller.
    const samples = options.samples ?? study.samples ?? DEFAULT_RUN_OPTIONS.samplesWithVerdict;
    return {
      seed: options.seed ?? study.seed ?? DEFAULT_RUN_OPTIONS.seed,
      samples,
      batchSize: Math.min(samples, options.batchSize ?? study.batchSize ?? DEFAULT_RUN_OPTIONS.batchSize),
      relativeError,
      maxTimeSeconds: options.maxTimeSeconds ?? study.maxTimeSeconds ?? DEFAULT_RUN_OPTIONS.maxTimeSecondsWithVerdict,
      stop,
      // With a relative-error target, services that seek no verdict sample until it (or the cap), as under rel-error.
      fixedSamples: relativeError !== null ? samples : Math.min(samples, DEFAULT_RUN_OPTIONS.fixedSamplesWithVerdict),
    };
  }
  // A relative-error target given on the command line replaces the study's fixed sample count: the study's
  // `samples` is then no cap (give --samples for one), so the target can be reached.
  const studySamples = options.relativeError !== undefined ? null : study.samples;
  const samples =
    options.samples ??
    studySamples ??
    (relativeError !== null ? DEFAULT_RUN_OPTIONS.samplesWithRelativeError : DEFAULT_RUN_OPTIONS.samples);
  return {
    seed: options.seed ?? study.seed ?? DEFAULT_RUN_OPTIONS.seed,
    samples,
    batchSize: Math.min(samples, options.batchSize ?? study.batchSize ?? DEFAULT_RUN_OPTIONS.batchSize),
    // 'samples' ignores a relative-error target; 'rel-error' without one is checked by the caller (an input error).
    relativeError: stop === 'samples' ? null : relativeError,
    maxTimeSeconds: options.maxTimeSeconds ?? study.maxTimeSeconds ?? null,
    stop,
    fixedSamples: null,
  };
}

/** Descriptive data of one compiled scenario for the result document. */
export interface ScenarioDescription {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly forced: readonly string[];
  readonly attack: readonly AttackSummary[] | null;
  /** True when nothing random happens: one sample gives the exact answer. */
  readonly deterministic: boolean;
}

export interface CompiledStudy {
  readonly plan: SimulationPlan;
  /** Identifies (engine version, model, scenarios, seed, batch size): batches with equal hash merge. */
  readonly planSha256: string;
  readonly scenarios: readonly ScenarioDescription[];
  /** The topology with the study's extra risk groups added, as compiled. */
  readonly topology: TopologyModel;
  readonly options: ResolvedRunOptions;
}

/** The study's network as compiled: what compilePlan's plan holds, without its scenarios (no attack is planned). */
export interface CompiledStudyModel {
  readonly model: CompiledModel;
  /** The topology with the study's extra risk groups added, as compiled. */
  readonly topology: TopologyModel;
}

/**
 * Compiles a study's model alone (the topology with the study's risk groups, and its services), for analyses that
 * read no scenario (spof); compilePlan starts with it. Pure; deterministic for equal inputs.
 */
export function compileStudyModel(topologyFile: TopologyModel, study: StudyModel): CompiledStudyModel {
  const topology: TopologyModel = { ...topologyFile, riskGroups: [...topologyFile.riskGroups, ...study.riskGroups] };
  return { model: compileModel(topology, study.services ?? undefined), topology };
}

/** Compiles a study into a plan. Pure apart from hashing; deterministic for equal inputs. */
export function compilePlan(topologyFile: TopologyModel, study: StudyModel, options: ResolvedRunOptions): CompiledStudy {
  const { model, topology } = compileStudyModel(topologyFile, study);
  const elements = indexElements(topology);
  const elementIds = listElementIds(topology);
  const groupIndex = new Map(topology.riskGroups.map((g, i) => [g.id, i]));
  const attackCost = new Float64Array(model.elementCount);
  topology.nodes.forEach((n, i) => (attackCost[i] = n.attackCost));
  // Layers: a saboteur attacks the physical layer (segments, and the sites); a logical link (a wavelength, a leased
  // circuit) is taken down through its routes, not attacked itself.
  topology.links.forEach((l, j) => (attackCost[topology.nodes.length + j] = isAttackableLink(l) ? l.attackCost : Infinity));

  const targets = listServiceTargets(topology, model);
  const minSamples = Math.min(options.samples, 10 * options.batchSize);
  const scenarios: CompiledScenario[] = [];
  const descriptions: ScenarioDescription[] = [];
  for (const s of study.scenarios) {
    const { attack, summaries } = compileAttack(model, s, attackCost, options.seed, elementIds);
    const elementFailureProbability = compileOverrides(model, s, elements);
    const forcedGroups = Uint32Array.from(s.forcedGroups.map((id) => groupIndex.get(id) ?? -1));
    const forcedElements = Uint32Array.from(s.forcedElements.map((id) => elements.get(id) ?? -1));
    const forcedGroupsCertain = s.forcedGroups.every((id) => (topology.riskGroups[groupIndex.get(id) ?? 0]?.memberFailureProbability ?? 1) === 1);
    const deterministic = !s.randomFailures && attack.kind !== 'random' && forcedGroupsCertain;
    const compiled: CompiledScenario = {
      id: s.id,
      name: s.name,
      forcedElements,
      forcedGroups,
      randomFailures: s.randomFailures,
      elementFailureProbability,
      groupEventProbability: null,
      attack,
    };
    const verdictLimits = options.stop === 'verdict' ? compileVerdictLimits(targets, deterministic, s.forcedGroups.length + s.forcedElements.length > 0, summaries !== null) : null;
    const { estimators: serviceEstimators, rareEventSamples } = selectServiceEstimation(
      model,
      compiled,
      options.samples,
      options.relativeError,
      verdictLimits,
      { samplesPerBatch: rareEventSamplesForBatch(options.batchSize), minBatches: Math.ceil(minSamples / options.batchSize) },
    );
    // Importance measures for the study's first scenario (its baseline), when it is random.
    // (Layered models: only for services that reach no logical link; engine/run-batch.ts decides.)
    const importance = scenarios.length === 0 && s.randomFailures;
    scenarios.push({
      ...compiled,
      ...(serviceEstimators.some((e) => e !== 'crude') ? { serviceEstimators } : {}),
      ...(rareEventSamples !== null ? { rareEventSamples } : {}),
      ...(importance ? { importance } : {}),
      ...(deterministic ? { deterministic } : {}),
    });
    descriptions.push({
      id: s.id,
      name: s.name,
      description: s.description,
      forced: [...s.forcedGroups, ...s.forcedElements],
      attack: summaries,
      deterministic,
    });
  }
  const plan: SimulationPlan = {
    model,
    scenarios,
    seed: options.seed,
    batchSize: options.batchSize,
    rareEventSamplesPerBatch: rareEventSamplesForBatch(options.batchSize),
    stopping: {
      relativeError: options.relativeError,
      maxSamples: options.samples,
      maxTimeSeconds: options.maxTimeSeconds,
      minSamples,
      ...(options.stop === 'verdict' ? { verdict: compileVerdictRule(topology, model, descriptions, options) } : {}),
    },
  };
  return { plan, planSha256: hashBatchPlan({ kind: 'static', plan }), scenarios: descriptions, topology, options };
}

/**
 * The verdict rule: services with a target seek a verdict in every random scenario without forced elements, groups
 * or attacks (in the others the availability is conditional on the event, and a target is about ordinary operation).
 */
/** Each service's availability target (model service order), null where it has none. */
function listServiceTargets(topology: TopologyModel, model: CompiledModel): (number | null)[] {
  return model.services.map((svc) => topology.services.find((m) => m.id === svc.id)?.target ?? null);
}

/**
 * A scenario's unavailability limits under the verdict rule: 1 - target per service with a target, in scenarios
 * that are random, force nothing and attack nothing (the baseline kind); null elsewhere (no verdict sought).
 */
function compileVerdictLimits(
  targets: readonly (number | null)[],
  deterministic: boolean,
  forced: boolean,
  attacked: boolean,
): (number | null)[] {
  return deterministic || forced || attacked ? targets.map(() => null) : targets.map((t) => (t === null ? null : 1 - t));
}

function compileVerdictRule(
  topology: TopologyModel,
  model: CompiledModel,
  descriptions: readonly ScenarioDescription[],
  options: ResolvedRunOptions,
): VerdictRule {
  const fixedSamples = options.fixedSamples ?? options.samples;
  const targets = listServiceTargets(topology, model);
  return {
    unavailabilityLimits: descriptions.map((d) => compileVerdictLimits(targets, d.deterministic, d.forced.length > 0, d.attack !== null)),
    fixedSamples,
    // The first look after the default fixed budget: a verdict never rests on fewer samples than a fixed run's.
    firstLookBatches: Math.max(1, Math.ceil(Math.min(fixedSamples, DEFAULT_RUN_OPTIONS.fixedSamplesWithVerdict) / options.batchSize)),
  };
}

function compileOverrides(model: CompiledModel, s: StudyScenario, elements: ReadonlyMap<string, number>): Float64Array | null {
  if (s.overrides.length === 0) return null;
  const probability = Float64Array.from(model.elementFailureProbability);
  for (const o of s.overrides) {
    for (const id of o.elements) {
      const e = elements.get(id);
      if (e !== undefined) probability[e] = o.failureProbability;
    }
  }
  return probability;
}

function compileAttack(
  model: CompiledModel,
  s: StudyScenario,
  attackCost: Float64Array,
  seed: string,
  elementIds: readonly string[],
): { attack: AttackPlan; summaries: AttackSummary[] | null } {
  const sabotage = s.sabotage;
  if (sabotage === null) return { attack: { kind: 'none' }, summaries: null };
  const nodeCount = model.topology.nodeCount;
  const eligible = (e: number): boolean =>
    sabotage.targets === 'all' || (sabotage.targets === 'nodes' ? e < nodeCount : e >= nodeCount);
  if (sabotage.strategy === 'random' && sabotage.budget.kind === 'count') {
    const candidates: number[] = [];
    for (let e = 0; e < model.elementCount; e++) if (eligible(e) && Number.isFinite(attackCost[e])) candidates.push(e);
    return {
      attack: { kind: 'random', candidates: Uint32Array.from(candidates), count: sabotage.budget.count },
      summaries: model.services.map((svc) => ({
        serviceId: svc.id,
        strategy: 'random',
        elements: [],
        cost: sabotage.budget.kind === 'count' ? sabotage.budget.count : 0,
        disconnects: false,
        proven: false,
      })),
    };
  }
  const elementsByService: Uint32Array[] = [];
  const summaries: AttackSummary[] = [];
  model.services.forEach((svc, serviceIndex) => {
    const result = planAttack(model, serviceIndex, {
      strategy: sabotage.strategy,
      budget: sabotage.budget,
      targets: sabotage.targets,
      attackCost,
      random: createNamedStream(seed, `attack|${s.id}|${svc.id}`),
    });
    elementsByService.push(Uint32Array.from(result.elements));
    summaries.push({
      serviceId: svc.id,
      strategy: sabotage.strategy,
      elements: describeAttackedElements(model, result.elements, result.groups ?? [], elementIds),
      cost: result.cost,
      disconnects: result.disconnects,
      proven: result.proven,
    });
  });
  return { attack: { kind: 'targeted', elementsByService }, summaries };
}

/**
 * Ids of what an attack hits: its ducts (risk groups, layers) by group id, then the elements it attacks directly
 * (a duct's members are not repeated).
 */
function describeAttackedElements(
  model: CompiledModel,
  elements: readonly number[],
  groups: readonly number[],
  elementIds: readonly string[],
): string[] {
  const viaGroup = new Set<number>();
  for (const g of groups) for (let m = model.groups.memberStart[g]; m < model.groups.memberStart[g + 1]; m++) viaGroup.add(model.groups.memberElement[m]);
  return [
    ...groups.map((g) => model.index.groupIds[g] ?? String(g)),
    ...elements.filter((e) => !viaGroup.has(e)).map((e) => elementIds[e] ?? String(e)),
  ];
}

/**
 * SHA-256 over a canonical serialisation of a plan of any batch kind and the engine version (typed arrays as
 * plain arrays): batches of plans with equal hashes merge.
 */
export function hashBatchPlan(batchPlan: BatchPlan): string {
  const canonical = JSON.stringify({ engine: ENGINE_VERSION, batchPlan }, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
