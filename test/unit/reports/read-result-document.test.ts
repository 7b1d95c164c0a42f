// Reading result documents: every problem reported with its path, one error class for all input problems.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('reads UTF-8 only, as every input file: a Latin-1 byte is located, a byte order mark is dropped', async () => {
    const text = (await readFile(FIXTURE_FILES.minimal, 'utf8')).replaceAll('"Tiny"', '"Tiny caf\u00e9"');
    const latin1 = join(dir, 'latin1.json');
    await writeFile(latin1, Buffer.from(text, 'latin1'));
    const line = text.slice(0, text.indexOf('"Tiny caf')).split('\n').length;
    await expect(readResultFile(latin1)).rejects.toThrow(new RegExp(`latin1\\.json:${line}:\\d+: not UTF-8 text \\(byte 0xE9\\)`));
    const bom = join(dir, 'bom.json');
    await writeFile(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    expect((await readResultFile(bom)).model.name).toBe('Tiny caf\u00e9');
  });

  describe('ids and counts', () => {
    /** Writes a copy of the `current` fixture changed by `edit`; returns its path. */
    async function writeEdited(name: string, edit: (doc: EditableDocument) => void): Promise<string> {
      const doc = JSON.parse(JSON.stringify(await readResultFile(FIXTURE_FILES.current))) as EditableDocument;
      edit(doc);
      const path = join(dir, name);
      await writeFile(path, JSON.stringify(doc, null, 2));
      return path;
    }

    interface EditableDocument {
      scenarios: Array<{
        id: string;
        samples: number;
        batches: number;
        services: Array<{ serviceId: string; samples: number; convergence: Array<{ samples: number }> }>;
      }>;
      timeSimulation: { years: number; services: Array<{ durationHistogram: { edgesHours: number[]; counts: number[] } }> };
    }

    /** The diagnostics of the ScenarioError reading `path` throws (each located), as `path: message`, in file order. */
    async function problemsReading(path: string): Promise<string[]> {
      const error: unknown = await readResultFile(path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as ScenarioError).diagnostics.map((d) => {
        expect(d.file).toBe(path);
        expect(d.line).toBeGreaterThan(0);
        return `${d.path}: ${d.message}`;
      });
    }

    it('accepts the real and the made-up fixtures', async () => {
      for (const file of Object.values(FIXTURE_FILES)) await expect(readResultFile(file)).resolves.toBeDefined();
    });

    it('locates a scenario id used twice, and a service estimated twice in one scenario', async () => {
      const path = await writeEdited('repeated-ids.json', (doc) => {
        doc.scenarios[2].id = doc.scenarios[0].id;
        doc.scenarios[1].services[3].serviceId = doc.scenarios[1].services[1].serviceId;
      });
      expect(await problemsReading(path)).toEqual([
        'scenarios[1].services[3].serviceId: expected a service id not used before (scenarios[1].services[1].serviceId has it), got "air-defence"',
        'scenarios[2].id: expected a scenario id not used before (scenarios[0].id has it), got "baseline"',
      ]);
      await expect(readResultFile(path)).rejects.toThrow(/repeated-ids\.json:\d+:\d+ scenarios\[2\]\.id: /);
    });

    it('locates sample counts that are negative or not whole, and counts that disagree', async () => {
      const path = await writeEdited('counts.json', (doc) => {
        doc.scenarios[0].samples = -5;
        doc.scenarios[1].samples = 1000.5;
        doc.scenarios[2].batches = doc.scenarios[2].samples + 1;
        doc.scenarios[2].services[0].samples = doc.scenarios[2].samples * 2;
        const convergence = doc.scenarios[2].services[2].convergence;
        convergence[3].samples = convergence[2].samples - 1;
        convergence[4].samples = 0.5;
        doc.timeSimulation.years = -1;
        doc.timeSimulation.services[0].durationHistogram.counts[1] = -3;
        doc.timeSimulation.services[1].durationHistogram.counts.pop();
      });
      expect(await problemsReading(path)).toEqual([
        'scenarios[0].samples: expected a whole number >= 0, got -5',
        'scenarios[1].samples: expected a whole number >= 0, got 1000.5',
        'scenarios[2].batches: expected at most scenarios[2].samples (500000), got 500001',
        'scenarios[2].services[0].samples: expected at most scenarios[2].samples (500000), got 1000000',
        'scenarios[2].services[2].convergence[3].samples: expected at least the samples of the point before (60000), got 59999',
        'scenarios[2].services[2].convergence[4].samples: expected a whole number >= 0, got 0.5',
        'timeSimulation.years: expected a whole number >= 0, got -1',
        'timeSimulation.services[0].durationHistogram.counts[1]: expected a whole number >= 0, got -3',
        'timeSimulation.services[1].durationHistogram.counts: expected 10 counts, one per bin between the 11 edgesHours, got 9',
      ]);
    });

    it('describes a count that is a list or a mapping as such', async () => {
      const path = await writeEdited('shapes.json', (doc) => {
        (doc.scenarios[0] as { batches: unknown }).batches = { count: 3 };
        (doc.scenarios[1] as { batches: unknown }).batches = [7];
      });
      expect(await problemsReading(path)).toEqual([
        'scenarios[0].batches: expected a whole number >= 0, got a mapping',
        'scenarios[1].batches: expected a whole number >= 0, got a list',
      ]);
    });
  });
});
