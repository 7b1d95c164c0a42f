// runPairedBatch: one batch of common-random-number samples of a base and a plan model. Each sample draws one
// uniform per union element and per union risk group; each model turns it into its own state with its own
// probabilities, then both are evaluated and the 2x2 table (base down, plan down, both down) is counted. A side
// whose sample drew no random failure and no group event is in its fixed state (forced elements, targeted attack):
// the batch evaluates that state once and reuses its answers (most samples of a backbone; the draws, and so the
// numbers, are the same).

import { createEvaluationScratch, labelComponents } from '../evaluation/service-evaluator.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import { createBatchStream, type UniformSource } from '../sampling/random-stream.ts';
import { expandLayerState } from '../sampling/layer-expansion.ts';
import { drawRandomAttack } from '../sampling/scenario-draws.ts';
import { resolveServiceKinds, type CompiledService } from '../services/service-kinds.ts';
import type { ServiceKindDefinition } from '../services/service-kind.ts';
import type { PairedBatchResult, PairedPlan, PairedServiceTally } from './paired-plan.ts';

interface Side {
  model: CompiledModel;
  scenario: CompiledScenario;
  down: Uint8Array;
  occurred: Uint8Array;
  parent: Int32Array;
  attacked: Uint8Array;
  /** Each service's kind definition (looked up once per batch). */
  kinds: readonly ServiceKindDefinition<CompiledService>[];
  endpoints: Float64Array;
  attackPool: Uint32Array;
  /**
   * Whether a sample without a random element failure or group event leaves this side in one fixed state (its
   * forced elements; targeted attacks): no forced group (random members) and no random attack.
   */
  quietable: boolean;
  /** Per service: down (1) or up (0) in that fixed state, -1 until a quiet sample evaluates it. */
  quiet: Int8Array;
}

function createSide(model: CompiledModel, scenario: CompiledScenario): Side {
  const evaluation = createEvaluationScratch(model);
  const kinds = resolveServiceKinds(model.services);
  return {
    model,
    scenario,
    down: new Uint8Array(model.elementCount),
    occurred: new Uint8Array(model.groups.groupCount),
    parent: evaluation.parent,
    attacked: evaluation.attackedDown,
    kinds,
    endpoints: Float64Array.from(model.services.map((service, s) => kinds[s].countEndpoints(service))),
    attackPool: new Uint32Array(scenario.attack.kind === 'random' ? scenario.attack.candidates.length : 0),
    quietable: scenario.forcedGroups.length === 0 && scenario.attack.kind !== 'random',
    quiet: new Int8Array(model.services.length).fill(-1),
  };
}

/**
 * Where each group member of both models reads its conditional-failure uniform in a sample's member draws. An
 * element's first membership (in its model's group order) reads the per-element uniform of its union element, so a
 * member shared by both models fails in both or neither (coupled); its k-th membership (an element in k risk groups
 * of one model) reads an extra uniform of its own, shared with the other model's k-th membership of the same
 * element, so that the memberships of one element fail independently, as in every other sampler.
 * @returns per-member draw indices of base and plan, and the number of draws per sample
 */
function indexMemberDraws(
  pair: PairedPlan,
  base: CompiledModel,
  plan: CompiledModel,
  unionOfBase: Int32Array,
  unionOfPlan: Int32Array,
): { readonly base: Int32Array; readonly plan: Int32Array; readonly drawCount: number } {
  const extraIndex = new Map<number, number>();
  let drawCount = pair.unionElementCount;
  // A key per (union element, membership rank k >= 1); ranks stay below the larger group count.
  const stride = Math.max(base.groups.groupCount, plan.groups.groupCount) + 1;
  const index = (model: CompiledModel, unionOf: Int32Array): Int32Array => {
    const groups = model.groups;
    const drawOf = new Int32Array(groups.memberElement.length);
    const seen = new Int32Array(model.elementCount);
    for (let g = 0; g < groups.groupCount; g++) {
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
        const union = unionOf[groups.memberElement[m]];
        const k = seen[groups.memberElement[m]]++;
        if (k === 0) {
          drawOf[m] = union;
          continue;
        }
        const key = union * stride + k;
        const slot = extraIndex.get(key) ?? drawCount++;
        extraIndex.set(key, slot);
        drawOf[m] = slot;
      }
    }
    return drawOf;
  };
  const baseDraws = index(base, unionOfBase);
  return { base: baseDraws, plan: index(plan, unionOfPlan), drawCount };
}

/**
 * Applies group members, forced elements and a random attack after the shared draws. Member m's conditional failure
 * uses the shared uniform `memberDraw[drawOf[m]]` (see indexMemberDraws).
 */
function completeState(side: Side, random: UniformSource, memberDraw: Float64Array, drawOf: Int32Array): void {
  const { model, scenario, down, occurred } = side;
  for (let i = 0; i < scenario.forcedGroups.length; i++) occurred[scenario.forcedGroups[i]] = 1;
  const groups = model.groups;
  for (let g = 0; g < groups.groupCount; g++) {
    if (occurred[g] === 0) continue;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      if (memberDraw[drawOf[m]] < groups.memberFailureProbability[m]) down[groups.memberElement[m]] = 1;
    }
  }
  for (let i = 0; i < scenario.forcedElements.length; i++) down[scenario.forcedElements[i]] = 1;
  const attack = scenario.attack;
  if (attack.kind === 'random') drawRandomAttack(side.attackPool, attack.candidates, attack.count, random, down);
  if (model.layers !== undefined) expandLayerState(model.layers, down);
}

function evaluateSide(side: Side, serviceIndex: number): number {
  const { model, scenario } = side;
  const service = model.services[serviceIndex];
  let state = side.down;
  if (scenario.attack.kind === 'targeted') {
    state = side.attacked;
    state.set(side.down);
    const hit = scenario.attack.elementsByService[serviceIndex];
    for (let h = 0; h < hit.length; h++) state[hit[h]] = 1;
    if (model.layers !== undefined) expandLayerState(model.layers, state);
    labelComponents(model, state, side.parent);
  }
  const served = side.kinds[serviceIndex].countServed(service, state, side.parent);
  return served < side.endpoints[serviceIndex] ? 1 : 0;
}

/**
 * Whether a side's state is down for a service: from its fixed-state answer when the sample is quiet for it (the
 * state then equals the fixed state, evaluated on the first quiet sample of the batch), else evaluated.
 */
function isSideDown(side: Side, serviceIndex: number, quiet: boolean): number {
  if (!quiet) return evaluateSide(side, serviceIndex);
  let known = side.quiet[serviceIndex];
  if (known < 0) {
    known = evaluateSide(side, serviceIndex);
    side.quiet[serviceIndex] = known;
  }
  return known;
}

/**
 * Runs one paired batch.
 * @param scenarioIndex index into pair.scenarioPairs
 * @param batchIndex dense batch index; the stream derives from (seed, "compare|" + scenario id, batch index)
 */
export function runPairedBatch(pair: PairedPlan, scenarioIndex: number, batchIndex: number, sampleCount: number): PairedBatchResult {
  const scenarioPair = pair.scenarioPairs[scenarioIndex];
  if (scenarioPair === undefined) throw new RangeError(`scenario pair ${scenarioIndex} is out of range`);
  const base = createSide(pair.base.model, pair.base.scenarios[scenarioPair.base]);
  const plan = createSide(pair.plan.model, pair.plan.scenarios[scenarioPair.plan]);
  const random = createBatchStream(pair.seed, `compare|${scenarioPair.id}`, batchIndex);
  const baseP = base.scenario.elementFailureProbability ?? base.model.elementFailureProbability;
  const planP = plan.scenario.elementFailureProbability ?? plan.model.elementFailureProbability;
  const baseG = base.scenario.groupEventProbability ?? base.model.groups.eventProbability;
  const planG = plan.scenario.groupEventProbability ?? plan.model.groups.eventProbability;
  const pairs = pair.servicePairs;
  const baseDown = new Float64Array(pairs.length);
  const planDown = new Float64Array(pairs.length);
  const bothDown = new Float64Array(pairs.length);
  const unionOfBase = new Int32Array(base.model.elementCount);
  const unionOfPlan = new Int32Array(plan.model.elementCount);
  for (let u = 0; u < pair.unionElementCount; u++) {
    if (pair.baseElementOfUnion[u] >= 0) unionOfBase[pair.baseElementOfUnion[u]] = u;
    if (pair.planElementOfUnion[u] >= 0) unionOfPlan[pair.planElementOfUnion[u]] = u;
  }
  const baseRandom = base.scenario.randomFailures;
  const planRandom = plan.scenario.randomFailures;
  const draws = indexMemberDraws(pair, base.model, plan.model, unionOfBase, unionOfPlan);
  const memberDraw = new Float64Array(draws.drawCount);

  for (let i = 0; i < sampleCount; i++) {
    base.down.fill(0);
    plan.down.fill(0);
    base.occurred.fill(0);
    plan.occurred.fill(0);
    // A side that draws no random failure and no group event in this sample is in its fixed state (when quietable).
    let baseQuiet = base.quietable;
    let planQuiet = plan.quietable;
    for (let u = 0; u < pair.unionElementCount; u++) {
      const r = random();
      const be = pair.baseElementOfUnion[u];
      const pe = pair.planElementOfUnion[u];
      if (be >= 0 && baseRandom && r < baseP[be]) {
        base.down[be] = 1;
        baseQuiet = false;
      }
      if (pe >= 0 && planRandom && r < planP[pe]) {
        plan.down[pe] = 1;
        planQuiet = false;
      }
    }
    for (let u = 0; u < pair.unionGroupCount; u++) {
      const r = random();
      const bg = pair.baseGroupOfUnion[u];
      const pg = pair.planGroupOfUnion[u];
      if (bg >= 0 && baseRandom && r < baseG[bg]) {
        base.occurred[bg] = 1;
        baseQuiet = false;
      }
      if (pg >= 0 && planRandom && r < planG[pg]) {
        plan.occurred[pg] = 1;
        planQuiet = false;
      }
    }
    // Member uniforms are drawn only in samples where some group event occurred (rare): once per union element,
    // then once per further membership of an element in several groups of one model (indexMemberDraws).
    let anyEvent = base.scenario.forcedGroups.length > 0 || plan.scenario.forcedGroups.length > 0;
    for (let g = 0; g < base.occurred.length && !anyEvent; g++) anyEvent = base.occurred[g] === 1;
    for (let g = 0; g < plan.occurred.length && !anyEvent; g++) anyEvent = plan.occurred[g] === 1;
    if (anyEvent) for (let d = 0; d < draws.drawCount; d++) memberDraw[d] = random();
    completeState(base, random, memberDraw, draws.base);
    completeState(plan, random, memberDraw, draws.plan);
    // A quiet side's labels are needed only while its fixed state's answers are not all known (the first quiet
    // sample evaluates them all); its draws were made all the same, so the stream and the counts do not change.
    if (base.scenario.attack.kind !== 'targeted' && !(baseQuiet && base.quiet[pairs[0]?.base ?? 0] >= 0)) {
      labelComponents(base.model, base.down, base.parent);
    }
    if (plan.scenario.attack.kind !== 'targeted' && !(planQuiet && plan.quiet[pairs[0]?.plan ?? 0] >= 0)) {
      labelComponents(plan.model, plan.down, plan.parent);
    }
    for (let s = 0; s < pairs.length; s++) {
      const b = isSideDown(base, pairs[s].base, baseQuiet);
      const p = isSideDown(plan, pairs[s].plan, planQuiet);
      baseDown[s] += b;
      planDown[s] += p;
      bothDown[s] += b & p;
    }
  }
  const services: PairedServiceTally[] = pairs.map((_, s) => ({
    samples: sampleCount,
    baseDown: baseDown[s],
    planDown: planDown[s],
    bothDown: bothDown[s],
  }));
  return { scenarioIndex, scenarioId: scenarioPair.id, batchIndex, sampleCount, services };
}
