// A study checked against its topology: ids named twice in a list and sabotage budgets larger than what an attack may
// pick from are reported at their file, line, column and field.

import { describe, expect, it } from 'vitest';
import {
  formatDiagnostic,
  parseSourceDocument,
  validateStudy,
  validateTopology,
  type Diagnostic,
  type TopologyModel,
} from '../../../scenarios/index.ts';

// The bridge: 4 nodes, 5 links, a duct over two of them.
const BRIDGE = `format: neverout-topology/1
name: t
defaults:
  nodes: { '*': { failureProbability: 0 } }
  links: { '*': { failureProbability: 0.1 } }
nodes:
  - { id: s, kind: site }
  - { id: a, kind: site }
  - { id: b, kind: site }
  - { id: t, kind: site }
links:
  - { id: sa, from: s, to: a, medium: fibre }
  - { id: sb, from: s, to: b, medium: fibre }
  - { id: ab, from: a, to: b, medium: fibre }
  - { id: at, from: a, to: t, medium: fibre }
  - { id: bt, from: b, to: t, medium: fibre }
riskGroups:
  - { id: duct, select: { ids: [sa, sb] }, probability: 0.001 }
services:
  - { id: s-t, kind: connected, endpoints: [s, t] }
  - { id: s-a, kind: connected, endpoints: [s, a] }
`;

// Three physical links a-b-c-a and one logical link routed over two of them: an attack picks from the three.
const LAYERED = `format: neverout-topology/1
name: layered
nodes:
  - { id: a, kind: site, failureProbability: 0 }
  - { id: b, kind: site, failureProbability: 0 }
  - { id: c, kind: site, failureProbability: 0 }
links:
  - { id: ab, from: a, to: b, medium: fibre, layer: physical, failureProbability: 0.01 }
  - { id: bc, from: b, to: c, medium: fibre, layer: physical, failureProbability: 0.01 }
  - { id: ca, from: c, to: a, medium: fibre, layer: physical, failureProbability: 0.01 }
  - { id: circuit, from: a, to: c, medium: leased, over: [ab, bc] }
services:
  - { id: s, kind: connected, endpoints: [a, c] }
`;

const STUDY_HEADER = `format: neverout-study/1
name: s
topology: t.yaml
`;

async function topologyOf(text: string): Promise<TopologyModel> {
  const parsed = parseSourceDocument('t.yaml', text);
  if (parsed.kind !== 'ok') throw new Error('topology syntax');
  const outcome = await validateTopology(parsed.document);
  if (outcome.kind !== 'ok') throw new Error(outcome.diagnostics.map(formatDiagnostic).join('\n'));
  return outcome.model;
}

/** The errors of a study (formatted), validated against the topology `topologyText`. */
async function studyErrors(text: string, topologyText = BRIDGE): Promise<string[]> {
  const parsed = parseSourceDocument('s.yaml', text);
  if (parsed.kind !== 'ok') throw new Error('study syntax');
  const outcome = await validateStudy(parsed.document, await topologyOf(topologyText));
  if (outcome.kind === 'ok') return [];
  return outcome.diagnostics.filter((d: Diagnostic) => d.severity === 'error').map(formatDiagnostic);
}

describe('validateStudy', () => {
  it('reports an element or risk group forced twice at its second occurrence', async () => {
    expect(
      await studyErrors(`${STUDY_HEADER}scenarios:
  - { id: cut, force: [sa, duct, sa, duct, zz, zz] }
`),
    ).toEqual([
      's.yaml:5:34 scenarios[0].force[2]: "sa" is named twice (first at scenarios[0].force[0])',
      's.yaml:5:38 scenarios[0].force[3]: "duct" is named twice (first at scenarios[0].force[1])',
      's.yaml:5:44 scenarios[0].force[4]: unknown node, link or risk-group id "zz"',
      's.yaml:5:48 scenarios[0].force[5]: "zz" is named twice (first at scenarios[0].force[4])',
    ]);
    expect(await studyErrors(`${STUDY_HEADER}scenarios:\n  - { id: cut, force: [sa, sb, duct] }\n`)).toEqual([]);
  });

  it('reports a service, a risk-group member and an override element named twice', async () => {
    expect(
      await studyErrors(`${STUDY_HEADER}services: [s-t, s-a, s-t]
riskGroups:
  - { id: g, select: { ids: [ab, at, ab] }, probability: 0.01 }
scenarios:
  - id: degraded
    overrides:
      - { select: [{ ids: [bt] }, { ids: [at, at] }], availability: 0.9 }
`),
    ).toEqual([
      's.yaml:6:38 riskGroups[0].select.ids[2]: "ab" is named twice (first at riskGroups[0].select.ids[0])',
      's.yaml:4:22 services[2]: "s-t" is named twice (first at services[0])',
      's.yaml:10:47 scenarios[0].overrides[0].select[1].ids[1]: "at" is named twice (first at scenarios[0].overrides[0].select[1].ids[0])',
    ]);
    // The same element in two selectors of one list is their union, not a mistake.
    expect(
      await studyErrors(`${STUDY_HEADER}scenarios:
  - { id: degraded, overrides: [{ select: [{ ids: [at] }, { ids: [at, bt] }], availability: 0.9 }] }
`),
    ).toEqual([]);
  });

  it('refuses a sabotage budget larger than the elements an attack may pick from, naming both', async () => {
    expect(
      await studyErrors(`${STUDY_HEADER}scenarios:
  - { id: links, sabotage: { budget: 6 } }
  - { id: nodes, sabotage: { budget: 5, targets: nodes, strategy: greedy } }
  - { id: all, sabotage: { budget: 10, targets: all, strategy: random } }
`),
    ).toEqual([
      's.yaml:5:38 scenarios[0].sabotage.budget: expected a whole number of elements from 1 to 5 (the links an attack may pick from), got 6',
      's.yaml:6:38 scenarios[1].sabotage.budget: expected a whole number of elements from 1 to 4 (the nodes an attack may pick from), got 5',
      's.yaml:7:36 scenarios[2].sabotage.budget: expected a whole number of elements from 1 to 9 (the nodes and links an attack may pick from), got 10',
    ]);
    // A budget of every element is valid.
    expect(
      await studyErrors(`${STUDY_HEADER}scenarios:
  - { id: links, sabotage: { budget: 5 } }
  - { id: nodes, sabotage: { budget: 4, targets: nodes, strategy: greedy } }
  - { id: all, sabotage: { budget: 9, targets: all, strategy: random } }
`),
    ).toEqual([]);
  });

  it('words a mistaken $schema itself', async () => {
    expect(await studyErrors(`$schema: 4\n${STUDY_HEADER}scenarios:\n  - { id: base }\n`)).toEqual([
      's.yaml:1:10 $schema: expected a text (the path or URL of a JSON Schema), got 4',
    ]);
  });

  it('says so when there is nothing of the kind to attack', async () => {
    const lonely = `format: neverout-topology/1
name: lonely
nodes:
  - { id: a, kind: site, failureProbability: 0.01 }
links: []
`;
    expect(await studyErrors(`${STUDY_HEADER}scenarios:\n  - { id: cut, sabotage: { budget: 1 } }\n`, lonely)).toEqual([
      's.yaml:5:36 scenarios[0].sabotage.budget: there are no links an attack may pick from (a budget of 1)',
    ]);
  });

  it('counts the links a saboteur attacks in a layered topology: physical and direct links, not logical ones', async () => {
    expect(await studyErrors(`${STUDY_HEADER}scenarios:\n  - { id: cut, sabotage: { budget: 3 } }\n`, LAYERED)).toEqual(
      [],
    );
    expect(await studyErrors(`${STUDY_HEADER}scenarios:\n  - { id: cut, sabotage: { budget: 4 } }\n`, LAYERED)).toEqual(
      [
        's.yaml:5:36 scenarios[0].sabotage.budget: expected a whole number of elements from 1 to 3 (the links an attack may pick from: a logical link is attacked through its route), got 4',
      ],
    );
  });
});
