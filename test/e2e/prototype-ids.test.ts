// Ids and names spelled like Object.prototype members ("constructor", "valueOf", "__proto__", ...) are valid ids:
// every command that reads a model works with them, charts and the report included. Vega fails on any expression
// holding such a string as a literal, so the report layer never writes one (reports/charts/report-chart.ts,
// vegaString); this property test assigns the names at random to nodes, links, a risk group, services and scenarios
// and drives every use case that accepts a study.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareStudies,
  exportDrills,
  exportGeoJson,
  findWeakSpots,
  runStudy,
  simulateStudy,
  validateInput,
} from '../../app/index.ts';

/** Every own property name of Object.prototype, __proto__ included (12 on Node 20). */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

const dir = mkdtempSync(join(tmpdir(), 'neverout-prototype-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A study whose element, group, service and scenario ids and names are the given prototype names. */
function writeStudy(run: number, names: readonly string[], labels: readonly string[]): string {
  // Elements and groups share one id space: 5 nodes, 6 links (a ring and a chord), 1 risk group.
  const nodes = names.slice(0, 5);
  const links = names.slice(5, 11);
  const group = names[11];
  const label = (i: number) => JSON.stringify(labels[i % labels.length]);
  const id = (s: string | undefined) => JSON.stringify(s);
  const topology = [
    'format: neverout-topology/1',
    'name: Prototype-named ids',
    'defaults:',
    "  nodes: { '*': { failureProbability: 0.01, attackCost: 5 } }",
    "  links: { '*': { failureProbability: 0.04, attackCost: 1 } }",
    'nodes:',
    ...nodes.map((n, i) => `  - { id: ${id(n)}, name: ${label(i)}, kind: site, lat: ${51.5 + i * 0.3}, lon: ${4.5 + i * 0.4}, attributes: { feed: ${i < 2 ? 'a' : 'b'} } }`),
    'links:',
    ...links.map((l, i) => {
      const [from, to] = i < 5 ? [nodes[i], nodes[(i + 1) % 5]] : [nodes[0], nodes[2]];
      return `  - { id: ${id(l)}, from: ${id(from)}, to: ${id(to)}, medium: fibre, lengthKm: ${20 + i * 7} }`;
    }),
    'riskGroups:',
    `  - { id: ${id(group)}, name: ${label(11)}, select: { elements: nodes, where: { feed: a } }, probability: 0.002, memberFailureProbability: 0.5 }`,
    'services:',
    `  - { id: ${id(labels[0])}, name: ${label(1)}, kind: connected, endpoints: [${id(nodes[0])}, ${id(nodes[3])}], target: 0.999 }`,
    `  - { id: ${id(labels[1])}, name: ${label(2)}, kind: reach, from: [${id(nodes[1])}, ${id(nodes[2])}], to: [${id(nodes[4])}], k: 1, target: 0.99 }`,
  ].join('\n');
  const study = [
    'format: neverout-study/1',
    'name: Prototype-named study',
    `topology: topology-${run}.yaml`,
    'seed: 7',
    'samples: 20000',
    'batchSize: 10000',
    'scenarios:',
    `  - { id: ${id(labels[2])}, name: ${label(3)} }`,
    `  - { id: ${id(labels[3])}, name: ${label(4)}, force: [${id(group)}] }`,
    `  - { id: ${id(labels[4])}, name: ${label(5)}, force: [${id(links[0])}], randomFailures: false }`,
    `  - { id: ${id(labels[5])}, name: ${label(6)}, sabotage: { budget: 2 } }`,
  ].join('\n');
  writeFileSync(join(dir, `topology-${run}.yaml`), `${topology}\n`);
  const path = join(dir, `study-${run}.yaml`);
  writeFileSync(path, `${study}\n`);
  return path;
}

describe('ids and names spelled like Object.prototype members', () => {
  it('work in validate, run with its report, spof, export, simulate and compare', { timeout: 600_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(PROTOTYPE_NAMES, { minLength: 12, maxLength: 12 }),
        fc.shuffledSubarray(PROTOTYPE_NAMES, { minLength: 12, maxLength: 12 }),
        async (names, labels) => {
          run++;
          const path = writeStudy(run, names, labels);
          const out = (what: string) => join(dir, `${what}-${run}`);
          const validation = await validateInput(path);
          expect(validation.counts.scenarios).toBe(4);

          const ran = await runStudy(path, { workers: 0, outDir: out('run'), marking: labels[6] });
          expect(ran.report?.warnings).toEqual([]);
          expect(ran.document.scenarios.map((s) => s.id)).toEqual(labels.slice(2, 6));
          expect(ran.document.model.services.map((s) => s.id)).toEqual(labels.slice(0, 2));
          const report = readFileSync(join(out('run'), 'report.html'), 'utf8');
          for (const name of labels.slice(1, 7)) expect(report).toContain(name);
          expect(existsSync(join(out('run'), 'charts', 'headline.svg'))).toBe(true);

          const { analysis } = await findWeakSpots(path, { order: 2 });
          expect(analysis.services.map((s) => s.serviceId)).toEqual(labels.slice(0, 2));
          const features = await exportGeoJson(join(out('run'), 'result.json'), join(out('run'), 'map.geojson'));
          expect(features.features.length).toBeGreaterThan(0);
          const drills = await exportDrills(join(out('run'), 'result.json'), { outDir: out('drills') });
          expect(drills.drills.length).toBeGreaterThan(0);

          const simulated = await simulateStudy(path, { years: 20, yearsPerBatch: 10, workers: 0, outDir: out('sim') });
          expect(simulated.document.timeSimulation?.years).toBe(20);
          expect(simulated.report?.warnings).toEqual([]);
          const compared = await compareStudies(path, path, { samples: 2_000, batchSize: 1_000, workers: 0, outDir: out('cmp') });
          expect(compared.document.comparison?.scenarios.length).toBe(4);
          expect(compared.report?.warnings).toEqual([]);
        },
      ),
      { numRuns: 3 },
    );
  });
});
