// The exact part and the weight of stratified sampling (engine/rare/stratified-sampling.ts) on random small models
// with one service of every kind (traffic included), forced groups with random members, probability overrides and
// targeted attacks: likely atoms become background atoms, and a state with at most one counted atom is summed
// exactly only when its served count is the same in every background outcome. Checked exactly, without sampling:
// over every outcome of the plan's draws, c = P(down, outside R), the weight = P(R), the exact served part = the sum
// of P * served outside R, and c + P(down, in R) = the exact unavailability of the case (independent enumeration);
// and the plan's relevant part, which its samples label, counts every outcome as the whole network does.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildStratifiedPlan, type BackgroundChoice } from '../../engine/rare/index.ts';
import { countServed } from '../../engine/rare/internal/background-outcomes.ts';
import { countPlanDraws, enumeratePlanOutcomes } from '../support/stratified-enumeration.ts';
import { contractCaseArbitrary, contractSeed, exactUnavailabilities } from './support/contract-models.ts';

/** Cases whose plans have more draws than this are skipped (2^draws outcomes per service). */
const MAX_DRAWS = 15;

describe('stratified sampling plans (contract)', () => {
  const seed = contractSeed('stratified plans');

  it('sums exactly the states it decides, and the rest weighs P(R), on every kind', () => {
    const background = new Map<string, number>();
    const decidedOverBackground = new Map<string, number>();
    const bump = (counts: Map<string, number>, kind: string): void => void counts.set(kind, (counts.get(kind) ?? 0) + 1);
    let sampledSingles = 0;
    let partMismatches = 0;
    fc.assert(
      fc.property(contractCaseArbitrary({ attacks: ['none', 'targeted'] }), ({ model, scenario }) => {
        const exact = exactUnavailabilities(model, scenario);
        const parent = new Int32Array(model.topology.nodeCount);
        model.services.forEach((service, s) => ['lighter', 'always'].forEach((choice) => {
          const plan = buildStratifiedPlan(model, scenario, s, choice as BackgroundChoice);
          if (countPlanDraws(model, plan) > MAX_DRAWS) return;
          let downOutside = 0;
          let servedOutside = 0;
          let weight = 0;
          let downInside = 0;
          enumeratePlanOutcomes(model, plan, ({ probability, down, inR }) => {
            const served = countServed(model, s, down, parent);
            // The plan's relevant part (what its samples label) counts every outcome as the whole network does.
            if (countServed(model, s, down, parent, plan.relevantPart) !== served) partMismatches++;
            const isDown = served < plan.endpointCount;
            if (inR) {
              weight += probability;
              if (isDown) downInside += probability;
            } else {
              if (isDown) downOutside += probability;
              servedOutside += probability * served;
            }
          });
          const label = `${service.kind} service ${s}, background ${choice}`;
          expect(Math.abs(plan.constant - downOutside), label).toBeLessThan(1e-12);
          expect(Math.abs(plan.weight - weight), label).toBeLessThan(1e-12);
          expect(Math.abs(plan.servedConstant - servedOutside), label).toBeLessThan(1e-12 * Math.max(1, plan.endpointCount));
          expect(Math.abs(plan.constant + downInside - exact[s]), label).toBeLessThan(1e-12);
          if (plan.backgroundCount > 0) {
            bump(background, service.kind);
            if (1 - plan.atLeastTwoProbability - plan.sampledSingleProbability > 1e-9) {
              bump(decidedOverBackground, service.kind);
            }
          }
          sampledSingles += plan.sampledSingleAtoms.length;
        }));
      }),
      { seed, numRuns: 150 },
    );
    // The generator must reach the background path and sampled single states, or the test checks too little.
    console.log('plans with background atoms, per kind:', Object.fromEntries(background), 'deciding a state over them:', Object.fromEntries(decidedOverBackground));
    for (const kind of ['connected', 'reach', 'capacity', 'latency', 'protected', 'traffic']) {
      expect(background.get(kind) ?? 0, kind).toBeGreaterThan(3);
      expect(decidedOverBackground.get(kind) ?? 0, kind).toBeGreaterThan(1);
    }
    expect(sampledSingles).toBeGreaterThan(20);
    expect(partMismatches).toBe(0);
  });
});
