// The time-simulation fields of the file formats (time distributions, repair crews, risk-group recovery, a study's
// simulation settings and forced events): resolved into base units, and every mistake reported at its file, line,
// column and field.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatDiagnostic,
  loadInput,
  parseSourceDocument,
  ScenarioError,
  validateTopology,
  type Diagnostic,
} from '../../../scenarios/index.ts';

async function validate(text: string) {
  const parsed = parseSourceDocument('test.yaml', text);
  if (parsed.kind !== 'ok') throw new Error('syntax');
  return validateTopology(parsed.document);
}

async function errorsOf(text: string): Promise<string[]> {
  const outcome = await validate(text);
  if (outcome.kind === 'ok') return [];
  return outcome.diagnostics.filter((d: Diagnostic) => d.severity === 'error').map(formatDiagnostic);
}

const HEADER = `format: neverout-topology/1
name: t
nodes:
  - { id: a, kind: site, failureProbability: 0 }
  - { id: b, kind: site, failureProbability: 0 }
`;

describe('validateTopology, time-simulation fields', () => {
  it('resolves repair and failure distributions to means in hours, keeping the static probability', async () => {
    const outcome = await validate(`${HEADER}links:
  - { id: w, from: a, to: b, medium: fibre, mtbf: 1000 h, timeToRepair: { distribution: weibull, shape: 2, scale: 10 h } }
  - { id: l, from: a, to: b, medium: fibre, availability: 0.99, timeToRepair: { distribution: lognormal, median: 8 h, sigma: 1 } }
  - { id: f, from: a, to: b, medium: fibre, timeToFailure: { distribution: weibull, shape: 1.5, scale: 2000 h }, timeToRepair: { distribution: fixed, value: 12 h } }
  - { id: e, from: a, to: b, medium: radio, availability: 0.999, timeToRepair: 30 min }
`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const [w, l, f, e] = outcome.model.links;
    // Weibull mean: scale * Gamma(1.5) = 8.8622693 h; q = MTTR / (MTBF + MTTR).
    expect(w.timeToRepair).toEqual({ kind: 'weibull', meanHours: expect.closeTo(8.8622693, 6) as number, shape: 2 });
    expect(w.failureProbability).toBeCloseTo(8.8622693 / 1008.8622693, 9);
    expect(l.timeToRepair?.meanHours).toBeCloseTo(8 * Math.exp(0.5), 9);
    expect(l.failureProbability).toBeCloseTo(0.01, 15);
    // Mean time to failure 2000 Gamma(1 + 1/1.5) = 1805.4905 h.
    expect(f.failureShape).toEqual({ kind: 'weibull', shape: 1.5 });
    expect(f.failureProbability).toBeCloseTo(12 / (12 + 1805.4905), 6);
    expect(e.timeToRepair).toEqual({ kind: 'exponential', meanHours: 0.5, shape: 0 });
  });

  it('reports distribution mistakes at their field', async () => {
    const errors = await errorsOf(`${HEADER}links:
  - { id: w, from: a, to: b, medium: fibre, mtbf: 1000 h, timeToRepair: { distribution: weibull, shape: 200, scale: 10 h } }
  - { id: l, from: a, to: b, medium: fibre, mtbf: 1000 h, timeToRepair: { distribution: lognormal, median: 8 h } }
  - { id: m, from: a, to: b, medium: fibre, mtbf: 1000 h, mttr: 4 h, timeToRepair: 4 h }
  - { id: n, from: a, to: b, medium: fibre, mtbf: 1000 h, timeToRepair: -3 h }
`);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(
      /^test\.yaml:7:\d+ links\[0\]\.timeToRepair\.shape: expected a number in \[0\.1, 50\], got 200/,
    );
    expect(errors[1]).toMatch(
      /^test\.yaml:8:\d+ links\[1\]\.timeToRepair: a lognormal distribution needs median and sigma, or mean and sd/,
    );
    expect(errors[2]).toMatch(
      /^test\.yaml:9:\d+ links\[2\]\.mttr: give one repair time, not several: timeToRepair, mttr/,
    );
    expect(errors[3]).toMatch(/^test\.yaml:10:\d+ links\[3\]\.timeToRepair: expected a positive duration/);
  });

  it('resolves crews and recovery, and reports unknown elements, shared elements and unknown crews', async () => {
    const ok = await validate(`${HEADER}links:
  - { id: ab, from: a, to: b, medium: fibre, mtbf: 1000 h, mttr: 10 h }
  - { id: ab2, from: a, to: b, medium: leased, availability: 0.999, timeToRepair: 4 h }
riskGroups:
  - { id: g, select: { ids: [ab, ab2] }, rate: 1 / year, duration: 10 h, recovery: { staggered: 4 h } }
  - { id: h, select: { ids: [ab] }, rate: 1 / year, duration: 10 h, recovery: { crew: own } }
crews:
  - { id: own, count: 2, response: { distribution: lognormal, median: 2 h, sigma: 0.5 }, repairs: { medium: fibre } }
  - { id: supplier, count: 1, response: { distribution: fixed, value: 24 h }, repairs: { medium: leased } }
`);
    expect(ok.kind).toBe('ok');
    if (ok.kind !== 'ok') return;
    expect(ok.model.crews.map((c) => [c.id, c.count, c.elements])).toEqual([
      ['own', 2, ['ab']],
      ['supplier', 1, ['ab2']],
    ]);
    expect(ok.model.crews[1].response).toEqual({ kind: 'fixed', meanHours: 24, shape: 0 });
    expect(ok.model.riskGroups.map((g) => g.recovery)).toEqual([
      { mode: 'staggered', periodHours: 4, crew: null },
      { mode: 'crews', periodHours: 0, crew: 'own' },
    ]);

    const errors = await errorsOf(`${HEADER}links:
  - { id: ab, from: a, to: b, medium: fibre, mtbf: 1000 h, mttr: 10 h }
riskGroups:
  - { id: g, select: { ids: [ab] }, rate: 1 / year, duration: 10 h, recovery: { crew: nobody } }
crews:
  - { id: own, count: 1, response: 2 h, repairs: { ids: [ab, zz] } }
  - { id: two, count: 0, response: 2 h, repairs: { medium: fibre } }
  - { id: three, count: 1, response: 2 h, repairs: { medium: fibre } }
  - { id: four, count: 1, response: 2 h, repairs: { medium: fibre } }
`);
    expect(errors).toHaveLength(4);
    expect(errors).toEqual([
      'test.yaml:11:62 crews[0].repairs.ids[1]: unknown node, link or risk-group id "zz"',
      'test.yaml:12:23 crews[1].count: expected a whole number of crew members >= 1, got 0',
      'test.yaml:14:51 crews[3].repairs: element "ab" is already repaired by crew "three" (each element has one crew)',
      'test.yaml:9:87 riskGroups[0].recovery.crew: unknown crew id "nobody"',
    ]);
  });

  it('reports an element a crew repairs named twice in one selector', async () => {
    const errors = await errorsOf(`${HEADER}links:
  - { id: ab, from: a, to: b, medium: fibre, mtbf: 1000 h, mttr: 10 h }
  - { id: ab2, from: a, to: b, medium: fibre, mtbf: 1000 h, mttr: 10 h }
crews:
  - { id: own, count: 1, response: 2 h, repairs: { ids: [ab, ab2, ab] } }
`);
    expect(errors).toEqual(['test.yaml:10:67 crews[0].repairs.ids[2]: "ab" is named twice (first at crews[0].repairs.ids[0])']);
  });
});

describe("loadInput, a study's time-simulation settings", () => {
  const dir = mkdtempSync(join(tmpdir(), 'neverout-time-study-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves simulation settings and forced events, and locates their mistakes', async () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(
      good,
      `format: neverout-study/1
name: s
topology: default
simulation: { years: 500, forcedEvents: { arrivals: 0.5 / year }, compare: time }
scenarios:
  - { id: base, name: Base }
  - { id: cut, name: Cut, force: [platform-vendor-a], forcedEvents: throughout }
`,
    );
    const { study } = await loadInput(good);
    expect(study.simulation).toEqual({
      years: 500,
      yearsPerBatch: null,
      forcedEvents: { kind: 'arrivals', eventsPerYear: 0.5 },
      compare: 'time',
    });
    expect(study.scenarios[1].forcedEvents).toEqual({ kind: 'throughout' });

    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      `format: neverout-study/1
name: s
topology: default
simulation: { years: 0, compare: timely }
scenarios:
  - { id: cut, name: Cut, force: [platform-vendor-a], forcedEvents: { arrivals: -1 / year } }
`,
    );
    const error = await loadInput(bad).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScenarioError);
    const fields = (error as ScenarioError).diagnostics.map((d) => `${d.line} ${d.path}`);
    expect(fields).toEqual(
      expect.arrayContaining(['4 simulation.years', '4 simulation.compare', '6 scenarios[0].forcedEvents.arrivals']),
    );
  });
});
