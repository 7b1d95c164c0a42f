// Test support: every outcome of a stratified plan's atoms (counted and background, with the random members of group
// atoms), each with its probability, its failed elements, the counted atoms that occurred and whether it lies in the
// sampled part R, for exact checks of the plan's exact part, weight and sampler.

import type { CompiledModel } from '../../engine/index.ts';
import type { StratifiedPlan } from '../../engine/rare/index.ts';

/** One outcome of the plan's independent draws. */
export interface PlanOutcome {
  readonly probability: number;
  /** Failed elements before the layer expansion (base included). */
  readonly down: Uint8Array;
  /** True when the outcome lies in R (two or more counted atoms, or a sampled state with at most one). */
  readonly inR: boolean;
}

/** Number of binary draws {@link enumeratePlanOutcomes} branches on (2^this outcomes at most). */
export function countPlanDraws(model: CompiledModel, plan: StratifiedPlan): number {
  let draws = plan.atomCount + plan.backgroundCount;
  for (const g of [...plan.atomGroup, ...plan.backgroundGroup]) draws += g >= 0 ? countRandomMembers(model, g) : 0;
  return draws;
}

function countRandomMembers(model: CompiledModel, g: number): number {
  const groups = model.groups;
  let count = 0;
  for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
    const q = groups.memberFailureProbability[m];
    if (q > 0 && q < 1) count++;
  }
  return count;
}

/** Visits every outcome with probability > 0. */
export function enumeratePlanOutcomes(model: CompiledModel, plan: StratifiedPlan, visit: (outcome: PlanOutcome) => void): void {
  const atoms = [
    ...Array.from(plan.atomGroup, (group, i) => ({ group, element: plan.atomElement[i], p: plan.atomProbability[i], counted: i })),
    ...Array.from(plan.backgroundGroup, (group, i) => ({
      group,
      element: plan.backgroundElement[i],
      p: plan.backgroundProbability[i],
      counted: -1,
    })),
  ];
  const sampledSingles = new Set(plan.sampledSingleAtoms);
  const groups = model.groups;
  const recurse = (a: number, probability: number, down: Uint8Array, counted: number[]): void => {
    if (probability === 0) return;
    if (a === atoms.length) {
      const inR = counted.length >= 2 || sampledSingles.has(counted.length === 1 ? counted[0] : -1);
      visit({ probability, down: down.slice(), inR });
      return;
    }
    const atom = atoms[a];
    recurse(a + 1, probability * (1 - atom.p), down, counted);
    const nextCounted = atom.counted >= 0 ? [...counted, atom.counted] : counted;
    if (atom.group < 0) {
      const next = down.slice();
      next[atom.element] = 1;
      recurse(a + 1, probability * atom.p, next, nextCounted);
      return;
    }
    // A group event: each member fails with its member probability.
    const members: Array<{ element: number; q: number }> = [];
    for (let m = groups.memberStart[atom.group]; m < groups.memberStart[atom.group + 1]; m++) {
      members.push({ element: groups.memberElement[m], q: groups.memberFailureProbability[m] });
    }
    const branch = (m: number, p: number, state: Uint8Array): void => {
      if (m === members.length) {
        recurse(a + 1, p, state, nextCounted);
        return;
      }
      const { element, q } = members[m];
      if (q < 1) branch(m + 1, p * (1 - q), state);
      if (q > 0) {
        const next = state.slice();
        next[element] = 1;
        branch(m + 1, p * q, next);
      }
    };
    branch(0, probability * atom.p, down);
  };
  recurse(0, 1, plan.baseDown.slice(), []);
}
