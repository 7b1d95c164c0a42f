// The time runner (workers/time): the same seed gives identical merged results on 0, 1 and 2 threads.

import { describe, expect, it } from 'vitest';
import { aggregateTimeTally, type TimePlan } from '../../../../engine/time/index.ts';
import { runTimePlan } from '../../../../workers/time/index.ts';
import { baselineScenario, buildPathModel } from './time-models.ts';

const plan: TimePlan = {
  model: buildPathModel(
    [
      { q: 0.05, repairHours: 3 },
      { q: 0.01, repairHours: 12 },
    ],
    [{ probability: 0.01, durationHours: 24, links: [0, 1], memberProbability: 0.5 }],
  ),
  scenario: baselineScenario(),
  seed: 'threads',
  years: 57,
  yearsPerBatch: 10,
};

describe('runTimePlan', () => {
  it('gives identical results for 0, 1 and 2 threads', { timeout: 60_000 }, async () => {
    const inline = await runTimePlan(plan, { threads: 0 });
    const one = await runTimePlan(plan, { threads: 1 });
    const two = await runTimePlan(plan, { threads: 2 });
    expect(inline.countedBatches).toBe(6);
    expect(inline.countedYears).toBe(57);
    expect(inline.interrupted).toBe(false);
    expect(one.tally).toEqual(inline.tally);
    expect(two.tally).toEqual(inline.tally);
    expect(aggregateTimeTally(two.tally, 1)).toEqual(aggregateTimeTally(inline.tally, 1));
  });

  it('stops dispatching when aborted and counts only the gap-free prefix', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await runTimePlan(plan, { threads: 0, signal: controller.signal });
    expect(run.interrupted).toBe(true);
    expect(run.countedBatches).toBe(0);
  });
});
