// The 'traffic' kind end to end below the CLI: a demand matrix in a topology file (validated, every mistake located
// at its line and field), expanded into the whole matrix and one service per demand, compiled, and its fraction of
// traffic served estimated by crude Monte Carlo within the Bernstein interval around the exact value, which comes
// from enumerating every failure state of a small model with the path-enumeration oracle.

import { describe, expect, it } from 'vitest';
import {
  estimateTrafficServed,
  runBatch,
  TRAFFIC_SERVED_UNITS,
  type TrafficService,
} from '../../../engine/index.ts';
import { compileModel, formatDiagnostic, parseSourceDocument, validateTopology } from '../../../scenarios/index.ts';
import { planFor } from '../../support/reference-model.ts';
import { oracleRouteTraffic } from '../../support/traffic-oracle.ts';

async function validate(text: string) {
  const parsed = parseSourceDocument('t.yaml', text);
  if (parsed.kind !== 'ok') throw new Error('syntax');
  return validateTopology(parsed.document);
}

async function diagnosticsOf(text: string, severity: 'error' | 'warning'): Promise<string[]> {
  const outcome = await validate(text);
  const diagnostics = outcome.kind === 'ok' ? outcome.warnings ?? [] : outcome.diagnostics;
  return diagnostics.filter((d) => d.severity === severity).map(formatDiagnostic);
}

// A diamond a-b-d / a-c-d (equal cost) and a long spare a-e-d; node failures off, links fail with probability q.
const DIAMOND = `format: neverout-topology/1
name: diamond
nodes:
  - { id: a, kind: site, failureProbability: 0 }
  - { id: b, kind: site, failureProbability: 0 }
  - { id: c, kind: site, failureProbability: 0 }
  - { id: d, kind: site, failureProbability: 0 }
  - { id: e, kind: site, failureProbability: 0 }
links:
  - { id: ab, from: a, to: b, medium: fibre, failureProbability: 0.1, capacity: 10G }
  - { id: bd, from: b, to: d, medium: fibre, failureProbability: 0.2, capacity: 10G }
  - { id: ac, from: a, to: c, medium: fibre, failureProbability: 0.1, capacity: 6G }
  - { id: cd, from: c, to: d, medium: fibre, failureProbability: 0.15, capacity: 6G }
  - { id: ae, from: a, to: e, medium: fibre, failureProbability: 0.05, capacity: 3G }
  - { id: ed, from: e, to: d, medium: fibre, failureProbability: 0.05, capacity: 3G }
services:
  - id: m
    name: Matrix
    kind: traffic
    demands:
      - { from: a, to: d, volume: 8 Gbit/s }
      - { from: b, to: c, volume: 2 Gbit/s }
`;

describe('traffic services in a topology file', () => {
  it('expands a matrix into the whole and one service per demand, and compiles its routing data', async () => {
    const outcome = await validate(DIAMOND.replace('    kind: traffic\n', '    kind: traffic\n    metric: hops\n'));
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.model.services.map((s) => s.id)).toEqual(['m', 'm/a:d', 'm/b:c']);
    expect(outcome.model.services.map((s) => s.name)).toEqual(['Matrix', 'Matrix: a → d', 'Matrix: b → c']);
    const model = compileModel(outcome.model);
    const [whole, first, second] = model.services as [TrafficService, TrafficService, TrafficService];
    expect([whole.demandIndex, first.demandIndex, second.demandIndex]).toEqual([-1, 0, 1]);
    expect(Array.from(whole.demandVolume)).toEqual([8, 2]);
    expect(Array.from(whole.linkCost)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(whole.linkCapacity)).toEqual([10, 10, 6, 6, 3, 3]);
    expect(whole.restoration).toBe(true);
  });

  it('uses whole microseconds of delay as the metric when asked', async () => {
    const text = DIAMOND.replace('    kind: traffic\n', '    kind: traffic\n    metric: delay\n    restoration: false\n').replace(
      'capacity: 10G }\n  - { id: bd',
      'capacity: 10G, delay: 0.2504 ms }\n  - { id: bd',
    );
    const outcome = await validate(text);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const whole = compileModel(outcome.model).services[0] as TrafficService;
    // ab: 250.4 us given; the others have neither delay nor coordinates: unusable.
    expect(whole.linkCost[0]).toBe(250);
    expect(whole.linkCost[1]).toBe(Infinity);
    expect(whole.restoration).toBe(false);
    expect(await diagnosticsOf(text, 'warning')).toContainEqual(
      expect.stringContaining('links[1].delay: no delay: service "m" (kind traffic) cannot use this link'),
    );
  });

  it('reports every mistake at its line and field: unknown site, bad volume, a demand to itself, a duplicate pair', async () => {
    const mistakes = `      - { from: a, to: dd, volume: 8 Gbit/s }
      - { from: b, to: c, volume: 2 GB }
      - { from: c, to: c, volume: 1 }
      - { from: b, to: c, volume: 1 }
`;
    const withDemands = (demands: string): string =>
      DIAMOND.replace(
        `      - { from: a, to: d, volume: 8 Gbit/s }
      - { from: b, to: c, volume: 2 Gbit/s }
`,
        demands,
      );
    const errors = await diagnosticsOf(withDemands(`${mistakes}      - { from: x, to: a, volume: 1, priority: 2 }\n`), 'error');
    expect(errors).toEqual(['t.yaml:25:48 services[0].demands[4].priority: unknown field "priority"']);
    const withoutUnknownField = await diagnosticsOf(withDemands(mistakes), 'error');
    expect(withoutUnknownField).toEqual([
      't.yaml:21:24 services[0].demands[0].to: unknown node id "dd"',
      't.yaml:22:35 services[0].demands[1].volume: expected a bit rate (e.g. 10 Gbit/s, 100G, 400 Mbit/s; a number is Gbit/s), got "2 GB"',
      't.yaml:23:24 services[0].demands[2].to: a demand from "c" to itself: give two different nodes',
      't.yaml:24:9 services[0].demands[3]: duplicate demand from "b" to "c" (first given at demands[1]): add the volumes into one demand',
    ]);
  });

  it('refuses a service whose id a matrix demand already claims', async () => {
    const errors = await diagnosticsOf(`${DIAMOND}  - { id: m/a:d, kind: connected, endpoints: [a, d] }\n`, 'error');
    expect(errors).toEqual(['t.yaml:23:11 services[1].id: duplicate id "m/a:d" (first used at services[0])']);
  });
});

describe('fraction of traffic served', () => {
  it('estimates the exact expected fraction within its interval, for the matrix and each demand', async () => {
    const outcome = await validate(DIAMOND);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const model = compileModel(outcome.model);
    // Exact: every state of the 6 links, weighted by its probability, served volumes from the oracle.
    const q = [0.1, 0.2, 0.1, 0.15, 0.05, 0.05];
    const links = [[0, 1], [1, 3], [0, 2], [2, 3], [0, 4], [4, 3]] as const;
    const exact = [0, 0, 0];
    for (let state = 0; state < 1 << 6; state++) {
      let p = 1;
      const failed = new Set<number>();
      for (let j = 0; j < 6; j++) {
        const down = (state >> j) & 1;
        p *= down ? q[j] : 1 - q[j];
        if (down) failed.add(5 + j);
      }
      const served = oracleRouteTraffic(
        {
          nodeCount: 5,
          links,
          cost: [1, 1, 1, 1, 1, 1],
          capacity: [10, 10, 6, 6, 3, 3],
          demands: [
            { source: 0, target: 3, volume: 8 },
            { source: 1, target: 2, volume: 2 },
          ],
        },
        failed,
      );
      exact[0] += (p * (served[0] + served[1])) / 10;
      exact[1] += (p * served[0]) / 8;
      exact[2] += (p * served[1]) / 2;
    }
    const samples = 40_000;
    const batch = runBatch(planFor(model, 'traffic', samples, samples), 0, 0, samples);
    batch.services.forEach((tally, s) => {
      expect(tally.kind).toBe('crude');
      if (tally.kind !== 'crude') return;
      const mean = tally.servedEndpoints / (samples * TRAFFIC_SERVED_UNITS);
      // The unavailability's upper bound is loose here on purpose (every sample may be down): the interval must
      // still cover, and the point lie within a few standard errors (a served fraction's sd is at most 0.5).
      const interval = estimateTrafficServed(mean, 1, samples, false);
      expect(interval.lower).toBeLessThanOrEqual(exact[s]);
      expect(interval.upper).toBeGreaterThanOrEqual(exact[s]);
      expect(Math.abs(mean - exact[s])).toBeLessThan(5 * (0.5 / Math.sqrt(samples)));
    });
    // Sanity: the matrix is not trivially served (the exact value is strictly inside (0, 1)).
    expect(exact[0]).toBeGreaterThan(0.5);
    expect(exact[0]).toBeLessThan(1);
  });
});

describe('estimateTrafficServed', () => {
  it('gives the point for exact runs and a Bernstein interval in [0, 1] otherwise', () => {
    expect(estimateTrafficServed(0.9, 0.5, 100, true)).toEqual({ estimate: 0.9, lower: 0.9, upper: 0.9 });
    const i = estimateTrafficServed(0.999, 0.002, 10_000, false);
    const L = Math.log(80);
    expect(i.upper - i.estimate).toBeCloseTo(Math.min(1 - 0.999, Math.sqrt((2 * 0.002 * L) / 10_000) + (2 * L) / 30_000), 12);
    expect(i.estimate - i.lower).toBeCloseTo(Math.sqrt((2 * 0.002 * L) / 10_000) + (2 * L) / 30_000, 12);
    expect(estimateTrafficServed(1, 0, 1, false).lower).toBe(0);
  });
});
