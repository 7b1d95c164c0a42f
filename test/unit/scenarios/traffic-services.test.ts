// The traffic-aware service kinds on the input side: link capacities and delays with units, the capacity,
// latency and protected service entries, and every problem reported at its line and field.

import { describe, expect, it } from 'vitest';
import type { CapacityService, LatencyService, ProtectedService } from '../../../engine/index.ts';
import { compileModel, formatDiagnostic, parseSourceDocument, validateTopology } from '../../../scenarios/index.ts';
import { parseBitRateGbps, parseDelayMs } from '../../../scenarios/topology/traffic-quantities.ts';

async function validate(text: string) {
  const parsed = parseSourceDocument('t.yaml', text);
  if (parsed.kind !== 'ok') throw new Error('syntax');
  return validateTopology(parsed.document);
}

async function errorsOf(text: string): Promise<string[]> {
  const outcome = await validate(text);
  return outcome.kind === 'ok' ? [] : outcome.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

const NODES = `format: neverout-topology/1
name: t
nodes:
  - { id: a, kind: site, failureProbability: 0.001 }
  - { id: b, kind: site, failureProbability: 0.001 }
  - { id: c, kind: site, failureProbability: 0.001 }
`;

describe('parseBitRateGbps', () => {
  it('reads numbers as Gbit/s and texts with their unit', () => {
    const value = (x: number | string): number => {
      const r = parseBitRateGbps(x);
      return r.kind === 'ok' ? r.value : NaN;
    };
    expect(value(10)).toBe(10);
    expect(value('10 Gbit/s')).toBe(10);
    expect(value('100G')).toBe(100);
    expect(value('400 Mbit/s')).toBeCloseTo(0.4, 15);
    expect(value('1.2 Tbit/s')).toBeCloseTo(1200, 12);
    expect(value('10 Gbps')).toBe(10);
    expect(value('2.5e3 Mbit/s')).toBeCloseTo(2.5, 15);
    for (const bad of ['fast', '10 GB', '-1 Gbit/s', 0, -3, '10 Gbit/s extra']) expect(parseBitRateGbps(bad).kind).toBe('error');
  });
});

describe('parseDelayMs', () => {
  it('reads numbers as ms and texts with their unit', () => {
    const value = (x: number | string): number => {
      const r = parseDelayMs(x, false);
      return r.kind === 'ok' ? r.value : NaN;
    };
    expect(value(0.4)).toBe(0.4);
    expect(value('5 ms')).toBe(5);
    expect(value('250 us')).toBeCloseTo(0.25, 15);
    expect(value('250 µs')).toBeCloseTo(0.25, 15);
    expect(value('0.002 s')).toBeCloseTo(2, 15);
    expect(value(0)).toBe(0);
    expect(parseDelayMs(0, true).kind).toBe('error');
    for (const bad of ['soon', '5 km', -1, '5 ms ago']) expect(parseDelayMs(bad, false).kind).toBe('error');
  });
});

describe('capacity, latency and protected services in a topology file', () => {
  it('validates and compiles each kind with its link data', async () => {
    const outcome = await validate(`${NODES}links:
  - { id: ab, from: a, to: b, medium: fibre, capacity: 10 Gbit/s, lengthKm: 100 }
  - { id: bc, from: b, to: c, medium: fibre, capacity: 100G, delay: 250 us }
  - { id: ac, from: a, to: c, medium: fibre, capacity: 400 Mbit/s, lengthKm: 40, delay: 1 ms }
services:
  - { id: cap, kind: capacity, from: [a], to: [c], demand: 10.4 Gbit/s }
  - { id: lat, kind: latency, from: [a, b], to: [c], bound: 1 ms, hopDelay: 50 us }
  - { id: pro, kind: protected, from: [a], to: [c], disjoint: nodes }
`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const model = compileModel(outcome.model);
    const [cap, lat, pro] = model.services as [CapacityService, LatencyService, ProtectedService];
    expect(cap.demand).toBeCloseTo(10.4, 12);
    expect(Array.from(cap.linkCapacity)).toEqual([10, 100, 0.4]);
    // ab: 100 km at 5 µs/km; bc: given; ac: the given delay wins over the length; plus 0.05 ms per hop.
    expect(Array.from(lat.linkDelayMs).map((x) => Number(x.toFixed(12)))).toEqual([0.55, 0.3, 1.05]);
    expect(lat.boundMs).toBe(1);
    expect(pro.k).toBe(2);
    expect(pro.disjoint).toBe('nodes');
    expect(cap.network).toBe(model.topology);
  });

  it('reports every problem at its line and field', async () => {
    expect(
      await errorsOf(`${NODES}links:
  - { id: ab, from: a, to: b, medium: fibre, capacity: 10 GB }
  - { id: bc, from: b, to: c, medium: fibre, delay: soon }
  - { id: ac, from: a, to: c, medium: fibre, capacity: 10 }
services:
  - { id: cap, kind: capacity, from: [a], to: [c, a], demand: lots }
  - { id: lat, kind: latency, from: [a], to: [c], bound: 0 }
  - { id: pro, kind: protected, from: [a], to: [c], k: 0, disjoint: ducts }
`),
    ).toEqual([
      't.yaml:8:56 links[0].capacity: expected a bit rate (e.g. 10 Gbit/s, 100G, 400 Mbit/s; a number is Gbit/s), got "10 GB"',
      't.yaml:9:53 links[1].delay: expected a delay (e.g. 5 ms, 250 us; a number is ms), got "soon"',
      't.yaml:12:47 services[0].to: node "a" is in both "from" and "to": the service could never be down',
      't.yaml:12:63 services[0].demand: expected a bit rate (e.g. 10 Gbit/s, 100G, 400 Mbit/s; a number is Gbit/s), got "lots"',
      't.yaml:13:58 services[1].bound: expected a positive delay (e.g. 5 ms, 250 us; a number is ms), got 0',
      't.yaml:14:56 services[2].k: expected a whole number >= 1, got 0',
      't.yaml:14:69 services[2].disjoint: expected one of links, nodes, got "ducts"',
    ]);
  });

  it('warns at each link a service would use without its data, and takes it conservatively (no capacity, unusable)', async () => {
    const outcome = await validate(`${NODES}links:
  - { id: ab, from: a, to: b, medium: fibre, capacity: 10 }
  - { id: bc, from: b, to: c, medium: fibre }
  - { id: ac, from: a, to: c, medium: fibre, capacity: 10, lengthKm: 100 }
services:
  - { id: cap, kind: capacity, from: [a], to: [c], demand: 5 }
  - { id: cap2, kind: capacity, from: [b], to: [c], demand: 5 }
  - { id: lat, kind: latency, from: [a], to: [c], bound: 5 ms }
`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const warnings = outcome.warnings.map(formatDiagnostic).filter((w) => /capacity|delay/.test(w));
    expect(warnings).toEqual([
      't.yaml:9:5 warning: links[1].capacity: no capacity: service "cap" (kind capacity) counts this link as carrying nothing; give one, e.g. capacity: 10 Gbit/s',
      't.yaml:8:5 warning: links[0].delay: no delay: service "lat" (kind latency) cannot use this link; give delay: 0.4 ms or lengthKm: 80 (or coordinates on both end nodes)',
      't.yaml:9:5 warning: links[1].delay: no delay: service "lat" (kind latency) cannot use this link; give delay: 0.4 ms or lengthKm: 80 (or coordinates on both end nodes)',
    ]);
    const [cap, , lat] = compileModel(outcome.model).services as [CapacityService, CapacityService, LatencyService];
    expect(Array.from(cap.linkCapacity)).toEqual([10, 0, 10]);
    expect(Array.from(lat.linkDelayMs)).toEqual([Infinity, Infinity, 0.5]);
  });

  it('warns when the intact network does not meet a service', async () => {
    const outcome = await validate(`${NODES}links:
  - { id: ab, from: a, to: b, medium: fibre, capacity: 10 }
  - { id: bc, from: b, to: c, medium: fibre, capacity: 10 }
services:
  - { id: cap, kind: capacity, from: [a], to: [c], demand: 20 }
`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.warnings.map(formatDiagnostic)).toContainEqual(
      expect.stringMatching(
        /services\[0\]: service "cap" is down even with nothing failed: the intact network does not meet its capacity requirement$/,
      ),
    );
  });
});
