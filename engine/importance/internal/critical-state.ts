// The heart of critical-state sampling: draw one failure state, then find for every service which elements and
// risk groups are critical in it (their state alone decides the service's state), and add a weight to their counts.

import { scanCriticalExtensions } from '../../analysis/index.ts';
import type { UniformSource } from '../../sampling/random-stream.ts';
import { drawScenarioState } from '../../sampling/scenario-draws.ts';
import type { ImportanceScratch } from '../importance-scratch.ts';
import { isServiceDownEarly } from './early-exit-check.ts';
import type { ImportancePlan } from './importance-plan.ts';

/** Running weighted counts of one run: typed accumulators, copied into plain ImportanceSums at the end. */
export interface CriticalCounts {
  /** Per slot: weight of the states in which the service is down. */
  readonly serviceDown: Float64Array;
  /** Per slot, stride `plan.itemCount` (elements, then groups): weight of the states in which the item is critical. */
  readonly critical: Float64Array;
  /** Same layout: weight of the states in which the item is critical and failed (the service is down). */
  readonly criticalFailed: Float64Array;
}

/** Allocates zeroed counts for a plan. */
export function createCriticalCounts(plan: ImportancePlan): CriticalCounts {
  const slots = plan.serviceIndices.length;
  return {
    serviceDown: new Float64Array(slots),
    critical: new Float64Array(slots * plan.itemCount),
    criticalFailed: new Float64Array(slots * plan.itemCount),
  };
}

/**
 * Draws one state into `scratch.ownDown`, `groupOccurred` and `memberHit` in the draw order every per-trial sampler
 * shares (engine/sampling/scenario-draws.ts), so the simple crude sampler and this one see the same state from the
 * same stream. `memberHit` records every member draw, also for groups whose event did not occur: those draws decide
 * what the event would have done.
 */
export function drawCriticalState(plan: ImportancePlan, random: UniformSource, scratch: ImportanceScratch): void {
  const { ownDown, groupOccurred, memberHit, attackPool } = scratch;
  drawScenarioState(plan.model, plan.scenario, random, ownDown, groupOccurred, memberHit, attackPool);
}

/**
 * Adds `weight` to the counts of every service slot for the state held in `scratch.ownDown`, `groupOccurred` and
 * `memberHit` (the down set is derived here, with each slot's targeted attack on top).
 *
 * An item is critical in state X when the service's state with the item failed differs from its state with the
 * item working, the rest of X unchanged; P(critical) is Birnbaum's importance (Birnbaum 1969). For a coherent
 * service: if the service is up, exactly the up elements whose single extra failure takes it down are critical (one
 * extension scan, O(n + m)); if it is down, exactly the down elements whose repair alone restores it are (one
 * evaluation per relevant down element). A risk group works when its event does not occur and fails when it does,
 * its members then failing as their draws in `memberHit` say: if the event did not occur, the group is critical iff
 * the service is up and failing the hit members takes it down (critical when a hit member is a critical element;
 * not critical when at most one hit member is up and none is critical; else one evaluation); if it occurred, iff
 * the service is down and removing the event's causes restores it (elements held down by another cause stay down).
 * Critical items of a down state also count as critical-and-failed. The service depends on its relevant elements
 * only, so a state with no relevant failure beyond the plan's base state reuses the base state's answers, and one
 * with a single such failure decides every group from the plan's precomputed group answers.
 */
export function accumulateCriticalState(
  plan: ImportancePlan,
  scratch: ImportanceScratch,
  weight: number,
  counts: CriticalCounts,
): void {
  const model = plan.model;
  const groups = model.groups;
  const memberStart = groups.memberStart;
  const memberElement = groups.memberElement;
  const elementCount = model.elementCount;
  const own = scratch.ownDown;
  const occurred = scratch.groupOccurred;
  const hit = scratch.memberHit;
  const causeCount = scratch.causeCount;
  const down = scratch.down;
  for (let e = 0; e < elementCount; e++) causeCount[e] = own[e];
  for (let g = 0; g < occurred.length; g++) {
    if (occurred[g] === 0) continue;
    for (let m = memberStart[g]; m < memberStart[g + 1]; m++) causeCount[memberElement[m]] += hit[m];
  }
  const downList = scratch.downList;
  let downCount = 0;
  for (let e = 0; e < elementCount; e++) {
    down[e] = causeCount[e] > 0 ? 1 : 0;
    if (down[e] !== 0) downList[downCount++] = e;
  }
  const slotCount = plan.serviceIndices.length;
  for (let slot = 0; slot < slotCount; slot++) {
    // Relevant failures beyond the base state (which already holds this slot's targeted attack).
    const relevant = plan.relevantMask[slot];
    const base = plan.baseMask[slot];
    let extraCount = 0;
    let extraElement = -1;
    for (let i = 0; i < downCount; i++) {
      const e = downList[i];
      if (relevant[e] !== 0 && base[e] === 0) {
        extraCount++;
        extraElement = e;
      }
    }
    const attack = plan.attackElements[slot];
    for (let i = 0; i < attack.length; i++) {
      causeCount[attack[i]]++;
      down[attack[i]] = 1;
    }
    accumulateService(plan, scratch, slot, weight, counts, extraCount, extraElement);
    for (let i = 0; i < attack.length; i++) {
      const e = attack[i];
      causeCount[e]--;
      down[e] = causeCount[e] > 0 ? 1 : 0;
    }
  }
}

/**
 * One service in the current state. `extraCount` relevant elements are down beyond the base state (the last one
 * is `extraElement`); the service depends on relevant elements only, so with none the base state's answers apply.
 */
function accumulateService(
  plan: ImportancePlan,
  scratch: ImportanceScratch,
  slot: number,
  weight: number,
  counts: CriticalCounts,
  extraCount: number,
  extraElement: number,
): void {
  const topology = plan.model.topology;
  const form = plan.forms[slot];
  const down = scratch.down;
  const checkScratch = scratch.checkScratch;
  const relevant = plan.relevantElements[slot];
  const criticalCount = counts.critical;
  const base = slot * plan.itemCount;
  if (extraCount === 0 && plan.baseUp[slot] === 1) {
    const baseCritical = plan.baseCriticalList[slot];
    for (let i = 0; i < baseCritical.length; i++) criticalCount[base + baseCritical[i]] += weight;
    accumulateGroupsUp(plan, scratch, slot, weight, counts, plan.baseCritical[slot], 0, -1);
    return;
  }
  const critical = scratch.critical;
  if (!isServiceDownEarly(topology, form, down, checkScratch)) {
    scanCriticalExtensions(topology, form, down, scratch.scanScratch, critical);
    for (let i = 0; i < relevant.length; i++) {
      const e = relevant[i];
      if (critical[e] !== 0) criticalCount[base + e] += weight;
    }
    accumulateGroupsUp(plan, scratch, slot, weight, counts, critical, extraCount, extraElement);
    return;
  }
  counts.serviceDown[slot] += weight;
  // Rare branch (the service is down): clearing the whole array keeps flags of other services out of the groups'
  // shortcut below.
  critical.fill(0);
  const failedCount = counts.criticalFailed;
  for (let i = 0; i < relevant.length; i++) {
    const e = relevant[i];
    if (down[e] === 0) continue;
    down[e] = 0;
    if (!isServiceDownEarly(topology, form, down, checkScratch)) {
      critical[e] = 1;
      criticalCount[base + e] += weight;
      failedCount[base + e] += weight;
    }
    down[e] = 1;
  }
  accumulateGroupsDown(plan, scratch, slot, weight, counts);
}

/**
 * Service up: a group whose event did not occur is critical iff failing its hit members H takes the service down.
 * `critical` holds the state's extension scan. With at most one relevant failure r beyond the base state B, the
 * state lies within B + r and H within the group's members M, so the plan's precomputed answer for B + M (+ r)
 * decides: no cut there means no cut here (coherence); a cut there with every member of M down or hit means a cut
 * here. Otherwise one evaluation.
 */
function accumulateGroupsUp(
  plan: ImportancePlan,
  scratch: ImportanceScratch,
  slot: number,
  weight: number,
  counts: CriticalCounts,
  critical: Uint8Array,
  extraCount: number,
  extraElement: number,
): void {
  const model = plan.model;
  const elementCount = model.elementCount;
  const memberStart = model.groups.memberStart;
  const memberElement = model.groups.memberElement;
  const memberProbability = model.groups.memberFailureProbability;
  const occurred = scratch.groupOccurred;
  const hit = scratch.memberHit;
  const down = scratch.down;
  const changed = scratch.changed;
  const groupList = plan.relevantGroups[slot];
  const groupCut = plan.groupCut[slot];
  const groupExtension = plan.groupExtension[slot];
  const base = slot * plan.itemCount + elementCount;
  for (let i = 0; i < groupList.length; i++) {
    const g = groupList[i];
    // An event that occurred is the group's failed state; with the service up it is not critical (coherence).
    if (occurred[g] !== 0) continue;
    let upHits = 0;
    let missing = 0;
    let isCritical = false;
    for (let m = memberStart[g]; m < memberStart[g + 1]; m++) {
      const e = memberElement[m];
      if (down[e] !== 0) continue;
      if (hit[m] === 0) {
        if (memberProbability[m] > 0) missing++;
        continue;
      }
      if (critical[e] !== 0) {
        isCritical = true;
        break;
      }
      upHits++;
    }
    // One extra failure that the extension scan did not flag cannot take the service down.
    if (!isCritical && upHits >= 2) {
      let decided = false;
      // The service is up, so the base state is up too and the plan's group answers are filled.
      if (extraCount <= 1) {
        const isCut = groupCut[i] === 1 || (extraCount === 1 && groupExtension[i * elementCount + extraElement] === 1);
        if (!isCut) {
          decided = true;
        } else if (missing === 0) {
          isCritical = true;
          decided = true;
        }
      }
      if (!decided) {
        let changedCount = 0;
        for (let m = memberStart[g]; m < memberStart[g + 1]; m++) {
          const e = memberElement[m];
          if (hit[m] === 0 || down[e] !== 0) continue;
          down[e] = 1;
          changed[changedCount++] = e;
        }
        isCritical = isServiceDownEarly(model.topology, plan.forms[slot], down, scratch.checkScratch);
        for (let c = 0; c < changedCount; c++) down[changed[c]] = 0;
      }
    }
    if (isCritical) counts.critical[base + g] += weight;
  }
}

/** Service down: a group whose event occurred is critical iff undoing the event's member failures restores it. */
function accumulateGroupsDown(
  plan: ImportancePlan,
  scratch: ImportanceScratch,
  slot: number,
  weight: number,
  counts: CriticalCounts,
): void {
  const model = plan.model;
  const memberStart = model.groups.memberStart;
  const memberElement = model.groups.memberElement;
  const occurred = scratch.groupOccurred;
  const hit = scratch.memberHit;
  const down = scratch.down;
  const causeCount = scratch.causeCount;
  const critical = scratch.critical;
  const changed = scratch.changed;
  const groupList = plan.relevantGroups[slot];
  const base = slot * plan.itemCount + model.elementCount;
  for (let i = 0; i < groupList.length; i++) {
    const g = groupList[i];
    if (occurred[g] === 0) continue;
    let changedCount = 0;
    let isCritical = false;
    for (let m = memberStart[g]; m < memberStart[g + 1]; m++) {
      if (hit[m] === 0) continue;
      const e = memberElement[m];
      causeCount[e]--;
      if (causeCount[e] === 0) {
        down[e] = 0;
        changed[changedCount++] = e;
        // Repairing a superset of a restoring repair restores too (coherence).
        if (critical[e] !== 0) isCritical = true;
      }
    }
    if (!isCritical && changedCount > 0) {
      isCritical = !isServiceDownEarly(model.topology, plan.forms[slot], down, scratch.checkScratch);
    }
    for (let m = memberStart[g]; m < memberStart[g + 1]; m++) if (hit[m] !== 0) causeCount[memberElement[m]]++;
    for (let c = 0; c < changedCount; c++) down[changed[c]] = 1;
    if (isCritical) {
      counts.critical[base + g] += weight;
      counts.criticalFailed[base + g] += weight;
    }
  }
}
