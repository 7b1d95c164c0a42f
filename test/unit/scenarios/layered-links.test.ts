// Layers on the input side: physical links (layer: physical), logical links routed over them (over, protection;
// given or computed), compiled into the engine's LayerModel; every mistake reported at its file, line and field.

import { describe, expect, it } from 'vitest';
import { compileModel, formatDiagnostic, parseSourceDocument, validateTopology } from '../../../scenarios/index.ts';

async function validate(text: string) {
  const parsed = parseSourceDocument('t.yaml', text);
  if (parsed.kind !== 'ok') throw new Error('syntax');
  return validateTopology(parsed.document);
}

async function errorsOf(text: string): Promise<string[]> {
  const outcome = await validate(text);
  return outcome.kind === 'ok' ? [] : outcome.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

// A physical square a-b-c-d-a with a diagonal a-c (longer), and node e hanging off d.
const BASE = `format: neverout-topology/1
name: t
nodes:
  - { id: a, kind: site, failureProbability: 0 }
  - { id: b, kind: site, failureProbability: 0 }
  - { id: c, kind: site, failureProbability: 0 }
  - { id: d, kind: site, failureProbability: 0 }
  - { id: e, kind: site, failureProbability: 0 }
links:
  - { id: ab, from: a, to: b, medium: fibre, layer: physical, failureProbability: 0.01, lengthKm: 10 }
  - { id: bc, from: b, to: c, medium: fibre, layer: physical, failureProbability: 0.01, lengthKm: 10 }
  - { id: cd, from: c, to: d, medium: fibre, layer: physical, failureProbability: 0.01, lengthKm: 10 }
  - { id: da, from: d, to: a, medium: fibre, layer: physical, failureProbability: 0.01, lengthKm: 10 }
  - { id: ac, from: a, to: c, medium: fibre, layer: physical, failureProbability: 0.01, lengthKm: 50 }
  - { id: de, from: d, to: e, medium: fibre, layer: physical, failureProbability: 0.01, lengthKm: 10 }
`;
const SERVICE = `services:
  - { id: s, kind: connected, endpoints: [a, c] }
`;

describe('validateTopology: layered links', () => {
  it('accepts given routes and compiles physical links outside the service graph, after the graph links', async () => {
    const outcome = await validate(`${BASE}  - { id: circ, from: a, to: c, medium: fibre, over: [ab, bc], protection: [da, cd] }
  - { id: direct, from: a, to: e, medium: radio, failureProbability: 0.001 }
${SERVICE}`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.model.links.map((l) => l.id)).toEqual(['circ', 'direct', 'ab', 'bc', 'cd', 'da', 'ac', 'de']);
    const model = compileModel(outcome.model);
    expect(model.topology.linkCount).toBe(2);
    expect(model.elementCount).toBe(5 + 8);
    expect(model.index.linkIds).toEqual(['circ', 'direct', 'ab', 'bc', 'cd', 'da', 'ac', 'de']);
    const layers = model.layers;
    expect(layers).toBeDefined();
    if (layers === undefined) return;
    expect(layers.serviceElementCount).toBe(7);
    expect(Array.from(layers.logicalElement)).toEqual([5]);
    expect(Array.from(layers.routeElement)).toEqual([7, 8, 10, 9]);
    expect(Array.from(layers.routeStart)).toEqual([0, 2, 4]);
    // A logical link takes no defaults: its own equipment only (none here).
    expect(model.elementFailureProbability[5]).toBe(0);
    expect(model.elementFailureProbability[7]).toBe(0.01);
  });

  it('computes shortest and disjoint-shortest routes over the physical links by length', async () => {
    const outcome = await validate(`${BASE}  - { id: circ, from: a, to: c, medium: fibre, over: shortest, protection: disjoint-shortest }
${SERVICE}`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const circ = outcome.model.links.find((l) => l.id === 'circ');
    // a-b-c and a-d-c tie at 20 km (the first found wins); the diagonal (50 km) is longer.
    expect(circ?.route).toEqual({ working: ['ab', 'bc'], protection: ['da', 'cd'] });
  });

  it('says so when no disjoint protection route exists', async () => {
    const errors = await errorsOf(`${BASE}  - { id: circ, from: a, to: e, medium: fibre, over: shortest, protection: disjoint-shortest }
${SERVICE}`);
    expect(errors).toEqual([
      't.yaml:16:76 links[6].protection: no protection route: no path of physical links from "a" to "e" avoids the working route (da, de)',
    ]);
  });

  it('reports every route mistake at its link, field and position (exit-2 diagnostics)', async () => {
    const errors = await errorsOf(`${BASE}  - { id: l1, from: a, to: c, medium: fibre, over: [ab, nope] }
  - { id: l2, from: a, to: c, medium: fibre, over: [ab, cd] }
  - { id: l3, from: a, to: c, medium: fibre, over: [ab], protection: [da, cd] }
  - { id: l4, from: a, to: c, medium: fibre, over: [ab, bc], protection: [ab, bc] }
  - { id: l5, from: a, to: c, medium: fibre, over: [l2] }
  - { id: l6, from: a, to: c, medium: fibre, over: [ab, ab] }
  - { id: l7, from: a, to: c, medium: fibre, protection: [ac] }
  - { id: l8, from: a, to: c, medium: fibre, layer: physical, over: [ac] }
  - { id: l9, from: a, to: b, medium: fibre, failureProbability: 0.1 }
  - { id: l10, from: a, to: b, medium: fibre, over: [l9] }
  - { id: l11, from: a, to: c, medium: fibre, over: 7 }
${SERVICE}`);
    expect(errors).toEqual([
      't.yaml:26:53 links[16].over: expected a list of physical link ids, or shortest, got 7',
      't.yaml:16:57 links[6].over[1]: unknown link id "nope"',
      't.yaml:17:57 links[7].over[1]: the route is not a path from "a" to "c": link "cd" (c–d) does not continue from node "b"',
      't.yaml:18:52 links[8].over: the route is not a path from "a" to "c": it ends at node "b"',
      't.yaml:19:75 links[9].protection[0]: link "ab" is on the working route too: 1+1 protection needs a disjoint route',
      't.yaml:19:79 links[9].protection[1]: link "bc" is on the working route too: 1+1 protection needs a disjoint route',
      't.yaml:20:53 links[10].over[0]: link "l2" is itself routed (over): a logical link runs over physical links only (nesting is not supported)',
      't.yaml:21:57 links[11].over[1]: link "ab" appears twice in the route',
      't.yaml:22:58 links[12].protection: protection needs a working route: give over as well',
      't.yaml:23:69 links[13].over: a physical link (layer: physical) cannot be routed over other links: remove over or layer',
      't.yaml:25:54 links[15].over[0]: link "l9" is not a physical link: a route runs over links marked layer: physical',
    ]);
  });

  it('refuses an empty route in its own words, not the schema library\'s', async () => {
    const errors = await errorsOf(`${BASE}  - { id: l1, from: a, to: c, medium: fibre, over: [], protection: [] }
  - { id: l2, from: a, to: c, medium: fibre, over: [ab, bc], protection: [] }
${SERVICE}`);
    expect(errors).toEqual([
      't.yaml:16:52 links[6].over: expected a list of at least 1 physical link id, or shortest, got an empty list',
      't.yaml:16:68 links[6].protection: expected a list of at least 1 physical link id, or disjoint-shortest, got an empty list',
      't.yaml:17:74 links[7].protection: expected a list of at least 1 physical link id, or disjoint-shortest, got an empty list',
    ]);
  });

  it('leaves single-layer topologies without layers', async () => {
    const outcome = await validate(`format: neverout-topology/1
name: t
nodes:
  - { id: a, kind: site, failureProbability: 0 }
  - { id: b, kind: site, failureProbability: 0 }
links:
  - { id: ab, from: a, to: b, medium: fibre, failureProbability: 0.01 }
`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok') expect(compileModel(outcome.model).layers).toBeUndefined();
  });
});
