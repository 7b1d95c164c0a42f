// The batch kinds, each declared once: how its scenarios are listed, which are deterministic, how one batch runs,
// when a prefix of batches meets a relative-error target, and what a batch from outside must satisfy. Runners,
// checkpoints and Redis workers ask this table and never branch on the kind themselves.

import {
  adoptStratifiedPlans,
  exportStratifiedPlans,
  STRATIFIED_ESTIMATOR,
  type StratifiedPlan,
} from '../rare/stratified-sampling.ts';
import { estimatePairedDifference, addPairedTallies } from '../compare/paired-estimate.ts';
import type { PairedBatchResult, PairedPlan, PairedServiceTally } from '../compare/paired-plan.ts';
import { runPairedBatch } from '../compare/run-paired-batch.ts';
import type { BatchResult } from '../estimation/batch-result.ts';
import { aggregateServicesIncrementally, type ScenarioTally, type ServiceAggregate } from '../estimation/study-tally.ts';
import type { SimulationPlan } from '../model.ts';
import { runBatch } from '../run-batch.ts';
import { estimateTimeFigures } from '../time/estimate-time.ts';
import {
  addPairedTimeTallies,
  pairedTimeRelativeError,
  runPairedTimeBatch,
  type PairedTimeBatchResult,
  type PairedTimePlan,
  type PairedTimeServiceTally,
} from '../time/paired-time.ts';
import type { TimeBatchResult, TimeCrewTally, TimeServiceTally } from '../time/time-batch-result.ts';
import { runTimePlanBatch, type TimePlan } from '../time/time-plan.ts';
import { aggregateTimeTally } from '../time/time-tally.ts';
import type { BatchKind, BatchResultOf, BatchTask } from './batch-plan.ts';

/** The plan type of kind K. */
export type PlanOf<K extends BatchKind> = K extends 'static'
  ? SimulationPlan
  : K extends 'time'
    ? TimePlan
    : K extends 'paired'
      ? PairedPlan
      : PairedTimePlan;

/** What the one runner needs to know of a batch kind; see the file header. */
export interface BatchKindDefinition<K extends BatchKind> {
  readonly kind: K;
  /** Scenario ids in plan order (a comparison: its scenario pairs). */
  scenarioIds(plan: PlanOf<K>): readonly string[];
  /** True when one sample decides scenario `scenarioIndex` exactly: it runs one batch of one sample. */
  isDeterministic(plan: PlanOf<K>, scenarioIndex: number): boolean;
  /** Result tallies per batch (services, or service pairs). */
  serviceCount(plan: PlanOf<K>): number;
  /** Runs one batch (pure; the stream derives from the plan's seed, the scenario id and the batch index). */
  runBatch(plan: PlanOf<K>, task: BatchTask): BatchResultOf<K>;
  /**
   * Kinds whose scenario stops as a whole under a relative-error target (time, paired): the worst relative error
   * (95% CI half-width over the estimate) over every service, from the first `batchCount` batches of a scenario
   * (present, in index order); Infinity while a service cannot show one yet. A kind with `aggregateServices` stops
   * each service on its own instead and has none.
   */
  worstRelativeError?(plan: PlanOf<K>, tally: ScenarioTally<BatchResultOf<K>>, batchCount: number): number;
  /** Kind-specific consistency of a batch that came from outside the process; null when consistent. */
  checkBatch(plan: PlanOf<K>, batch: BatchResultOf<K>): string | null;
  /**
   * Merged statistics per service of the first `batchCount` batches, for kinds that stop each service on its own
   * (static runs: the verdict rule, and a relative-error target per service; their batches may skip services that
   * stopped, BatchTask.skipServices); absent for the others.
   */
  aggregateServices?(plan: PlanOf<K>, tally: ScenarioTally<BatchResultOf<K>>, batchCount: number): ServiceAggregate[];
  /**
   * Kinds whose batches use data derived from the plan at great cost (static: stratified strata): what this thread
   * has derived so far, as plain data, for the pool's workers to adopt instead of deriving it again.
   */
  exportPrepared?(plan: PlanOf<K>): PreparedPlanData;
  /** Adopts data another thread derived from an equal plan ({@link exportPrepared}). */
  adoptPrepared?(plan: PlanOf<K>, data: PreparedPlanData): void;
}

/** Data a coordinator derived from a plan, which workers adopt (static: the stratified plans, keyed). */
export interface PreparedPlanData {
  readonly stratifiedPlans?: ReadonlyArray<readonly [string, StratifiedPlan]>;
}

const STATIC_KIND: BatchKindDefinition<'static'> = {
  kind: 'static',
  scenarioIds: (plan) => plan.scenarios.map((s) => s.id),
  isDeterministic: (plan, s) => plan.scenarios[s]?.deterministic === true,
  serviceCount: (plan) => plan.model.services.length,
  runBatch: (plan, task) =>
    runBatch(plan, task.scenarioIndex, task.batchIndex, task.sampleCount, task.skipServices === undefined ? {} : { skipServices: task.skipServices }),
  aggregateServices: (_plan, tally, batchCount) => aggregateServicesIncrementally(tally, batchCount),
  exportPrepared: (plan) => ({ stratifiedPlans: exportStratifiedPlans(plan.model) }),
  adoptPrepared: (plan, data) => adoptStratifiedPlans(plan.model, data.stratifiedPlans ?? []),
  checkBatch(plan, batch: BatchResult) {
    const skipped = new Set(batch.skippedServices ?? []);
    for (let s = 0; s < batch.services.length; s++) {
      const t = batch.services[s];
      if (skipped.has(s)) {
        if (t.kind !== 'crude' || t.samples !== 0 || t.down !== 0 || t.servedEndpoints !== 0) return `skipped service ${s} has a tally`;
        continue;
      }
      // Weighted (rare-event) tallies draw their own number of samples per batch; crude ones evaluate every sample.
      if (t.kind === 'crude' && t.samples !== batch.sampleCount)
        return `a tally counts ${t.samples} samples, the batch has ${batch.sampleCount}`;
      if (t.kind === 'crude' && t.down > t.samples) return 'more samples down than evaluated';
      if (t.kind === 'weighted' && (t.strata !== undefined) !== (t.estimator === STRATIFIED_ESTIMATOR))
        return `a '${t.estimator}' tally ${t.strata === undefined ? 'without' : 'with'} stratum counts`;
      if (t.kind === 'weighted' && t.strata !== undefined && t.strata.down > t.samples)
        return 'more stratified samples down than drawn';
    }
    const c = batch.criticality;
    if (c === undefined) return null;
    const slots = c.elementCount + c.groupCount;
    // Layered models count importance on the graph-only view: nodes and service-graph links (engine/run-batch.ts).
    const counted = plan.model.layers?.serviceElementCount ?? plan.model.elementCount;
    if (c.elementCount !== counted || c.groupCount !== plan.model.groups.groupCount) {
      return 'importance counts for another model size';
    }
    if (c.criticalCount.length !== c.serviceIndices.length || c.criticalFailedCount.length !== c.serviceIndices.length) {
      return 'importance counts for the wrong number of services';
    }
    if ([...c.criticalCount, ...c.criticalFailedCount].some((row) => row.length !== slots)) {
      return 'importance counts of the wrong length';
    }
    return null;
  },
};

const TIME_KIND: BatchKindDefinition<'time'> = {
  kind: 'time',
  scenarioIds: (plan) => plan.scenarios.map((s) => s.id),
  // Every simulated year is a history of its own, even when nothing in it is random.
  isDeterministic: () => false,
  serviceCount: (plan) => plan.model.services.length,
  runBatch: (plan, task) => runTimePlanBatch(plan, task.scenarioIndex, task.batchIndex, task.sampleCount),
  worstRelativeError(plan, tally, batchCount) {
    let worst = 0;
    for (const t of aggregateTimeTally(tally, plan.model.services.length, batchCount)) {
      // Zero downtime so far cannot show a relative error yet: keep simulating.
      if (t.downtimeHours <= 0) return Infinity;
      const d = estimateTimeFigures(t, 0).downtimeMinutesPerYear;
      worst = Math.max(worst, Math.max(d.upper - d.estimate, d.estimate - d.lower) / d.estimate);
    }
    return worst;
  },
  checkBatch(plan, batch: TimeBatchResult) {
    return checkTimeTallies(batch.services, batch.crews, batch.sampleCount, plan.model.time?.crews.crewCount ?? 0);
  },
};

/**
 * Consistency of a time batch's tallies from outside: every tally counts the batch's years, the histograms add up
 * to the outage count, counts stay within their totals, and there is one crew tally per crew of the model.
 */
function checkTimeTallies(
  services: readonly TimeServiceTally[],
  crews: readonly TimeCrewTally[],
  years: number,
  crewCount: number,
): string | null {
  for (const t of services) {
    if (t.years !== years) return `a tally counts ${t.years} years, the batch has ${years}`;
    if (t.durationCounts.reduce((a, b) => a + b, 0) !== t.outageCount)
      return 'the duration histogram does not add up to the outage count';
    if (t.durationQuantileCounts.reduce((a, b) => a + b, 0) !== t.outageCount)
      return 'the quantile histogram does not add up to the outage count';
    if (t.outagesOver15Hours > t.outagesOver4Hours || t.outagesOver4Hours > t.outageCount)
      return 'more long outages than outages';
    if (t.yearsWithoutOutage > years) return 'more years without outage than years';
  }
  if (crews.length !== crewCount) return `${crews.length} crew tallies, the model has ${crewCount} crews`;
  for (const c of crews) {
    if (c.years !== years) return `a crew tally counts ${c.years} years, the batch has ${years}`;
    if (c.waitedJobs > c.jobs) return 'more jobs waited than were taken';
  }
  return null;
}

const ZERO_PAIRED: PairedServiceTally = { samples: 0, baseDown: 0, planDown: 0, bothDown: 0 };

/**
 * Relative error of a paired difference: its 95% CI half-width over |difference|. A service the plan has not
 * changed in any sample so far (no discordant pair) is measured against the larger unavailability of the two
 * sides instead, so services the plan does not touch do not block a relative-error target.
 */
function pairedRelativeError(t: PairedServiceTally): number {
  if (t.samples < 1) return Infinity;
  const d = estimatePairedDifference(t);
  const halfWidth = Math.max(d.difference.upper - d.difference.estimate, d.difference.estimate - d.difference.lower);
  const discordant = t.baseDown + t.planDown - 2 * t.bothDown;
  const scale = discordant > 0 ? Math.abs(d.difference.estimate) : Math.max(t.baseDown, t.planDown) / t.samples;
  return scale > 0 ? halfWidth / scale : Infinity;
}

const PAIRED_KIND: BatchKindDefinition<'paired'> = {
  kind: 'paired',
  scenarioIds: (plan) => plan.scenarioPairs.map((p) => p.id),
  isDeterministic: (plan, s) => {
    const pair = plan.scenarioPairs[s];
    return (
      pair !== undefined &&
      plan.base.scenarios[pair.base]?.deterministic === true &&
      plan.plan.scenarios[pair.plan]?.deterministic === true
    );
  },
  serviceCount: (plan) => plan.servicePairs.length,
  runBatch: (plan, task) => runPairedBatch(plan, task.scenarioIndex, task.batchIndex, task.sampleCount),
  worstRelativeError(plan, tally, batchCount) {
    let worst = 0;
    plan.servicePairs.forEach((_, k) => {
      let t = ZERO_PAIRED;
      for (let b = 0; b < batchCount; b++) t = addPairedTallies(t, tally.batches[b].services[k]);
      worst = Math.max(worst, pairedRelativeError(t));
    });
    return worst;
  },
  checkBatch(_plan, batch: PairedBatchResult) {
    for (const t of batch.services) {
      if (t.samples !== batch.sampleCount) return `a table counts ${t.samples} samples, the batch has ${batch.sampleCount}`;
      if (t.bothDown > Math.min(t.baseDown, t.planDown) || Math.max(t.baseDown, t.planDown) > t.samples)
        return 'inconsistent paired counts';
    }
    return null;
  },
};

const PAIRED_TIME_KIND: BatchKindDefinition<'paired-time'> = {
  kind: 'paired-time',
  scenarioIds: (plan) => plan.scenarioPairs.map((p) => p.id),
  // Every simulated year is a history of its own, even when nothing in it is random.
  isDeterministic: () => false,
  serviceCount: (plan) => plan.servicePairs.length,
  runBatch: (plan, task) => runPairedTimeBatch(plan, task.scenarioIndex, task.batchIndex, task.sampleCount),
  worstRelativeError(plan, tally, batchCount) {
    let worst = 0;
    plan.servicePairs.forEach((_, k) => {
      let t: PairedTimeServiceTally | null = null;
      for (let b = 0; b < batchCount; b++) {
        const next = tally.batches[b].services[k];
        t = t === null ? next : addPairedTimeTallies(t, next);
      }
      worst = Math.max(worst, t === null ? Infinity : pairedTimeRelativeError(t));
    });
    return worst;
  },
  checkBatch(plan, batch: PairedTimeBatchResult) {
    const years = batch.sampleCount;
    for (const t of batch.services) {
      const problem = checkTimeTallies([t.base, t.plan], [], years, 0);
      if (problem !== null) return problem;
      if (t.yearsWithoutOutageInBoth > Math.min(t.base.yearsWithoutOutage, t.plan.yearsWithoutOutage))
        return 'more years without outage on both sides than on one';
    }
    return (
      checkTimeTallies([], batch.crews.base, years, plan.base.model.time?.crews.crewCount ?? 0) ??
      checkTimeTallies([], batch.crews.plan, years, plan.plan.model.time?.crews.crewCount ?? 0)
    );
  },
};

/** The definition of every batch kind. */
export const BATCH_KIND_DEFINITIONS: { readonly [K in BatchKind]: BatchKindDefinition<K> } = Object.freeze({
  static: STATIC_KIND,
  time: TIME_KIND,
  paired: PAIRED_KIND,
  'paired-time': PAIRED_TIME_KIND,
});

