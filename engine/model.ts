// The compiled failure model and simulation plan: plain, serialisable engine data produced by scenarios/.
// Elements are numbered densely: nodes 0..N-1, then links N..N+L-1 (element index = nodeCount + link index), then,
// in a layered model, the carrier-only (physical) links outside the service graph (LayerModel).

import type { CompiledService } from './services/service-kinds.ts';
import type { ServiceEstimatorKind } from './services/service-kind.ts';
import type { LayerModel } from './sampling/layer-expansion.ts';
import type { CsrTopology } from './topology/csr-topology.ts';

export type { LayerModel } from './sampling/layer-expansion.ts';

/** User-facing names of the dense indices; the hot path never reads it. */
export interface TopologyIndex {
  readonly nodeIds: readonly string[];
  readonly nodeNames: readonly string[];
  /** Service-graph links (link index order), then a layered model's carrier-only links (element order). */
  readonly linkIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly groupNames: readonly string[];
}

/**
 * Common-cause failure groups in CSR form. When group g's event occurs (probability `eventProbability[g]` per
 * scenario), each member element `memberElement[m]` for m in `memberStart[g]` (included) to `memberStart[g + 1]`
 * (excluded) fails with probability `memberFailureProbability[m]` (1 for "always").
 */
export interface RiskGroupModel {
  readonly groupCount: number;
  readonly eventProbability: Float64Array;
  readonly memberStart: Uint32Array;
  readonly memberElement: Uint32Array;
  readonly memberFailureProbability: Float64Array;
  /** Mean event duration in hours per group (> 0), for time simulation; absent in models built without it. */
  readonly eventDurationHours?: Float64Array;
}

/** Services: one variant per kind, each declared once in engine/services/ (compiled form, evaluation, ...). */
export type { CompiledService, ConnectedService, ReachService, ServiceKind } from './services/service-kinds.ts';

/** The whole failure model as the samplers and evaluators see it. */
export interface CompiledModel {
  readonly topology: CsrTopology;
  /** nodeCount + linkCount, plus the carrier-only links of a layered model (`layers`). */
  readonly elementCount: number;
  /** Independent steady-state failure probability per element, in [0, 1]. */
  readonly elementFailureProbability: Float64Array;
  /** Mean time to repair in hours per element (> 0), for time simulation; absent in models built without it. */
  readonly elementRepairHours?: Float64Array;
  readonly groups: RiskGroupModel;
  /**
   * Logical links routed over physical links (engine/sampling/layer-expansion.ts); absent: a single-layer model.
   * Every sampler applies its expansion after risk-group members, forced elements and attacks.
   */
  readonly layers?: LayerModel;
  readonly services: readonly CompiledService[];
  readonly index: TopologyIndex;
  /**
   * Distributions, repair crews and group recovery for the time simulation; absent: every time exponential, no crews
   * (repairs start at once), groups recover together. The static samplers never read it.
   */
  readonly time?: TimeModel;
}

/**
 * Repair crews: each has `size` members who repair in parallel; a repair waits in its crew's first-in first-out
 * queue while every member is busy, and a member is busy for the crew's response time (travel, mobilisation) plus
 * the repair's own work time. Crews are indexed 0..crewCount-1.
 */
export interface CrewModel {
  readonly crewCount: number;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** Members working in parallel, an integer >= 1 per crew. */
  readonly size: Uint32Array;
  /** Response-time distribution per crew: code (engine/time/time-distribution.ts), mean in hours (>= 0) and shape. */
  readonly responseKind: Uint8Array;
  /** Mean response time in hours, >= 0 (0: the crew starts at once; the kind is then ignored). */
  readonly responseMeanHours: Float64Array;
  readonly responseShape: Float64Array;
}

/**
 * The time-simulation data of a model, one entry per element, group or crew. A distribution is stored as its code
 * (index in TIME_DISTRIBUTION_KINDS, engine/time/time-distribution.ts) and shape; its mean is stored elsewhere
 * (repairs: `elementRepairHours`; events: `groups.eventDurationHours`) or derived (times to failure: from the
 * element's steady-state probability q and its mean repair time, MTBF = MTTR (1 - q) / q, so that overrides of q in a
 * scenario rescale it).
 */
export interface TimeModel {
  /** Time-to-failure distribution code and shape per element (its mean derives from q, see above). */
  readonly elementFailureKind: Uint8Array;
  readonly elementFailureShape: Float64Array;
  /** Repair (work) time distribution code and shape per element; its mean is `elementRepairHours`. */
  readonly elementRepairKind: Uint8Array;
  readonly elementRepairShape: Float64Array;
  /** Crew that repairs each element, or -1: repairs start at once without a response time (unlimited crews). */
  readonly elementCrew: Int32Array;
  /** Event-duration distribution code and shape per group; its mean is `groups.eventDurationHours`. */
  readonly groupDurationKind: Uint8Array;
  readonly groupDurationShape: Float64Array;
  /** Recovery mode per group: a code of engine/time/group-recovery.ts (together, staggered, crews). */
  readonly groupRecovery: Uint8Array;
  /** Staggered recovery: the period in hours (>= 0) over which members come back. */
  readonly groupRecoveryHours: Float64Array;
  /** Crews recovery: the crew restoring every member, or -1: each member's own crew (`elementCrew`). */
  readonly groupRecoveryCrew: Int32Array;
  readonly crews: CrewModel;
}

/** An adversary's action in a scenario, decided at plan time (targeted) or sampled per scenario (random). */
export type AttackPlan =
  | { readonly kind: 'none' }
  /** Service s is evaluated with `elementsByService[s]` forced down on top of the sampled state. */
  | { readonly kind: 'targeted'; readonly elementsByService: readonly Uint32Array[] }
  /** Each sample, `count` distinct elements drawn uniformly from `candidates` are forced down. */
  | { readonly kind: 'random'; readonly candidates: Uint32Array; readonly count: number };

/** How a service's unavailability is estimated in a scenario (declared with the service kinds). */
export type { ServiceEstimatorKind } from './services/service-kind.ts';

/** One scenario of a study, compiled into modifications of the failure model. */
export interface CompiledScenario {
  readonly id: string;
  readonly name: string;
  /** Elements down in every sample. */
  readonly forcedElements: Uint32Array;
  /** Risk-group events that occur in every sample (members still fail with their conditional probability). */
  readonly forcedGroups: Uint32Array;
  /** When false only forced elements, forced groups and the attack apply: the scenario is deterministic. */
  readonly randomFailures: boolean;
  /** Replaces the model's element failure probabilities in this scenario, or null. */
  readonly elementFailureProbability: Float64Array | null;
  /** Replaces the model's risk-group event probabilities in this scenario, or null. */
  readonly groupEventProbability: Float64Array | null;
  readonly attack: AttackPlan;
  /** Estimate importance measures of every element and risk group in this scenario (critical-state sampling). */
  readonly importance?: boolean;
  /** Estimator per service (model service order); absent: crude for every service. */
  readonly serviceEstimators?: readonly ServiceEstimatorKind[];
  /**
   * Rare-event samples per batch per service (model order) where the estimator choice sized them for a
   * relative-error target (engine/estimation/select-estimators.ts); 0 or absent: the plan's rareEventSamplesPerBatch.
   */
  readonly rareEventSamples?: readonly number[];
  /**
   * True when nothing random happens (no random failures, no random attack, forced groups take all their members):
   * one sample gives the exact answer, so the scenario runs one batch of one sample. Absent: false.
   */
  readonly deterministic?: boolean;
  /**
   * Time simulation only: how the forced elements and groups happen over time. `start` (the default when absent):
   * at time 0 of every simulated year, then repaired or recovered as modelled; `arrivals`: as a Poisson process at
   * `eventsPerYear` (> 0) instead of their modelled rate; `throughout`: forced elements down and forced events in
   * progress all the time (the static engine's conditional view; a group's hit members drawn anew every year).
   * The static samplers never read it.
   */
  readonly timeForcing?:
    | { readonly kind: 'start' }
    | { readonly kind: 'throughout' }
    | { readonly kind: 'arrivals'; readonly eventsPerYear: number };
}

/** Resolved stopping rule, checked after merging batches 0..k in index order. */
export interface StoppingRule {
  /** Stop when every service's 95% CI half-width is at most this fraction of its unavailability; null: off. */
  readonly relativeError: number | null;
  /** Upper bound on samples per scenario (always set). */
  readonly maxSamples: number;
  /** Wall-clock budget in seconds, checked by the runner (not the engine); null: off. */
  readonly maxTimeSeconds: number | null;
  /** Lower bound on samples before the relative-error rule may stop a scenario. */
  readonly minSamples: number;
  /**
   * The verdict rule (static runs, `--stop verdict`): each service stops on its own, and a scenario once all its
   * services have. Absent: the scenario-wide rules above only.
   */
  readonly verdict?: VerdictRule;
}

/**
 * Per-service stopping of the verdict rule, decided after every merged batch in batch order. A service that seeks a
 * verdict stops once its sequential interval (engine/estimation/sequential-verdict.ts) lies entirely above or below
 * the limit its target allows, or at the relative-error target, or at `maxSamples`; any other service stops at the
 * relative-error target or at `fixedSamples`.
 */
export interface VerdictRule {
  /**
   * Per scenario, per service (plan order): the largest unavailability the service's target allows (1 - target, in
   * [0, 1)), or null where no verdict is sought (no target, or a conditional scenario).
   */
  readonly unavailabilityLimits: readonly (readonly (number | null)[])[];
  /** Samples (>= 1) after which a service that seeks no verdict stops, as under a fixed budget. */
  readonly fixedSamples: number;
  /**
   * The first look in batches (>= 1): the prefix that holds the fixed budget (200,000 samples by default), so a
   * verdict never rests on fewer samples than a fixed run's, and a service seeking one samples on from there.
   */
  readonly firstLookBatches: number;
}

/** Everything needed to run a study's batches anywhere: plain data, structured-clone safe. */
export interface SimulationPlan {
  readonly model: CompiledModel;
  readonly scenarios: readonly CompiledScenario[];
  /** Study seed; a batch's random stream derives from (seed, scenario id, batch index) alone. */
  readonly seed: string;
  /** Samples per batch (the last batch of a scenario may be shorter). */
  readonly batchSize: number;
  readonly stopping: StoppingRule;
  /** Rare-event (PMC) samples per batch for services estimated by PMC; default DEFAULT_RARE_EVENT_SAMPLES_PER_BATCH. */
  readonly rareEventSamplesPerBatch?: number;
}

/** Critical-state importance samples per batch (each evaluates every service's critical elements). */
export const DEFAULT_IMPORTANCE_SAMPLES_PER_BATCH = 1000;

/**
 * Critical-state importance samples per scenario: only a scenario's leading batches carry them (batch b when
 * b x its importance samples per batch is below this), so a long run to a tight relative-error target does not
 * spend most of its time on importance measures (a critical-state sample costs tens of crude ones). 20,000 samples
 * estimate a Birnbaum importance of 0.01 to about +-14% (95%); each measure carries its own interval.
 */
export const IMPORTANCE_SAMPLE_BUDGET = 20_000;

/** Default PMC samples per batch: a PMC sample costs one to two orders of magnitude more than a crude one. */
export const DEFAULT_RARE_EVENT_SAMPLES_PER_BATCH = 500;

/**
 * The sample budget's meaning for permutation Monte Carlo: a service estimated by PMC draws one PMC sample per this
 * many samples of the budget (`--samples`, `--batch-size`), so the budget means the same work whatever the batch
 * size (the default batch of 10,000 gives DEFAULT_RARE_EVENT_SAMPLES_PER_BATCH).
 */
export const BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE = 20;

/** PMC samples in a batch of `batchSize` budget samples (>= 1). */
export function rareEventSamplesForBatch(batchSize: number): number {
  return Math.max(1, Math.ceil(batchSize / BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE));
}

/** Element index of link j. */
export function linkElement(model: CompiledModel, linkIndex: number): number {
  return model.topology.nodeCount + linkIndex;
}
