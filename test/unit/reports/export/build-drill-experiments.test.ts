// Drill export: which weak spots become experiments and in what order, and that every experiment follows the Chaos
// Toolkit experiment format (JSON Schema written from its documentation), names endpoints only through configuration
// and carries neverout's figures.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../../engine/index.ts';
import {
  buildDrillExperiments,
  findDrillWeakSpots,
  INJECT_SCRIPT_ENV,
  type ChaosExperiment,
  type DrillExperiment,
  type DrillServiceFigures,
} from '../../../../reports/export/index.ts';
import { ReportOptionsError } from '../../../../reports/index.ts';
import { deepFreeze, makeResultDocument } from './export-fixtures.ts';

const EXPERIMENT_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../fixtures/chaostoolkit/experiment.schema.json', import.meta.url), 'utf8'),
) as object;
const validateExperiment = new Ajv({ allErrors: true, strict: false }).compile(EXPERIMENT_SCHEMA);

function neveroutExtension(experiment: ChaosExperiment): {
  services: DrillServiceFigures[];
  expectedDeviation: boolean;
  rank: number;
} {
  const extension = experiment.extensions.find((e) => e.name === 'neverout');
  if (extension === undefined) throw new Error('no neverout extension');
  return extension as unknown as { services: DrillServiceFigures[]; expectedDeviation: boolean; rank: number };
}

function figures(drill: DrillExperiment, serviceId: string): DrillServiceFigures {
  const found = neveroutExtension(drill.experiment).services.find((s) => s.serviceId === serviceId);
  if (found === undefined) throw new Error(`no figures for ${serviceId}`);
  return found;
}

describe('experiment schema (test fixture)', () => {
  const minimal = {
    version: '1.0.0',
    title: 'A file removed from under us is recreated',
    description: 'The application recreates a file that disappears.',
    'steady-state-hypothesis': {
      title: 'The file exists',
      probes: [
        {
          type: 'probe',
          name: 'file-exists',
          tolerance: true,
          provider: { type: 'python', module: 'os.path', func: 'exists', arguments: { path: 'x' } },
        },
      ],
    },
    method: [
      {
        type: 'action',
        name: 'remove-file',
        provider: { type: 'python', module: 'os', func: 'remove', arguments: { path: 'x' } },
        pauses: { after: 5 },
      },
      { ref: 'file-exists' },
    ],
  };

  it('accepts a documented minimal experiment', () => {
    expect(validateExperiment(minimal), JSON.stringify(validateExperiment.errors)).toBe(true);
  });

  it.each([
    ['without title', { ...minimal, title: undefined }],
    ['without description', { ...minimal, description: undefined }],
    ['without method', { ...minimal, method: undefined }],
    ['with an empty method', { ...minimal, method: [] }],
    [
      'with a hypothesis probe lacking tolerance',
      {
        ...minimal,
        'steady-state-hypothesis': {
          title: 't',
          probes: [{ type: 'probe', name: 'p', provider: { type: 'process', path: 'ping' } }],
        },
      },
    ],
    [
      'with a process provider lacking path',
      { ...minimal, method: [{ type: 'action', name: 'a', provider: { type: 'process', arguments: [] } }] },
    ],
    ['with an extension lacking a name', { ...minimal, extensions: [{ data: 1 }] }],
  ])('rejects an experiment %s', (_label, experiment) => {
    expect(validateExperiment(JSON.parse(JSON.stringify(experiment)))).toBe(false);
  });
});

describe('findDrillWeakSpots', () => {
  it('ranks single points of failure, then sabotage cuts, then risk groups by criticality', () => {
    const doc = makeResultDocument();
    const spots = findDrillWeakSpots(doc, doc.scenarios[0], 5);
    expect(spots.map((s) => `${s.kind}:${s.injected.map((e) => e.id).join('+')}`)).toEqual([
      'single-point-of-failure:bc',
      'single-point-of-failure:b',
      'sabotage-cut:ab+ae',
      'risk-group:g-duct',
      'risk-group:g-power',
    ]);
  });

  it('skips a sabotage cut that repeats a chosen single point of failure, and attacks that do not disconnect', () => {
    const doc = makeResultDocument();
    const sabotage = findDrillWeakSpots(doc, doc.scenarios[0], 5).filter((s) => s.kind === 'sabotage-cut');
    expect(sabotage).toEqual([
      expect.objectContaining({
        serviceIds: ['s2'],
        scenarioIds: ['sabotage'],
        cost: 2,
        strategy: 'optimal',
        proven: true,
      }),
    ]);
  });

  it('takes at most `top` of each kind', () => {
    const doc = makeResultDocument();
    expect(findDrillWeakSpots(doc, doc.scenarios[0], 1).map((s) => s.kind)).toEqual([
      'single-point-of-failure',
      'sabotage-cut',
      'risk-group',
    ]);
  });

  it('falls back to risk groups that are order-1 cut sets when no group importance was computed', () => {
    const doc = makeResultDocument({ withGroupImportance: false });
    const groups = findDrillWeakSpots(doc, doc.scenarios[0], 5).filter((s) => s.kind === 'risk-group');
    expect(groups.map((g) => [g.injected[0].id, g.serviceIds, g.kind === 'risk-group' ? g.basis : ''])).toEqual([
      ['g-power', ['s1', 's2'], 'cut-sets'],
      ['g-duct', ['s1'], 'cut-sets'],
    ]);
  });

  it('finds nothing without cut sets, attacks or importance', () => {
    const doc: ResultDocument = { ...makeResultDocument(), cutSets: null, scenarios: [] };
    expect(findDrillWeakSpots(doc, null, 5)).toEqual([]);
  });
});

describe('buildDrillExperiments', () => {
  const drills = buildDrillExperiments(deepFreeze(makeResultDocument()));

  it('writes one valid Chaos Toolkit experiment per weak spot', () => {
    expect(drills.map((d) => d.fileName)).toEqual([
      '01-spof-bc.json',
      '02-spof-b.json',
      '03-sabotage-ab+ae.json',
      '04-risk-group-g-duct.json',
      '05-risk-group-g-power.json',
    ]);
    for (const drill of drills) {
      const json = JSON.parse(JSON.stringify(drill.experiment)) as unknown;
      expect(validateExperiment(json), `${drill.fileName}: ${JSON.stringify(validateExperiment.errors)}`).toBe(true);
    }
  });

  it('gives every experiment a title, a description and a well-formed method', () => {
    for (const { experiment } of drills) {
      expect(experiment.version).toBe('1.0.0');
      expect(experiment.title.length).toBeGreaterThan(10);
      expect(experiment.description.length).toBeGreaterThan(50);
      expect(experiment.method.length).toBeGreaterThan(0);
      for (const action of [...experiment.method, ...experiment.rollbacks]) {
        expect(action).toMatchObject({ type: 'action', provider: { type: 'process', path: 'env' } });
        expect(action.provider.arguments[0]).toBe('${inject_script}');
      }
      const names = [
        ...experiment['steady-state-hypothesis'].probes,
        ...experiment.method,
        ...experiment.rollbacks,
      ].map((a) => a.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('takes the weak spot down in the method and restores it in reverse order in the rollbacks', () => {
    const cut = drills[2].experiment;
    expect(cut.method.map((a) => a.provider.arguments)).toEqual([
      ['${inject_script}', 'down', 'link', 'ab'],
      ['${inject_script}', 'down', 'link', 'ae'],
    ]);
    expect(cut.method.map((a) => a.pauses)).toEqual([undefined, { after: 300 }]);
    expect(cut.rollbacks.map((a) => a.provider.arguments)).toEqual([
      ['${inject_script}', 'up', 'link', 'ae'],
      ['${inject_script}', 'up', 'link', 'ab'],
    ]);
    expect(drills[3].experiment.method[0].provider.arguments).toEqual([
      '${inject_script}',
      'down',
      'group',
      'g-duct',
      'ab',
      'bc',
    ]);
  });

  it('probes every endpoint of each affected service through configuration variables, inventing no address', () => {
    const { experiment } = drills[0];
    const probes = experiment['steady-state-hypothesis'].probes;
    expect(probes.map((p) => [p.name, p.provider.path, p.provider.arguments, p.tolerance])).toEqual([
      ['s1: endpoint a reachable', 'ping', ['-c', '3', '${endpoint_a}'], 0],
      ['s1: endpoint c reachable', 'ping', ['-c', '3', '${endpoint_c}'], 0],
    ]);
    expect(experiment.configuration).toEqual({
      inject_script: { type: 'env', key: INJECT_SCRIPT_ENV },
      endpoint_a: { type: 'env', key: 'NEVEROUT_ENDPOINT_A' },
      endpoint_c: { type: 'env', key: 'NEVEROUT_ENDPOINT_C' },
    });
    for (const drill of drills) {
      const text = JSON.stringify(drill.experiment);
      expect(text).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b|https?:\/\//);
      for (const match of text.matchAll(/\$\{([^}]+)\}/g))
        expect(drill.experiment.configuration).toHaveProperty(match[1]);
    }
  });

  it('includes every service whose cut set the injected elements contain', () => {
    // The attack names s2 only, but {ab, ae} is also a minimal cut set of s1.
    const cut = drills[2];
    expect(
      neveroutExtension(cut.experiment).services.map((s) => [s.serviceId, s.predictedDown, s.minimalCutSets]),
    ).toEqual([
      ['s1', true, [['ab', 'ae']]],
      ['s2', true, [['ab', 'ae']]],
    ]);
    expect(figures(cut, 's2').underAttack).toEqual([
      { scenarioId: 'sabotage', availability: { estimate: 0, lower: 0, upper: 0 } },
    ]);
  });

  it('carries the availability drop, cut set and result hashes in the neverout extension', () => {
    const doc = makeResultDocument();
    const spof = drills[0];
    const extension = neveroutExtension(spof.experiment);
    expect(extension).toMatchObject({
      rank: 1,
      expectedDeviation: true,
      result: {
        planSha256: doc.manifest.planSha256,
        seed: '7',
        model: { sha256: doc.manifest.model.sha256 },
        engineVersion: '0.1.0',
      },
    });
    expect(figures(spof, 's1')).toMatchObject({
      predictedDown: true,
      minimalCutSets: [['bc']],
      baselineAvailability: { estimate: 1 - 2e-3 },
      availabilityDuringDrill: 0,
      availabilityDrop: 1 - 2e-3,
      importance: { criticality: 0.25, riskAchievementWorth: 450 },
    });
  });

  it('estimates the availability during a drill that takes no service down from risk achievement worth', () => {
    // g-duct takes ab and bc down: s1 loses bc (a cut set); s2 keeps a-e, so g-duct appears for s1 only.
    const duct = drills[3];
    expect(neveroutExtension(duct.experiment).services.map((s) => s.serviceId)).toEqual(['s1']);
    const doc = makeResultDocument({ withGroupImportance: true });
    const single = buildDrillExperiments({ ...doc, cutSets: null }, { top: 1 });
    // Without cut sets only group importance remains: g-duct, RAW 500 on U = 2e-3 gives availability 0 (clamped).
    expect(single.map((d) => d.fileName)).toEqual(['01-sabotage-bc.json', '02-risk-group-g-duct.json']);
    const f = figures(single[1], 's1');
    expect(f.predictedDown).toBe(false);
    expect(f.availabilityDuringDrill).toBe(0);
    const power = buildDrillExperiments({ ...doc, cutSets: null }, { top: 2 })[3];
    expect(power.fileName).toBe('04-risk-group-g-power.json');
    expect(figures(power, 's2').availabilityDuringDrill).toBeCloseTo(1 - 330 * 3e-3, 12);
    expect(neveroutExtension(power.experiment).expectedDeviation).toBe(false);
  });

  it('honours top, scenario and observation time options', () => {
    const doc = makeResultDocument();
    const drillsTop1 = buildDrillExperiments(doc, { top: 1, observeSeconds: 45, scenarioId: 'sabotage-1' });
    expect(drillsTop1).toHaveLength(3);
    expect(drillsTop1[0].experiment.method.at(-1)?.pauses).toEqual({ after: 45 });
    expect(figures(drillsTop1[0], 's1').baselineAvailability?.estimate).toBe(1 - 2e-3);
    expect(figures(drillsTop1[0], 's1').importance).toBeNull();
    expect(() => buildDrillExperiments(doc, { top: 0 })).toThrow(ReportOptionsError);
    expect(() => buildDrillExperiments(doc, { observeSeconds: -1 })).toThrow(ReportOptionsError);
    expect(() => buildDrillExperiments(doc, { scenarioId: 'nope' })).toThrow(ReportOptionsError);
  });

  it('gives endpoints whose ids differ only in punctuation or case distinct configuration keys', () => {
    const base = makeResultDocument();
    const doc: ResultDocument = {
      ...base,
      model: {
        ...base.model,
        sites: [
          ...base.model.sites,
          { id: 'x-y', name: 'X-Y', kind: 'hq', lat: null, lon: null, attributes: {} },
          { id: 'X_Y', name: 'X_Y', kind: 'hq', lat: null, lon: null, attributes: {} },
        ],
        services: base.model.services.map((s) => (s.id === 's1' ? { ...s, endpoints: ['a', 'c', 'x-y', 'X_Y'] } : s)),
      },
    };
    const { experiment } = buildDrillExperiments(doc, { top: 1 })[0];
    expect(Object.keys(experiment.configuration)).toEqual([
      'inject_script',
      'endpoint_a',
      'endpoint_c',
      'endpoint_x_y',
      'endpoint_X_Y_2',
    ]);
    const envKeys = Object.values(experiment.configuration).map((c) => (typeof c === 'string' ? c : c.key));
    expect(new Set(envKeys).size).toBe(envKeys.length);
  });

  it('states the marking and an illustrative model in the description', () => {
    const base = makeResultDocument();
    const doc: ResultDocument = {
      ...base,
      manifest: { ...base.manifest, marking: 'TEST MARKING' },
      model: { ...base.model, illustrative: true },
    };
    const { experiment } = buildDrillExperiments(doc, { top: 1 })[0];
    expect(experiment.description.startsWith('[TEST MARKING] ')).toBe(true);
    expect(experiment.description).toContain('ILLUSTRATIVE');
    expect(experiment.tags).toContain('illustrative-model');
  });

  it('exports the realistic fixture result as valid experiments', () => {
    const doc = JSON.parse(
      readFileSync(new URL('../../../fixtures/results/nafin-2026-q4.result.json', import.meta.url), 'utf8'),
    ) as ResultDocument;
    const result = buildDrillExperiments(doc);
    expect(result.length).toBeGreaterThan(0);
    for (const drill of result) expect(validateExperiment(JSON.parse(JSON.stringify(drill.experiment)))).toBe(true);
  });
});
