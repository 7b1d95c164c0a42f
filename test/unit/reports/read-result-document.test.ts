// Reading result documents: every problem reported with its path, one error class for all input problems.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultFile } from '../../../app/index.ts';
import { ReportInputError, checkResultDocument } from '../../../reports/index.ts';
import { ScenarioError } from '../../../scenarios/index.ts';
import { FIXTURE_FILES, loadFixture } from './support/report-fixtures.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neverout-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkResultDocument', () => {
  it("accepts a time simulation's scenarios and crews, and locates a broken field in them", async () => {
    const { simulateStudy } = await import('../../../app/index.ts');
    const outcome = await simulateStudy('test/fixtures/studies/bridge-crew-time.yaml', {
      years: 20,
      yearsPerBatch: 10,
      workers: 0,
      report: false,
      outDir: join(dir, 'sim'),
    });
    const doc = structuredClone(outcome.document) as unknown as {
      timeSimulation: {
        scenarios: Array<{ services: Array<Record<string, unknown>>; crews: Array<Record<string, unknown>> }>;
      };
    };
    expect(() => checkResultDocument(doc, 'sim.json')).not.toThrow();
    expect(doc.timeSimulation.scenarios).toHaveLength(2);
    Object.assign(doc.timeSimulation.scenarios[1].services[0], {
      probabilityNoOutageInYear: { estimate: 0.5, lower: 0.6, upper: 0.7 },
    });
    Object.assign(doc.timeSimulation.scenarios[0].crews[0], { utilisation: 'high' });
    let error: unknown = null;
    try {
      checkResultDocument(doc, 'sim.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReportInputError);
    expect((error as ReportInputError).problems.map((p) => p.path)).toEqual([
      'timeSimulation.scenarios[0].crews[0].utilisation',
      'timeSimulation.scenarios[1].services[0].probabilityNoOutageInYear',
    ]);
  });

  it('accepts the fixtures', () => {
    expect(() => loadFixture('current')).not.toThrow();
    expect(() => loadFixture('minimal')).not.toThrow();
    expect(() => loadFixture('defaultStudy')).not.toThrow();
  });

  it('accepts the optional event rates and attack budgets, and checks them when present', () => {
    const doc = structuredClone(loadFixture('current')) as unknown as {
      model: { riskGroups: Array<Record<string, unknown>> };
      scenarios: Array<Record<string, unknown>>;
    };
    const [group, other] = doc.model.riskGroups;
    const [scenario, attacked] = doc.scenarios;
    if (group === undefined || other === undefined || scenario === undefined || attacked === undefined)
      throw new Error('fixture shape');
    Object.assign(group, { eventsPerYear: 0.1, meanDurationHours: 8 });
    Object.assign(attacked, {
      sabotage: { elementBudget: 2, costBudget: null, targets: 'links', strategy: 'optimal' },
    });
    Object.assign(scenario, { sabotage: null });
    expect(() => checkResultDocument(doc, 'new.json')).not.toThrow();
    Object.assign(other, { eventsPerYear: -1 });
    Object.assign(attacked, {
      sabotage: { elementBudget: 'two', costBudget: null, targets: 'links', strategy: 'optimal' },
    });
    try {
      checkResultDocument(doc, 'bad.json');
      expect.unreachable();
    } catch (error) {
      expect((error as ReportInputError).problems.map((p) => p.path)).toEqual([
        'model.riskGroups[1].eventsPerYear',
        'scenarios[1].sabotage.elementBudget',
      ]);
    }
  });

  it('rejects another result format version before looking further', () => {
    const error = (() => {
      try {
        checkResultDocument({ resultVersion: 2 }, 'old.json');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ReportInputError);
    expect((error as ReportInputError).problems).toEqual([
      { path: 'resultVersion', expected: '1 (this neverout reads result format version 1)', received: '2' },
    ]);
  });

  it('collects every problem with its field path', () => {
    const doc = structuredClone(loadFixture('minimal')) as unknown as {
      manifest: { tool: string };
      model: { sites: Array<{ lat: unknown }> };
      scenarios: Array<{ services: Array<{ availability: { lower: number } }> }>;
    };
    doc.manifest.tool = 'other';
    const [site] = doc.model.sites;
    const [estimate] = doc.scenarios[0]?.services ?? [];
    if (site === undefined || estimate === undefined) throw new Error('fixture shape');
    site.lat = 'north';
    estimate.availability.lower = 2;
    try {
      checkResultDocument(doc, 'bad.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ReportInputError);
      expect((error as ReportInputError).problems.map((p) => p.path)).toEqual([
        'manifest.tool',
        'model.sites[0].lat',
        'scenarios[0].services[0].availability',
      ]);
      expect((error as Error).message).toContain('bad.json manifest.tool: expected "neverout", got "other"');
    }
  });
});

describe('readResultFile (every command that reads a result: report, export, merge, --baseline)', () => {
  it('reads a fixture', async () => {
    expect((await readResultFile(FIXTURE_FILES.minimal)).model.name).toBe('Tiny');
  });

  it('locates a missing file, text that is not JSON, and an id the model does not know, as input errors', async () => {
    await expect(readResultFile(join(dir, 'missing.json'))).rejects.toBeInstanceOf(ScenarioError);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "resultVersion": 1,');
    await expect(readResultFile(broken)).rejects.toThrow(/broken\.json:1:\d+/);
    // A result whose scenario names a service the model does not have: the report would show a service that is not
    // in the network (it was read unchecked by the report while the exports refused it).
    const doc = JSON.parse(JSON.stringify(await readResultFile(FIXTURE_FILES.minimal))) as {
      scenarios: Array<{ services: Array<{ serviceId: string }> }>;
    };
    doc.scenarios[0].services[0].serviceId = 'ghost';
    const ghost = join(dir, 'ghost.json');
    await writeFile(ghost, JSON.stringify(doc, null, 2));
    await expect(readResultFile(ghost)).rejects.toThrow(/ghost\.json:\d+:\d+ scenarios\[0\]\.services\[0\]\.serviceId: expected a service id of model\.services, got "ghost"/);
  });
});
