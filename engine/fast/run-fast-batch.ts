// The fast crude Monte Carlo batch: skip sampling (only failures are drawn) and structure-aware evaluation
// (a scenario whose failures miss every relevant element of a service takes the service's base result; a single
// non-critical relevant failure leaves an up service up; anything else is labelled with union-find).
//
//   stream ──nextCandidateSample──> failure-free run: base results × run length
//          ──drawSkipSample──> failure list ──roles──> base | up | union-find ──> tallies

import type { BatchResult, CrudeServiceTally, ImportanceTally } from '../estimation/batch-result.ts';
import { labelRelevantComponents } from '../evaluation/relevant-components.ts';
import { countServedEndpoints, labelComponents } from '../evaluation/service-evaluator.ts';
import { ROLE_IRRELEVANT, ROLE_RELEVANT } from '../evaluation/service-structure.ts';
import type { SimulationPlan } from '../model.ts';
import { createBatchDoubleStream } from '../sampling/random-stream.ts';
import { clearSkipSample, drawSkipSample, nextCandidateSample, startSkipBatch } from '../sampling/skip-sampler.ts';
import { getFastScenario } from './fast-scenario.ts';

/**
 * Runs one batch of crude Monte Carlo with the skip sampler; same tallies as the simple path, different stream
 * use (so, for a given seed, different but statistically equivalent numbers).
 * @param plan the compiled study
 * @param scenarioIndex index into plan.scenarios
 * @param batchIndex dense batch index (>= 0); determines the random stream
 * @param sampleCount samples in this batch (>= 1)
 * @param withImportance collect per-element conditional counts
 */
export function runFastCrudeBatch(
  plan: SimulationPlan,
  scenarioIndex: number,
  batchIndex: number,
  sampleCount: number,
  withImportance: boolean,
): BatchResult {
  const model = plan.model;
  const scenario = plan.scenarios[scenarioIndex];
  const services = model.services;
  const serviceCount = services.length;
  const fast = getFastScenario(model, scenario);
  const sampler = fast.sampler;
  const scratch = fast.samplerScratch;
  const structures = fast.structures;
  const endpointCount = fast.endpointCount;
  const needsLabel = fast.needsLabel;
  const parent = fast.parent;
  const mark = scratch.elementMark;
  const failed = scratch.failedElements;
  const occurred = scratch.occurredGroups;
  const linkCount = model.topology.linkCount;
  const everySample = scenario.attack.kind === 'random';
  const targeted = fast.targeted;
  const random = createBatchDoubleStream(plan.seed, scenario.id, batchIndex);

  const downCount = new Float64Array(serviceCount);
  const servedCount = new Float64Array(serviceCount);
  const serviceDown = new Uint8Array(serviceCount);
  const elementCount = model.elementCount;
  const slotCount = elementCount + model.groups.groupCount;
  const elementDownTally = withImportance ? new Float64Array(slotCount) : null;
  const conditionalTally = withImportance ? services.map(() => new Float64Array(slotCount)) : null;

  startSkipBatch(scenario, sampler, random, scratch);
  let skipped = 0;
  let i = 0;
  while (i < sampleCount) {
    if (!everySample) {
      const next = nextCandidateSample(sampler, scratch);
      if (next > i) {
        // Scenarios i..next-1 have no random failure: every service takes its base result.
        const end = next < sampleCount ? next : sampleCount;
        skipped += end - i;
        i = end;
        if (i === sampleCount) break;
      }
    }
    const failedCount = drawSkipSample(model, scenario, sampler, random, scratch, i);

    // Decide per service from the roles of the failed elements; label only where needed.
    let labelCount = 0;
    let labelLinks = 0;
    for (let s = 0; s < serviceCount; s++) {
      const st = structures[s];
      const role = st.elementRole;
      let relevant = 0;
      let lastRole = ROLE_IRRELEVANT;
      for (let f = 0; f < failedCount; f++) {
        const r = role[failed[f]];
        if (r !== ROLE_IRRELEVANT) {
          lastRole = r;
          if (++relevant > 1) break;
        }
      }
      needsLabel[s] = 0;
      let served: number;
      if (relevant === 0) served = st.baseServed;
      else if (relevant === 1 && st.baseUp && lastRole === ROLE_RELEVANT) served = endpointCount[s];
      else {
        needsLabel[s] = 1;
        labelCount++;
        labelLinks += st.relevantLinks.length;
        continue;
      }
      servedCount[s] += served;
      serviceDown[s] = served < endpointCount[s] ? 1 : 0;
      downCount[s] += serviceDown[s];
    }
    if (labelCount > 0) {
      // One labelling of the whole network serves every service at once when their relevant parts add up to more.
      const shared = !targeted && labelCount > 1 && labelLinks > linkCount;
      if (shared) labelComponents(model, mark, parent);
      for (let s = 0; s < serviceCount; s++) {
        if (needsLabel[s] === 0) continue;
        const st = structures[s];
        const undo = fast.attackUndo;
        let undoCount = 0;
        if (targeted) {
          const hit = fast.attackElements[s];
          for (let h = 0; h < hit.length; h++) {
            if (mark[hit[h]] === 0) {
              mark[hit[h]] = 1;
              undo[undoCount++] = hit[h];
            }
          }
        }
        if (!shared) labelRelevantComponents(model.topology, mark, parent, st.relevantLinks, st.relevantNodes);
        const served = countServedEndpoints(services[s], mark, parent);
        for (let u = 0; u < undoCount; u++) mark[undo[u]] = 0;
        servedCount[s] += served;
        serviceDown[s] = served < endpointCount[s] ? 1 : 0;
        downCount[s] += serviceDown[s];
      }
    }
    if (elementDownTally !== null && conditionalTally !== null) {
      const groupCount = scratch.lengths[1];
      for (let f = 0; f < failedCount + groupCount; f++) {
        const slot = f < failedCount ? failed[f] : elementCount + occurred[f - failedCount];
        elementDownTally[slot]++;
        for (let s = 0; s < serviceCount; s++) if (serviceDown[s] === 1) conditionalTally[s][slot]++;
      }
    }
    clearSkipSample(scratch);
    i++;
  }
  for (let s = 0; s < serviceCount; s++) {
    const st = structures[s];
    servedCount[s] += skipped * st.baseServed;
    if (!st.baseUp) downCount[s] += skipped;
  }
  if (elementDownTally !== null && conditionalTally !== null) {
    // Certain elements and events are down in every scenario of the batch.
    const certainSlots = [...sampler.certainElements, ...Array.from(sampler.certainGroups, (g) => elementCount + g)];
    for (const slot of certainSlots) {
      elementDownTally[slot] += sampleCount;
      for (let s = 0; s < serviceCount; s++) conditionalTally[s][slot] += downCount[s];
    }
  }

  const tallies: CrudeServiceTally[] = [];
  for (let s = 0; s < serviceCount; s++) {
    tallies.push({ kind: 'crude', samples: sampleCount, down: downCount[s], servedEndpoints: servedCount[s] });
  }
  const importance: ImportanceTally | null =
    elementDownTally !== null && conditionalTally !== null
      ? { elementDown: Array.from(elementDownTally), elementDownServiceDown: conditionalTally.map((t) => Array.from(t)) }
      : null;
  return { scenarioIndex, scenarioId: scenario.id, batchIndex, sampleCount, services: tallies, importance };
}
