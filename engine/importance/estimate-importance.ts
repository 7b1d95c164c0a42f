// Importance measures with confidence intervals from merged critical-state counts (DESIGN.md invariant 3:
// estimation after merging): Birnbaum, criticality, risk achievement and reduction worth, Fussell-Vesely.

import { findSinglePointsOfFailure } from '../analysis/index.ts';
import { clopperPearsonInterval, type EstimateInterval } from '../estimation/confidence-interval.ts';
import {
  computeMarginalFailureProbability,
  FORCED_NONE,
  resolveElementFailureModel,
  type ElementFailureModel,
} from '../exact/index.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import type { ImportanceEntry, Interval } from '../result/result-document.ts';
import type { ImportanceSums } from './importance-sums.ts';

/**
 * Finite stand-in for an infinite risk achievement or reduction worth (x / 0 with x > 0), so the result document
 * stays JSON-safe: RAW and RRW lie in [1, MAX_IMPORTANCE_RATIO].
 */
export const MAX_IMPORTANCE_RATIO = 1e12;

/** Options of {@link estimateImportance}; every field optional. */
export interface ImportanceOptions {
  /** Keep only the first `topN` entries of the ranking (an integer >= 0); null keeps all. Default null. */
  readonly topN?: number | null;
  /**
   * Also list items never seen critical (C = 0) that are not single points of failure, e.g. for a full table or to
   * read their Birnbaum upper bounds. Default false.
   */
  readonly includeUnseen?: boolean;
}

/** {@link ImportanceOptions} with every field set. */
export interface ResolvedImportanceOptions {
  readonly topN: number | null;
  readonly includeUnseen: boolean;
}

/** Defaults of {@link ImportanceOptions}: no topN cut, only items seen critical or single points of failure. */
export const DEFAULT_IMPORTANCE_OPTIONS: ResolvedImportanceOptions = { topN: null, includeUnseen: false };

/** Fills every unset field of {@link ImportanceOptions} from {@link DEFAULT_IMPORTANCE_OPTIONS}. */
export function resolveImportanceOptions(options: ImportanceOptions = {}): ResolvedImportanceOptions {
  const topN = options.topN ?? DEFAULT_IMPORTANCE_OPTIONS.topN;
  if (topN !== null && (!Number.isInteger(topN) || topN < 0)) {
    throw new RangeError(`options.topN must be a non-negative integer or null, got ${topN}`);
  }
  return { topN, includeUnseen: options.includeUnseen ?? DEFAULT_IMPORTANCE_OPTIONS.includeUnseen };
}

/**
 * Estimates the importance of every node, link and risk group for one service from merged counts.
 *
 * With n samples, C critical states of the item, C_f of them with the item failed, q the item's failure probability
 * and u the service unavailability (`unavailability`, e.g. the run's estimate from any estimator; default D / n
 * with its Clopper-Pearson interval):
 * - Birnbaum `I_B = C / n` (Birnbaum 1969: P(the item is critical)), 95% Clopper-Pearson interval. Unbiased for
 *   every item, risk-group members included: criticality depends only on the rest of the state, whose distribution
 *   the sampler draws, so E[C / n] = u(item held down) - u(item held up) as engine/exact computes it.
 * - `u(down) = u + (1 - q) I_B` and `u(up) = u - q I_B`. For an item whose state is independent of every other
 *   element's these are exact identities (u = q u(down) + (1 - q) u(up)); they hold for risk-group events (drawn
 *   independently of everything else) and for elements in no uncertain risk group. For an element whose state is
 *   tied to others (member of an uncertain risk group with another failing member, or candidate of a random attack)
 *   the identities would only approximate, so these use the exact split instead: `u(down) = u + (C - C_f) / n` and
 *   `u(up) = u - C_f / n` (E[(C - C_f) / n] = u(down) - u and E[C_f / n] = u - u(up) for every item; for independent
 *   items the q-weighted form is their conditional expectation given the rest, hence has the smaller variance).
 * - criticality `I_C = q I_B / u`; risk achievement worth `RAW = u(down) / u`; risk reduction worth
 *   `RRW = u / u(up)`; Fussell-Vesely `FV = (u - u(up)) / u`, which equals I_C for independent items (Fussell 1975;
 *   Rausand and Høyland 2004, "System Reliability Theory", 2nd ed., ch. 5).
 *
 * q is the item's marginal failure probability in this scenario and service: the scenario's override, risk groups
 * and random attack folded in, 1 for forced and targeted elements (as engine/exact `computeMarginalFailureProbability`);
 * a group's q is its event probability (1 when forced).
 *
 * Intervals: each measure is a monotone function of (I_B or the split shares) and u, evaluated at the corners of
 * their 95% intervals that give its extremes (e.g. I_C in [q lo(I_B) / hi(u), q hi(I_B) / lo(u)]), then clamped to
 * the measure's range ([0, 1] for I_B, I_C and FV; [1, MAX_IMPORTANCE_RATIO] for RAW and RRW). By Bonferroni the
 * corner interval covers with probability >= 90%; it is conservative in practice since both intervals would have to
 * miss on the unfavourable side together. Division conventions (no NaN or Infinity in the output): x / 0 with x > 0
 * gives the upper end of the range (I_C = FV = 1, RAW = RRW = MAX_IMPORTANCE_RATIO); 0 / 0 gives the neutral value
 * (I_C = FV = 0, RAW = RRW = 1). So with u = 0 the ratio measures are 1 unless the item was seen critical while
 * working (RAW) or failed (RRW). Each bound is finally widened to include its estimate.
 *
 * Entries: items with C > 0, plus the service's single points of failure (order-1 minimal cut sets of the model,
 * risk groups taken at their worst, engine/analysis `findSinglePointsOfFailure`) even when unseen, so that their
 * Birnbaum upper bounds are reported (every item with `includeUnseen`); ranked by Birnbaum estimate (highest
 * first), then by id; cut to `topN`.
 * @param model the compiled model the sums were sampled on
 * @param scenario the scenario the sums were sampled under
 * @param serviceIndex model service index, one of `sums.serviceIndices`
 * @param sums merged counts with sampleCount >= 1
 * @param unavailability u with its 95% interval, 0 <= lower <= estimate <= upper <= 1; default D / n (Clopper-Pearson)
 * @param options topN, includeUnseen
 */
export function estimateImportance(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  sums: ImportanceSums,
  unavailability?: EstimateInterval,
  options: ImportanceOptions = {},
): ImportanceEntry[] {
  const { topN, includeUnseen } = resolveImportanceOptions(options);
  const slot = sums.serviceIndices.indexOf(serviceIndex);
  if (slot < 0) throw new RangeError(`the importance sums hold no counts for service ${serviceIndex}`);
  if (sums.elementCount !== model.elementCount || sums.groupCount !== model.groups.groupCount) {
    throw new RangeError('the importance sums were made for a different model');
  }
  const n = sums.sampleCount;
  if (!(n >= 1)) throw new RangeError('the importance sums hold no samples');
  const u = unavailability ?? clopperPearsonInterval(sums.serviceDownCount[slot], n);
  if (!(0 <= u.lower && u.lower <= u.estimate && u.estimate <= u.upper && u.upper <= 1)) {
    throw new RangeError(`unavailability must satisfy 0 <= lower <= estimate <= upper <= 1, got ${JSON.stringify(u)}`);
  }
  const failureModel = resolveElementFailureModel(model, serviceIndex, { scenario });
  const dependent = markDependentElements(model, scenario, failureModel);
  const critical = sums.criticalCount[slot];
  const criticalFailed = sums.criticalFailedCount[slot];
  const elementCount = model.elementCount;
  const include = new Uint8Array(elementCount + model.groups.groupCount);
  for (let item = 0; item < include.length; item++) if (includeUnseen || critical[item] > 0) include[item] = 1;
  for (const item of findSinglePointsOfFailure(model, serviceIndex, { includeGroups: true })) include[item] = 1;

  const entries: ImportanceEntry[] = [];
  for (let item = 0; item < include.length; item++) {
    if (include[item] === 0) continue;
    const isGroup = item >= elementCount;
    const q = isGroup
      ? failureModel.groupEventProbability[item - elementCount]
      : computeElementFailureProbability(model, scenario, failureModel, item);
    const { id, kind } = describeItem(model, item);
    entries.push({
      elementId: id,
      elementKind: kind,
      ...computeMeasures(q, !isGroup && dependent[item] === 1, critical[item], criticalFailed[item], n, u),
    });
  }
  entries.sort((a, b) => {
    if (a.birnbaum.estimate !== b.birnbaum.estimate) return b.birnbaum.estimate - a.birnbaum.estimate;
    return a.elementId < b.elementId ? -1 : a.elementId > b.elementId ? 1 : 0;
  });
  return topN === null ? entries : entries.slice(0, topN);
}

type Measures = Omit<ImportanceEntry, 'elementId' | 'elementKind'>;

function computeMeasures(
  q: number,
  isDependent: boolean,
  critical: number,
  criticalFailed: number,
  n: number,
  u: Interval,
): Measures {
  const birnbaum = clopperPearsonInterval(critical, n);
  // Shares of I_B: `working` = u(down) - u (critical while working), `failed` = u - u(up) (critical while failed).
  const working = isDependent ? clopperPearsonInterval(critical - criticalFailed, n) : scale(birnbaum, 1 - q);
  const failed = isDependent ? clopperPearsonInterval(criticalFailed, n) : scale(birnbaum, q);
  const criticality = share(scale(birnbaum, q), u);
  const fussellVesely = share(failed, u);
  const achievement = share(working, u, MAX_IMPORTANCE_RATIO - 1);
  return {
    birnbaum: { estimate: birnbaum.estimate, lower: birnbaum.lower, upper: birnbaum.upper },
    criticality,
    riskAchievementWorth: ordered(1 + achievement.estimate, 1 + achievement.lower, 1 + achievement.upper),
    riskReductionWorth: ordered(
      reductionWorth(fussellVesely.estimate),
      reductionWorth(fussellVesely.lower),
      reductionWorth(fussellVesely.upper),
    ),
    fussellVesely,
  };
}

function scale(interval: Interval, factor: number): Interval {
  return { estimate: interval.estimate * factor, lower: interval.lower * factor, upper: interval.upper * factor };
}

/** x / u for an increasing x and decreasing u: corners (lo x / hi u, hi x / lo u), clamped to [0, limit]. */
function share(x: Interval, u: Interval, limit = 1): Interval {
  return ordered(
    divide(x.estimate, u.estimate, limit),
    divide(x.lower, u.upper, limit),
    divide(x.upper, u.lower, limit),
  );
}

/** numerator / denominator clamped to [0, limit]; x / 0 gives limit for x > 0, and 0 / 0 gives 0. */
function divide(numerator: number, denominator: number, limit: number): number {
  if (denominator > 0) return Math.min(limit, Math.max(0, numerator / denominator));
  return numerator > 0 ? limit : 0;
}

/** RRW = u / u(up) = 1 / (1 - FV), capped at MAX_IMPORTANCE_RATIO. */
function reductionWorth(fussellVesely: number): number {
  const rest = 1 - fussellVesely;
  return rest * MAX_IMPORTANCE_RATIO <= 1 ? MAX_IMPORTANCE_RATIO : Math.min(MAX_IMPORTANCE_RATIO, 1 / rest);
}

function ordered(estimate: number, lower: number, upper: number): Interval {
  return { estimate, lower: Math.min(lower, estimate), upper: Math.max(upper, estimate) };
}

/**
 * 1 at elements whose state is tied to another element's: members (member probability > 0, not forced) of a risk
 * group with an uncertain event and at least two such members, and candidates of a random attack that hits some
 * but not all of them.
 */
function markDependentElements(
  model: CompiledModel,
  scenario: CompiledScenario,
  failureModel: ElementFailureModel,
): Uint8Array {
  const groups = model.groups;
  const dependent = new Uint8Array(model.elementCount);
  const free = (m: number): boolean =>
    groups.memberFailureProbability[m] > 0 && failureModel.forcedState[groups.memberElement[m]] === FORCED_NONE;
  for (let g = 0; g < groups.groupCount; g++) {
    const p = failureModel.groupEventProbability[g];
    if (!(p > 0 && p < 1)) continue;
    const members = new Set<number>();
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      if (free(m)) members.add(groups.memberElement[m]);
    }
    if (members.size >= 2) for (const e of members) dependent[e] = 1;
  }
  const attack = scenario.attack;
  if (attack.kind === 'random' && attack.count > 0 && attack.count < attack.candidates.length) {
    for (const e of attack.candidates) if (failureModel.forcedState[e] === FORCED_NONE) dependent[e] = 1;
  }
  return dependent;
}

/** Marginal failure probability of an element, with a random attack's hit probability count / candidates folded in. */
function computeElementFailureProbability(
  model: CompiledModel,
  scenario: CompiledScenario,
  failureModel: ElementFailureModel,
  element: number,
): number {
  const q = computeMarginalFailureProbability(model, failureModel, element);
  const attack = scenario.attack;
  if (attack.kind !== 'random' || attack.count <= 0 || failureModel.forcedState[element] !== FORCED_NONE) return q;
  if (!attack.candidates.includes(element)) return q;
  const hit = Math.min(1, attack.count / attack.candidates.length);
  return 1 - (1 - q) * (1 - hit);
}

function describeItem(model: CompiledModel, item: number): { id: string; kind: ImportanceEntry['elementKind'] } {
  const nodeCount = model.topology.nodeCount;
  if (item < nodeCount) return { id: model.index.nodeIds[item], kind: 'node' };
  if (item < model.elementCount) return { id: model.index.linkIds[item - nodeCount], kind: 'link' };
  return { id: model.index.groupIds[item - model.elementCount], kind: 'group' };
}
