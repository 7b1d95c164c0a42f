// buildResultDocument: estimates a static run from its merged tallies and assembles the versioned result document
// with its manifest and everything a report needs (sites, coordinates, links, services, risk groups). The time
// simulation and comparison documents build on it.
//
//   StudyRun (tallies) ──aggregate counted batches──> figures per service ──> ResultDocument

import {
  InternalError,
  aggregateServices,
  countServiceEndpoints,
  ENGINE_VERSION,
  estimateDemandServed,
  estimateTrafficServed,
  estimateImportance,
  estimateServiceFigures,
  LAYERED_MODEL_REASON,
  mergeImportanceSums,
  RESULT_VERSION,
  supportsEstimator,
  viewWithoutLayers,
  type ImportanceSums,
  type ConvergencePoint,
  type ResultDocument,
  type ScenarioResult,
  type ScenarioTally,
  type ServiceEstimate,
  type ServiceAggregate,
  type ServiceFigures,
  type ServiceStop,
  type StopReason,
  VERDICT_ALPHA,
} from '../../engine/index.ts';
import { listServiceNodeIds, type CompiledStudy, type ModelService, type SourceIdentity } from '../../scenarios/index.ts';
import { analyseCutSets, DEFAULT_RUN_CUT_SET_ORDER } from './cut-set-analysis.ts';

/** Most importance entries kept per service (ranked by Birnbaum importance). */
export const MAX_IMPORTANCE_ENTRIES = 40;

/** Most convergence points kept per service (geometrically spaced batch prefixes). */
export const MAX_CONVERGENCE_POINTS = 40;

/** Run facts recorded in the manifest. */
export interface RunFacts {
  readonly command: readonly string[];
  readonly workers: number;
  readonly createdAt: Date;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly marking: string | null;
  readonly topologySource: SourceIdentity;
  readonly studySource: SourceIdentity | null;
  /** The base side's topology, for comparisons. */
  readonly baseSource?: SourceIdentity;
  /** Largest minimal-cut-set order to analyse (0: skip); default DEFAULT_RUN_CUT_SET_ORDER. */
  readonly cutSetOrder?: number;
}

/** What the estimator needs from a run. */
export interface RunTallies {
  readonly tallies: readonly ScenarioTally[];
  readonly countedBatches: readonly number[];
  readonly stopReasons: readonly StopReason[];
  /** Under the verdict rule, each service's own stop per scenario; null or absent: every service stops with it. */
  readonly serviceStops?: readonly (readonly ServiceStop[] | null)[];
  readonly interrupted: boolean;
}

/** Batch prefix lengths for the convergence chart: 1, then geometric steps, always ending at `count`. */
export function convergencePrefixes(count: number, maxPoints = MAX_CONVERGENCE_POINTS): number[] {
  if (count <= maxPoints) return Array.from({ length: count }, (_, i) => i + 1);
  const prefixes = new Set<number>();
  const ratio = Math.pow(count, 1 / (maxPoints - 1));
  for (let i = 0; i < maxPoints; i++) prefixes.add(Math.min(count, Math.max(1, Math.round(Math.pow(ratio, i)))));
  prefixes.add(count);
  return [...prefixes].sort((a, b) => a - b);
}

/** What the manifest records of the verdict rule's method. */
export const VERDICT_METHOD =
  "alpha-spending over geometric looks (stitching, Howard et al. 2021) on each estimator's own interval";

/**
 * The target status. Under the verdict rule, a service that seeks a verdict has 'met' or 'missed' only when the
 * sequential rule reached it (its error rate then holds over all looks), else 'uncertain', whatever the final 95%
 * interval shows; otherwise (and under the other rules) the status of the 95% interval.
 */
function targetStatus(figures: ServiceFigures, target: number | null, stop: ServiceStop | null, seeksVerdict: boolean): ServiceEstimate['targetStatus'] {
  if (target === null) return null;
  if (stop !== null && seeksVerdict) return stop.verdict ?? 'uncertain';
  if (figures.availability.lower >= target) return 'met';
  if (figures.availability.upper < target) return 'missed';
  return 'uncertain';
}

function deterministicFigures(figures: ServiceFigures): ServiceFigures {
  const point = (i: { estimate: number }) => ({ estimate: i.estimate, lower: i.estimate, upper: i.estimate });
  return {
    ...figures,
    estimator: 'deterministic',
    availability: point(figures.availability),
    unavailability: point(figures.unavailability),
    relativeError: figures.unavailability.estimate > 0 ? 0 : null,
    downtimeMinutesPerYear: point(figures.downtimeMinutesPerYear),
    nines: point(figures.nines),
  };
}

/** Estimates every service of every scenario and assembles the result document. */
export function buildResultDocument(study: CompiledStudy, run: RunTallies, facts: RunFacts): ResultDocument {
  const { plan, topology } = study;
  const services = plan.model.services;
  const endpointCounts = services.map(countServiceEndpoints);
  const serviceModels = services.map((s) => topology.services.find((m) => m.id === s.id) as ModelService);

  const precisionTarget = plan.stopping.relativeError;
  const scenarios: ScenarioResult[] = study.scenarios.map((description, s) => {
    const tally = run.tallies[s];
    const counted = run.countedBatches[s] ?? 0;
    const deterministic = run.stopReasons[s] === 'deterministic';
    const serviceStops = run.serviceStops?.[s] ?? null;
    const limits = plan.stopping.verdict?.unavailabilityLimits[s] ?? null;
    // Under the verdict rule each service counts its own prefix of batches (never more than the scenario's).
    const aggregatesByPrefix = new Map<number, ServiceAggregate[]>();
    const aggregateService = (i: number, batchCount: number): ServiceAggregate => {
      // A batch skips a service only after the service's own stop, so its counted prefix never holds one.
      if (tally.batches.slice(0, batchCount).some((b) => b.skippedServices?.includes(i) === true)) {
        throw new InternalError(`scenario ${description.id}: service ${services[i].id} counts a batch that skipped it`);
      }
      if (!aggregatesByPrefix.has(batchCount)) aggregatesByPrefix.set(batchCount, aggregateServices(tally, batchCount));
      return (aggregatesByPrefix.get(batchCount) as ServiceAggregate[])[i];
    };
    const aggregates =
      counted <= 0
        ? null
        : serviceStops === null
          ? aggregateServices(tally, counted)
          : services.map((_, i) => aggregateService(i, Math.min(counted, serviceStops[i].batchCount)));
    const prefixes = counted > 0 ? convergencePrefixes(counted) : [];
    const convergenceByPrefix = prefixes.map((k) => aggregateServices(tally, k));
    // Critical-state counts of a prefix of counted batches, merged in batch order (integer sums: order-free anyway);
    // under the verdict rule each service's importance comes from its own batches, like its figures.
    const criticalityByPrefix = new Map<number, ImportanceSums | null>();
    const criticalityOf = (batchCount: number): ImportanceSums | null => {
      if (!criticalityByPrefix.has(batchCount)) {
        let merged: ImportanceSums | null = null;
        for (const batch of tally.batches.slice(0, batchCount)) {
          if (batch.criticality === undefined) continue;
          merged = merged === null ? batch.criticality : mergeImportanceSums(merged, batch.criticality);
        }
        criticalityByPrefix.set(batchCount, merged);
      }
      return criticalityByPrefix.get(batchCount) ?? null;
    };
    const estimates: ServiceEstimate[] = services.map((svc, i) => {
      let figures =
        aggregates === null
          ? null
          : estimateServiceFigures(aggregates[i], endpointCounts[i]);
      if (figures !== null && deterministic) figures = deterministicFigures(figures);
      const stop = serviceStops?.[i] ?? null;
      const criticality = criticalityOf(stop === null ? counted : Math.min(counted, stop.batchCount));
      const ownPrefixes = stop === null ? null : prefixes.filter((k) => k <= stop.batchCount);
      const convergence: ConvergencePoint[] = deterministic
        ? []
        : convergenceByPrefix.filter((_, p) => ownPrefixes === null || ownPrefixes.includes(prefixes[p])).map((agg) => {
            const f = estimateServiceFigures(agg[i], endpointCounts[i]);
            return { samples: f.samples, unavailability: f.unavailability };
          });
      const empty = { estimate: 0, lower: 0, upper: 1 };
      const estimateServed =
        svc.kind === 'capacity' ? estimateDemandServed : svc.kind === 'traffic' ? estimateTrafficServed : null;
      const demandServed =
        estimateServed !== null && figures !== null && figures.servedFraction !== null
          ? { demandServed: estimateServed(figures.servedFraction, figures.unavailability.upper, figures.samples, deterministic) }
          : {};
      return {
        serviceId: svc.id,
        estimator: figures?.estimator ?? 'none',
        ...(plan.model.layers !== undefined && figures !== null && !deterministic && supportsEstimator(plan.model.services[i], 'pmc')
          ? { estimatorNote: LAYERED_MODEL_REASON }
          : {}),
        samples: figures?.samples ?? 0,
        availability: figures?.availability ?? empty,
        unavailability: figures?.unavailability ?? empty,
        relativeError: figures?.relativeError ?? null,
        downtimeMinutesPerYear: figures?.downtimeMinutesPerYear ?? { estimate: 0, lower: 0, upper: 525_960 },
        nines: figures?.nines ?? { estimate: 0, lower: 0, upper: 20 },
        servedFraction: figures?.servedFraction ?? null,
        ...demandServed,
        targetStatus:
          figures === null
            ? null
            : targetStatus(figures, serviceModels[i]?.target ?? null, stop, limits !== null && limits[i] !== null && !deterministic),
        ...(stop === null ? {} : { stoppedBy: stop.reason }),
        ...(precisionTarget === null || deterministic
          ? {}
          : {
              precisionReached: figures !== null && figures.relativeError !== null && figures.relativeError <= precisionTarget,
            }),
        convergence,
        // Critical-state counts come from crude samples: for a service estimated by a rare-event estimator they
        // would rest on a handful of observations (one made a link "100% critical"), so they are not estimated.
        importance:
          criticality === null || figures === null || figures.estimator !== 'crude' || !criticality.serviceIndices.includes(i)
            ? null
            : // Layered models: the counts were taken on the graph-only view (engine/run-batch.ts).
              estimateImportance(viewWithoutLayers(plan.model), plan.scenarios[s], i, criticality, figures.unavailability, { topN: MAX_IMPORTANCE_ENTRIES }),
      };
    });
    return {
      id: description.id,
      name: description.name,
      description: description.description,
      // The scenario's budget used (its counted batches); each service's own estimator and sample count are in its
      // estimate (a rare-event estimator draws fewer, costlier samples: BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE).
      samples: tally === undefined ? 0 : tally.batches.slice(0, counted).reduce((n, b) => n + b.sampleCount, 0),
      batches: counted,
      stoppedBy: run.stopReasons[s] ?? 'interrupted',
      forced: description.forced,
      attack: description.attack,
      services: estimates,
    };
  });

  const nodeById = new Map(topology.nodes.map((n) => [n.id, n]));
  const cutSetOrder = facts.cutSetOrder ?? DEFAULT_RUN_CUT_SET_ORDER;
  return {
    resultVersion: RESULT_VERSION,
    manifest: {
      tool: 'neverout',
      engineVersion: ENGINE_VERSION,
      createdAt: facts.createdAt.toISOString(),
      command: facts.command,
      model: facts.topologySource,
      study: facts.studySource,
      seed: plan.seed,
      batchSize: plan.batchSize,
      workers: facts.workers,
      stopping: {
        relativeError: plan.stopping.relativeError,
        maxSamples: plan.stopping.maxSamples,
        maxTimeSeconds: plan.stopping.maxTimeSeconds,
        rule: plan.stopping.verdict !== undefined ? 'verdict' : plan.stopping.relativeError !== null ? 'rel-error' : 'samples',
        ...(plan.stopping.verdict === undefined
          ? {}
          : { verdict: { alpha: VERDICT_ALPHA, method: VERDICT_METHOD, fixedSamples: plan.stopping.verdict.fixedSamples } }),
      },
      partial: run.interrupted || facts.shard !== null,
      shard: facts.shard,
      planSha256: study.planSha256,
      marking: facts.marking,
    },
    model: {
      name: topology.name,
      description: topology.description,
      illustrative: topology.illustrative,
      sites: topology.nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, lat: n.lat, lon: n.lon, attributes: n.attributes })),
      links: topology.links.map((l) => ({
        id: l.id,
        from: l.from,
        to: l.to,
        medium: l.medium,
        lengthKm: l.lengthKm,
        failureProbability: l.failureProbability,
      })),
      services: serviceModels.map((m) => ({
        id: m.id,
        name: m.name,
        kind: m.kind,
        endpoints: [...listServiceNodeIds(m)],
        target: m.target,
        description: m.description,
      })),
      riskGroups: topology.riskGroups.map((g) => ({
        id: g.id,
        name: g.name,
        eventProbability: g.eventProbability,
        members: g.members.filter((id) => nodeById.has(id) || topology.links.some((l) => l.id === id)),
      })),
    },
    scenarios,
    cutSets: cutSetOrder > 0 ? analyseCutSets(plan.model, cutSetOrder) : null,
    comparison: null,
    timeSimulation: null,
  };
}
