// Golden checks of the time simulation against the closed forms of /work/shared/reference/time-closed-forms.md
// (copied below): one exponential component; two components in parallel with one repair crew (a birth-death chain)
// and with two (independent); Weibull, lognormal and fixed repair times; and small hand-checked cases of staggered
// recovery and crew queues, whose figures are exact. Models go through the file format, validation and compiler.
// Fixed seeds; a statistical estimate must lie within 3 standard errors (from its own 95% interval) of the exact value.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  aggregateTimeCrews,
  aggregateTimeTally,
  estimateTimeCrewFigures,
  estimateTimeFigures,
  HOURS_PER_YEAR,
  runTimePlanBatch,
  type TimeCrewFigures,
  type TimeServiceFigures,
} from '../../engine/index.ts';
import { compileTimeSimulation, loadInput, resolveJobOptions } from '../../scenarios/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'neverout-time-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** |estimate - exact| in standard errors, the standard error taken from the side of the 95% interval towards exact. */
function errorsFrom(interval: { estimate: number; lower: number; upper: number }, exact: number): number {
  const half = exact >= interval.estimate ? interval.upper - interval.estimate : interval.estimate - interval.lower;
  if (half === 0) return interval.estimate === exact ? 0 : Infinity;
  return Math.abs(interval.estimate - exact) / (half / 1.959963984540054);
}

let fileCount = 0;

/** Writes a topology (and optionally a study on it) and returns the path of the input to load. */
function writeInput(topology: string, study?: string): string {
  const name = `case-${fileCount++}`;
  const topologyPath = join(dir, `${name}.yaml`);
  writeFileSync(topologyPath, `format: neverout-topology/1\nname: ${name}\n${topology}`);
  if (study === undefined) return topologyPath;
  const studyPath = join(dir, `${name}-study.yaml`);
  writeFileSync(studyPath, `format: neverout-study/1\nname: ${name} study\ntopology: ${name}.yaml\n${study}`);
  return studyPath;
}

/** Simulates `years` years of every scenario in one batch; figures per scenario and service, and crews. */
async function simulate(
  path: string,
  years: number,
  seed: string,
): Promise<Array<{ services: TimeServiceFigures[]; crews: TimeCrewFigures[] }>> {
  const input = await loadInput(path);
  const options = resolveJobOptions('simulate', [input], { seed, samples: years, batchSize: years });
  const { plan } = compileTimeSimulation(input.topology, input.study, options);
  const crewSizes = plan.model.time?.crews.size ?? new Uint32Array(0);
  return plan.scenarios.map((_, s) => {
    const tally = { scenarioIndex: s, batches: [runTimePlanBatch(plan, s, 0, years)] };
    return {
      services: aggregateTimeTally(tally, plan.model.services.length).map((t) => estimateTimeFigures(t, 10)),
      crews: aggregateTimeCrews(tally, crewSizes.length).map((t, c) => estimateTimeCrewFigures(t, crewSizes[c])),
    };
  });
}

const TWO_SITES = `nodes:
  - { id: s, kind: site, failureProbability: 0 }
  - { id: t, kind: site, failureProbability: 0 }
`;

/** One link s-t with the given failure fields. */
function oneLink(fields: string): string {
  return `${TWO_SITES}links:
  - { id: st, from: s, to: t, medium: fibre, ${fields} }
services:
  - { id: s-t, kind: connected, endpoints: [s, t] }
`;
}

describe('one component, exponential (MTBF 1,000 h, MTTR 10 h)', () => {
  it('availability MTBF / (MTBF + MTTR), outage rate 1 / (MTBF + MTTR), P(no outage in a year) A exp(-lambda T)', async () => {
    const [{ services }] = await simulate(writeInput(oneLink('mtbf: 1000 h, mttr: 10 h')), 40_000, 'one');
    const f = services[0];
    expect(errorsFrom(f.downtimeFraction, 1 - 1000 / 1010)).toBeLessThan(3);
    expect(errorsFrom(f.outagesPerYear, 8766 / 1010)).toBeLessThan(3);
    expect(errorsFrom(f.downtimeMinutesPerYear, 86.792079 * 60)).toBeLessThan(3);
    expect(errorsFrom(f.probabilityNoOutageInYear, 1.544021e-4)).toBeLessThan(3);
    expect(f.meanOutage === null ? Infinity : errorsFrom(f.meanOutage, 10)).toBeLessThan(3);
    expect(
      f.probabilityOver15Hours === null ? Infinity : errorsFrom(f.probabilityOver15Hours, 0.22313016),
    ).toBeLessThan(3);
    // The intervals are narrow enough to tell: 3% off would be far outside.
    expect(errorsFrom(f.outagesPerYear, 1.03 * (8766 / 1010))).toBeGreaterThan(5);
  });
});

describe('two identical components in parallel (MTBF 1,000 h, MTTR 10 h)', () => {
  const parallel = (crews: string): string => `${TWO_SITES}defaults:
  links:
    '*': { mtbf: 1000 h, mttr: 10 h }
links:
  - { id: st1, from: s, to: t, medium: fibre }
  - { id: st2, from: s, to: t, medium: fibre }
services:
  - { id: s-t, kind: connected, endpoints: [s, t] }
${crews}`;

  it('one crew: the birth-death chain (failures 2 lambda then lambda, one repair at a time)', async () => {
    const crew = 'crews:\n  - { id: one, count: 1, response: 0, repairs: { elements: links } }\n';
    const [{ services, crews }] = await simulate(writeInput(parallel(crew)), 30_000, 'one-crew');
    const f = services[0];
    expect(errorsFrom(f.downtimeFraction, 1.9603999e-4)).toBeLessThan(3);
    expect(errorsFrom(f.outagesPerYear, 0.17184866)).toBeLessThan(3);
    expect(errorsFrom(f.downtimeMinutesPerYear, 1.7184866 * 60)).toBeLessThan(3);
    expect(errorsFrom(f.probabilityNoOutageInYear, 0.84329068)).toBeLessThan(3);
    expect(f.meanOutage === null ? Infinity : errorsFrom(f.meanOutage, 10)).toBeLessThan(3);
    // Two crews' answer (mean outage 5 h) is far outside.
    expect(f.meanOutage === null ? 0 : errorsFrom(f.meanOutage, 5)).toBeGreaterThan(5);
    // The crew is busy whenever a component is down: utilisation = 1 - P(both up) = 1 - pi_0.
    const lambda = 1e-3;
    const mu = 0.1;
    const pi0 = 1 / (1 + (2 * lambda) / mu + (2 * lambda * lambda) / (mu * mu));
    expect(errorsFrom(crews[0].utilisation, 1 - pi0)).toBeLessThan(3);
  });

  it('two crews (or none): the independent result (lambda / (lambda + mu))^2, mean outage 5 h', async () => {
    const crew = 'crews:\n  - { id: two, count: 2, response: 0, repairs: { elements: links } }\n';
    for (const [text, seed] of [
      [crew, 'two-crews'],
      ['', 'no-crew'],
    ] as const) {
      const [{ services }] = await simulate(writeInput(parallel(text)), 30_000, seed);
      const f = services[0];
      expect(errorsFrom(f.downtimeFraction, 9.8029605e-5)).toBeLessThan(3);
      expect(errorsFrom(f.outagesPerYear, 0.1718655)).toBeLessThan(3);
      expect(errorsFrom(f.downtimeMinutesPerYear, 0.85932752 * 60)).toBeLessThan(3);
      expect(errorsFrom(f.probabilityNoOutageInYear, 0.84337335)).toBeLessThan(3);
      expect(f.meanOutage === null ? Infinity : errorsFrom(f.meanOutage, 5)).toBeLessThan(3);
    }
  });
});

describe('repair-time distributions (one component, MTBF 1,000 h)', () => {
  it.each([
    [
      'Weibull, shape 2, scale 10 h',
      '{ distribution: weibull, shape: 2, scale: 10 h }',
      8.8622693,
      0.99121558,
      0.85214379,
      0.10539922,
    ],
    [
      'lognormal, median 8 h, sigma 1',
      '{ distribution: lognormal, median: 8 h, sigma: 1 }',
      13.18977,
      0.98698194,
      0.7558914,
      0.26480264,
    ],
    [
      'lognormal by mean and sd',
      '{ distribution: lognormal, mean: 13.18977 h, sd: 17.28961 h }',
      13.18977,
      0.98698194,
      0.7558914,
      0.26480264,
    ],
  ])(
    '%s: mean outage = the distribution mean, availability by renewal-reward',
    async (_, repair, mean, availability, over4, over15) => {
      const [{ services }] = await simulate(
        writeInput(oneLink(`mtbf: 1000 h, timeToRepair: ${repair}`)),
        20_000,
        repair,
      );
      const f = services[0];
      expect(f.meanOutage === null ? Infinity : errorsFrom(f.meanOutage, mean)).toBeLessThan(3);
      expect(errorsFrom(f.downtimeFraction, 1 - availability)).toBeLessThan(3);
      expect(f.probabilityOver4Hours === null ? Infinity : errorsFrom(f.probabilityOver4Hours, over4)).toBeLessThan(3);
      expect(f.probabilityOver15Hours === null ? Infinity : errorsFrom(f.probabilityOver15Hours, over15)).toBeLessThan(
        3,
      );
    },
  );

  it('fixed 12 h: every outage lasts exactly 12 h', async () => {
    const [{ services }] = await simulate(
      writeInput(oneLink('mtbf: 1000 h, timeToRepair: { distribution: fixed, value: 12 h }')),
      5_000,
      'fixed',
    );
    const f = services[0];
    expect(f.outageCount).toBeGreaterThan(40_000);
    expect(f.meanOutageHours).toBeCloseTo(12, 9);
    expect(f.longestOutageHours).toBeCloseTo(12, 9);
    expect(f.probabilityOver4Hours?.estimate).toBe(1);
    expect(f.probabilityOver15Hours?.estimate).toBe(0);
    expect(errorsFrom(f.downtimeFraction, 1 - 0.98814229)).toBeLessThan(3);
  });
});

describe('staggered recovery (hand-checked)', () => {
  // A risk-group event forced at the start of every year, nothing else failing: it lasts exactly 10 h and its three
  // members come back evenly over its last 6 h, the k-th of 3 at 10 - 6 (3 - k) / 3: at 6 h, 8 h and 10 h, in random
  // order. A service needing all three sites is out 10 h a year, one needing any of them 6 h, and the three single
  // sites together 6 + 8 + 10 = 24 h, each one outage a year.
  const topology = `nodes:
  - { id: s, kind: site, failureProbability: 0 }
  - { id: a, kind: site, failureProbability: 0 }
  - { id: b, kind: site, failureProbability: 0 }
  - { id: c, kind: site, failureProbability: 0 }
links:
  - { id: sa, from: s, to: a, medium: fibre, failureProbability: 0 }
  - { id: sb, from: s, to: b, medium: fibre, failureProbability: 0 }
  - { id: sc, from: s, to: c, medium: fibre, failureProbability: 0 }
riskGroups:
  - id: platform
    select: { ids: [sa, sb, sc] }
    rate: 0.1 / year
    duration: { distribution: fixed, value: 10 h }
    recovery: { staggered: 6 h }
services:
  - { id: all, kind: connected, endpoints: [s, a, b, c] }
  - { id: any, kind: reach, from: [s], to: [a, b, c], k: 1 }
  - { id: a, kind: connected, endpoints: [s, a] }
  - { id: b, kind: connected, endpoints: [s, b] }
  - { id: c, kind: connected, endpoints: [s, c] }
`;
  const study = `scenarios:
  - { id: event, name: The event at the start of every year, force: [platform], randomFailures: false }
`;

  it('brings the members back one by one over the recovery period', async () => {
    const years = 300;
    const [{ services }] = await simulate(writeInput(topology, study), years, 'staggered');
    const [all, any, ...single] = services;
    for (const f of services) expect(f.outageCount).toBe(years);
    expect(all.downtimeMinutesPerYear.estimate).toBeCloseTo(600, 6);
    expect(all.downtimeMinutesPerYear.upper).toBeCloseTo(600, 6);
    expect(any.downtimeMinutesPerYear.estimate).toBeCloseTo(360, 6);
    const total = single.reduce((sum, f) => sum + f.downtimeMinutesPerYear.estimate, 0);
    expect(total).toBeCloseTo(24 * 60, 6);
    // Random order: each site is back after 6, 8 or 10 h, 8 h on average.
    for (const f of single) {
      expect(f.longestOutageHours).toBeCloseTo(10, 9);
      expect(errorsFrom(f.downtimeMinutesPerYear, 8 * 60)).toBeLessThan(3);
      expect(f.downtimeMinutesPerYear.estimate).not.toBe(8 * 60);
    }
  });
});

describe('repair crews and their queue (hand-checked)', () => {
  // Three links forced down at the start of every year, nothing else failing; each repair is a fixed 2 h of work
  // after a fixed 1 h response, by a crew of `count` members, first come first served in element order.
  const topology = (count: number): string => `nodes:
  - { id: s, kind: site, failureProbability: 0 }
  - { id: a, kind: site, failureProbability: 0 }
  - { id: b, kind: site, failureProbability: 0 }
  - { id: c, kind: site, failureProbability: 0 }
defaults:
  links:
    '*': { failureProbability: 0.001, timeToRepair: { distribution: fixed, value: 2 h } }
links:
  - { id: sa, from: s, to: a, medium: fibre }
  - { id: sb, from: s, to: b, medium: fibre }
  - { id: sc, from: s, to: c, medium: fibre }
services:
  - { id: a, kind: connected, endpoints: [s, a] }
  - { id: b, kind: connected, endpoints: [s, b] }
  - { id: c, kind: connected, endpoints: [s, c] }
crews:
  - { id: crew, count: ${count}, response: { distribution: fixed, value: 1 h }, repairs: { elements: links } }
`;
  const study = `scenarios:
  - { id: cuts, name: Three cuts at the start of every year, force: [sa, sb, sc], randomFailures: false }
`;

  it('one member: repairs done at 3, 6 and 9 h; waits 0, 3 and 6 h; busy 9 h a year', async () => {
    const years = 50;
    const [{ services, crews }] = await simulate(writeInput(topology(1), study), years, 'queue-1');
    expect(services.map((f) => f.downtimeMinutesPerYear.estimate / 60)).toEqual([
      expect.closeTo(3, 9),
      expect.closeTo(6, 9),
      expect.closeTo(9, 9),
    ]);
    const crew = crews[0];
    expect(crew.jobs).toBe(3 * years);
    expect(crew.meanWaitHours?.estimate).toBeCloseTo(3, 9);
    expect(crew.probabilityWait?.estimate).toBeCloseTo(2 / 3, 12);
    expect(crew.longestWaitHours).toBeCloseTo(6, 9);
    expect(crew.utilisation.estimate).toBeCloseTo(9 / HOURS_PER_YEAR, 12);
  });

  it('two members: repairs done at 3, 3 and 6 h; one wait of 3 h', async () => {
    const years = 50;
    const [{ services, crews }] = await simulate(writeInput(topology(2), study), years, 'queue-2');
    expect(services.map((f) => f.downtimeMinutesPerYear.estimate / 60)).toEqual([
      expect.closeTo(3, 9),
      expect.closeTo(3, 9),
      expect.closeTo(6, 9),
    ]);
    expect(crews[0].meanWaitHours?.estimate).toBeCloseTo(1, 9);
    expect(crews[0].utilisation.estimate).toBeCloseTo(9 / (2 * HOURS_PER_YEAR), 12);
  });
});
