// Evaluates every service for one scenario given its failure list, taking the cheapest exact route per service:
//
//   no relevant failure ──> base result
//   one relevant, non-critical failure on an up base ──> up
//   otherwise ──local relabelling decides──> base component labels patched around the failures
//             ──else──> union-find (the union of relevant parts once, or each service's relevant part)

import { relabelLocally, restoreLabels } from '../evaluation/relabel-locally.ts';
import { labelRelevantComponents } from '../evaluation/relevant-components.ts';
import { ROLE_IRRELEVANT, ROLE_RELEVANT } from '../evaluation/service-structure.ts';
import type { CompiledModel } from '../model.ts';
import type { FastScenario } from './fast-scenario.ts';

/**
 * Writes each service's served endpoint count for the scenario whose failed elements are
 * `fast.samplerScratch.failedElements[0..failedCount)` (marked in `elementMark` on top of the certain ones).
 * @param served output, one entry per service
 * @param serviceMask null for every service, or 1 per service to evaluate (the others' entries of `served` are left
 *   as they are: the dense-regime evaluator, dense-batch.ts, takes them)
 */
export function evaluateFailures(
  model: CompiledModel,
  fast: FastScenario,
  failedCount: number,
  served: Float64Array,
  serviceMask: Uint8Array | null = null,
): void {
  const services = model.services;
  const serviceCount = services.length;
  const structures = fast.structures;
  const kinds = fast.kinds;
  const endpointCount = fast.endpointCount;
  const needsLabel = fast.needsLabel;
  const mark = fast.samplerScratch.elementMark;
  const failed = fast.samplerScratch.failedElements;
  const countsFromLabels = fast.countsFromLabels;
  let labelCount = 0;
  // Undecided services that count from component labels, and their relevant links: only they need a labelling.
  let fromLabels = 0;
  let labelLinks = 0;
  for (let s = 0; s < serviceCount; s++) {
    if (serviceMask !== null && serviceMask[s] === 0) {
      needsLabel[s] = 0;
      continue;
    }
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
    if (relevant === 0) served[s] = st.baseServed;
    else if (relevant === 1 && st.baseUp && lastRole === ROLE_RELEVANT) served[s] = endpointCount[s];
    else {
      needsLabel[s] = 1;
      labelCount++;
      if (countsFromLabels[s] === 1) {
        fromLabels++;
        labelLinks += st.relevantLinks.length;
      }
    }
  }
  if (labelCount === 0) return;

  if (!fast.targeted && fromLabels > 0) {
    // Check only failures relevant to a service still undecided that counts from the labels.
    const checked = fast.relabelChecked;
    for (let f = 0; f < failedCount; f++) {
      const e = failed[f];
      let c = 0;
      for (let s = 0; s < serviceCount && c === 0; s++) {
        if (needsLabel[s] === 1 && countsFromLabels[s] === 1 && structures[s].elementRole[e] !== ROLE_IRRELEVANT) c = 1;
      }
      checked[f] = c;
    }
    const labels = fast.scenarioRoot;
    const decided = relabelLocally(
      model.topology,
      fast.forest,
      fast.baseDown,
      mark,
      failed,
      failedCount,
      checked,
      fast.relevantNode,
      fast.endpointNodes,
      labels,
      fast.baseRoot,
      fast.relabel,
      fast.searchBudget,
    );
    if (decided) {
      for (let s = 0; s < serviceCount; s++) {
        if (needsLabel[s] === 1) served[s] = kinds[s].countServed(services[s], mark, labels);
      }
      restoreLabels(labels, fast.baseRoot, fast.relabel);
      return;
    }
  }

  // One labelling of the union of relevant parts serves every service at once when their parts add up to more. A
  // kind that evaluates on its own network (capacity, latency, protected, traffic) reads the failure marks alone:
  // no labelling for it (the labels it is given are whatever `parent` holds).
  const parent = fast.parent;
  const shared = !fast.targeted && fromLabels > 1 && labelLinks > fast.unionLinks.length;
  if (shared) labelRelevantComponents(model.topology, mark, parent, fast.unionLinks, fast.unionNodes);
  const undo = fast.attackUndo;
  for (let s = 0; s < serviceCount; s++) {
    if (needsLabel[s] === 0) continue;
    const st = structures[s];
    let undoCount = 0;
    if (fast.targeted) {
      // The service's attack targets are part of its own base state: mark them for this evaluation only.
      const hit = fast.attackElements[s];
      for (let h = 0; h < hit.length; h++) {
        if (mark[hit[h]] === 0) {
          mark[hit[h]] = 1;
          undo[undoCount++] = hit[h];
        }
      }
    }
    if (!shared && countsFromLabels[s] === 1) labelRelevantComponents(model.topology, mark, parent, st.relevantLinks, st.relevantNodes);
    served[s] = kinds[s].countServed(services[s], mark, parent);
    for (let u = 0; u < undoCount; u++) mark[undo[u]] = 0;
  }
}
