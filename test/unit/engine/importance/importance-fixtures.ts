// Test helpers of engine/importance: exhaustive weighted enumeration through the critical-state logic, small
// fixture models (ring with a risk group), a generated backbone for the speed check, and the property seed.

import { createImportanceScratch } from '../../../../engine/importance/index.ts';
import {
  accumulateCriticalState,
  createCriticalCounts,
  type CriticalCounts,
} from '../../../../engine/importance/internal/critical-state.ts';
import { buildImportancePlan, type ImportancePlan } from '../../../../engine/importance/internal/importance-plan.ts';
import type { CompiledModel, CompiledScenario, CompiledService } from '../../../../engine/model.ts';
import { createNamedStream } from '../../../../engine/sampling/random-stream.ts';
import { buildModel, connected, reach, type RiskGroupSpec } from '../exact/model-builders.ts';

/** fast-check seed: FC_SEED when set (CI), else time-based; printed so a failure can be replayed. */
export function propertySeed(suite: string): number {
  const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
  console.log(`${suite}: fast-check seed ${seed} (set FC_SEED to replay)`);
  return seed;
}

/** Number of uncertain items (elements, group events, group members) the enumeration would branch on. */
export function countUncertainItems(model: CompiledModel, scenario: CompiledScenario): number {
  return listUncertain(model, scenario).length;
}

type Bit = { readonly kind: 'element' | 'group' | 'member'; readonly index: number; readonly p: number };

function listUncertain(model: CompiledModel, scenario: CompiledScenario): Bit[] {
  const bits: Bit[] = [];
  const forcedGroups = new Set(scenario.forcedGroups);
  if (scenario.randomFailures) {
    const q = scenario.elementFailureProbability ?? model.elementFailureProbability;
    for (let e = 0; e < model.elementCount; e++)
      if (q[e] > 0 && q[e] < 1) bits.push({ kind: 'element', index: e, p: q[e] });
    const p = scenario.groupEventProbability ?? model.groups.eventProbability;
    for (let g = 0; g < model.groups.groupCount; g++) {
      if (!forcedGroups.has(g) && p[g] > 0 && p[g] < 1) bits.push({ kind: 'group', index: g, p: p[g] });
    }
  }
  const pm = model.groups.memberFailureProbability;
  for (let m = 0; m < pm.length; m++) if (pm[m] > 0 && pm[m] < 1) bits.push({ kind: 'member', index: m, p: pm[m] });
  return bits;
}

/**
 * Runs every state of the sampling distribution (all up/down combinations of the uncertain elements, group events
 * and member draws) through `accumulateCriticalState` with the state's probability as weight: the counts are then
 * the exact probabilities (D = u, C = I_B, ...). No random attack.
 */
export function enumerateCriticalCounts(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndices: readonly number[],
): { plan: ImportancePlan; counts: CriticalCounts; totalWeight: number } {
  if (scenario.attack.kind === 'random') throw new Error('enumeration does not support random attacks');
  const plan = buildImportancePlan(model, scenario, serviceIndices);
  const scratch = createImportanceScratch(model);
  const counts = createCriticalCounts(plan);
  const bits = listUncertain(model, scenario);
  if (bits.length > 22) throw new Error(`too many uncertain items: ${bits.length}`);
  const q = scenario.elementFailureProbability ?? model.elementFailureProbability;
  const p = scenario.groupEventProbability ?? model.groups.eventProbability;
  const pm = model.groups.memberFailureProbability;
  let totalWeight = 0;
  for (let mask = 0; mask < 2 ** bits.length; mask++) {
    scratch.ownDown.fill(0);
    scratch.groupOccurred.fill(0);
    scratch.memberHit.fill(0);
    if (scenario.randomFailures) {
      for (let e = 0; e < model.elementCount; e++) if (q[e] >= 1) scratch.ownDown[e] = 1;
      for (let g = 0; g < model.groups.groupCount; g++) if (p[g] >= 1) scratch.groupOccurred[g] = 1;
    }
    for (const g of scenario.forcedGroups) scratch.groupOccurred[g] = 1;
    for (let m = 0; m < pm.length; m++) if (pm[m] >= 1) scratch.memberHit[m] = 1;
    let weight = 1;
    bits.forEach((bit, i) => {
      const isDown = ((mask >>> i) & 1) === 1;
      weight *= isDown ? bit.p : 1 - bit.p;
      if (!isDown) return;
      if (bit.kind === 'element') scratch.ownDown[bit.index] = 1;
      else if (bit.kind === 'group') scratch.groupOccurred[bit.index] = 1;
      else scratch.memberHit[bit.index] = 1;
    });
    for (const e of scenario.forcedElements) scratch.ownDown[e] = 1;
    totalWeight += weight;
    accumulateCriticalState(plan, scratch, weight, counts);
  }
  return { plan, counts, totalWeight };
}

/**
 * A ring of `nodeCount` nodes (link i joins i and i + 1 mod n) with two chords, and one risk group (a shared duct)
 * holding links 1 and (n / 2 + 1), the second failing with probability 0.5 given the event. Services: two-terminal
 * 0-(n/2), three-terminal, and reach from node 1 to 2 of 4 sites.
 */
export function ringModel(nodeCount = 6): CompiledModel {
  const links: Array<[number, number]> = [];
  for (let i = 0; i < nodeCount; i++) links.push([i, (i + 1) % nodeCount]);
  links.push([0, Math.floor(nodeCount / 2)]);
  const half = Math.floor(nodeCount / 2);
  const groups: RiskGroupSpec[] = [
    {
      eventProbability: 0.05,
      members: [
        [nodeCount + 1, 1],
        [nodeCount + half + 1, 0.5],
      ],
    },
  ];
  const services: CompiledService[] = [
    connected([0, half], 'two-terminal'),
    connected([0, 2, nodeCount - 1], 'three-terminal'),
    reach([1], [0, 2, half, nodeCount - 1], 2, 'reach'),
  ];
  return buildModel({
    nodeCount,
    links,
    nodeFailureProbability: 0.02,
    linkFailureProbability: Array.from({ length: links.length }, (_, j) => 0.03 + 0.01 * (j % 4)),
    services,
    groups,
  });
}

/**
 * A generated backbone: a ring through all nodes plus random chords between nearby nodes (random geometric
 * positions), `groupCount` shared ducts of 2-5 links each, and `serviceCount` services (two-terminal, k-terminal and
 * reach k-of-m). Link unavailability 1e-3..1e-2, node 1e-4..1e-3, duct events 1e-3..1e-2. Deterministic.
 */
export function backboneModel(nodeCount = 100, linkCount = 180, groupCount = 30, serviceCount = 11): CompiledModel {
  const random = createNamedStream('importance-backbone', `${nodeCount}/${linkCount}/${groupCount}/${serviceCount}`);
  const x = Array.from({ length: nodeCount }, () => random());
  const y = Array.from({ length: nodeCount }, () => random());
  const order = Array.from({ length: nodeCount }, (_, v) => v).sort(
    (a, b) => Math.atan2(y[a] - 0.5, x[a] - 0.5) - Math.atan2(y[b] - 0.5, x[b] - 0.5),
  );
  const present = new Set<string>();
  const links: Array<[number, number]> = [];
  const add = (a: number, b: number): boolean => {
    const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
    if (a === b || present.has(key)) return false;
    present.add(key);
    links.push([a, b]);
    return true;
  };
  for (let i = 0; i < nodeCount; i++) add(order[i], order[(i + 1) % nodeCount]);
  while (links.length < linkCount) {
    const a = Math.floor(random() * nodeCount);
    let best = -1;
    let bestDistance = Infinity;
    for (let v = 0; v < nodeCount; v++) {
      const d = Math.hypot(x[a] - x[v], y[a] - y[v]) * (0.5 + random());
      if (v !== a && d < bestDistance && !present.has(`${Math.min(a, v)}-${Math.max(a, v)}`)) {
        bestDistance = d;
        best = v;
      }
    }
    if (best >= 0) add(a, best);
  }
  const groups: RiskGroupSpec[] = [];
  for (let g = 0; g < groupCount; g++) {
    const size = 2 + Math.floor(random() * 4);
    const members = new Map<number, number>();
    while (members.size < size) members.set(nodeCount + Math.floor(random() * linkCount), random() < 0.8 ? 1 : 0.5);
    groups.push({ eventProbability: 0.001 + 0.009 * random(), members: [...members.entries()] });
  }
  const pickNodes = (count: number): number[] => {
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(random() * nodeCount));
    return [...chosen];
  };
  const services: CompiledService[] = [];
  for (let s = 0; s < serviceCount; s++) {
    if (s % 3 === 0) services.push(connected(pickNodes(2), `svc${s}`));
    else if (s % 3 === 1) services.push(connected(pickNodes(4), `svc${s}`));
    else services.push(reach(pickNodes(2), pickNodes(5), 3, `svc${s}`));
  }
  return buildModel({
    nodeCount,
    links,
    nodeFailureProbability: Array.from({ length: nodeCount }, () => 1e-4 + 9e-4 * random()),
    linkFailureProbability: Array.from({ length: linkCount }, () => 1e-3 + 9e-3 * random()),
    services,
    groups,
  });
}
