import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parseSourceDocument, validateTopology, type Diagnostic } from '../../../scenarios/index.ts';

async function validate(text: string, file = 'test.yaml') {
  const parsed = parseSourceDocument(file, text);
  if (parsed.kind !== 'ok') return { kind: 'syntax' as const, diagnostics: parsed.diagnostics };
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
  - { id: a, kind: site, availability: 0.999 }
  - { id: b, kind: site, availability: 0.999 }
`;

describe('validateTopology', () => {
  it('reports all three mistakes of a file with line, column and field path', async () => {
    const text = readFileSync(new URL('../../fixtures/invalid/three-mistakes.yaml', import.meta.url), 'utf8');
    expect(await errorsOf(text)).toEqual([
      'test.yaml:7:25 nodes[0].failureProbability: expected a number in [0, 1], got 1.5',
      'test.yaml:19:9 links[1].to: unknown node id "c"',
      'test.yaml:26:15 links[2].lengthKm: expected a positive number, got -2',
    ]);
  });

  it('resolves mtbf/mttr, availability and fibre cut rates to steady-state probabilities', async () => {
    const outcome = await validate(`format: neverout-topology/1
name: t
nodes:
  - { id: a, kind: site, mtbf: 9999 h, mttr: 1 h }
  - { id: b, kind: site, availability: 0.99 }
links:
  - { id: ab, from: a, to: b, medium: fibre, lengthKm: 100 km, cutRate: 4 cuts / 1000 km / year, repairTime: 8766 h }
`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.model.nodes[0].failureProbability).toBeCloseTo(1e-4, 15);
    expect(outcome.model.nodes[1].failureProbability).toBeCloseTo(0.01, 15);
    // 0.4 cuts a year, each repaired in one year: down 0.4 / (1 + 0.4) of the time.
    expect(outcome.model.links[0].failureProbability).toBeCloseTo(0.4 / 1.4, 12);
  });

  it('applies defaults by kind and medium, with "*" as fallback', async () => {
    const outcome = await validate(`format: neverout-topology/1
name: t
defaults:
  nodes:
    core: { failureProbability: 0.001 }
    '*': { failureProbability: 0.002 }
  links:
    fibre: { failureProbability: 0.003 }
nodes:
  - { id: a, kind: core }
  - { id: b, kind: site }
links:
  - { id: ab, from: a, to: b, medium: fibre }
`);
    if (outcome.kind !== 'ok') throw new Error('expected valid');
    expect(outcome.model.nodes.map((n) => n.failureProbability)).toEqual([0.001, 0.002]);
    expect(outcome.model.links[0].failureProbability).toBe(0.003);
  });

  it('rejects unknown and mismatched units with the field named', async () => {
    const errors = await errorsOf(`${HEADER}links:
  - { id: ab, from: a, to: b, medium: fibre, lengthKm: 10, cutRate: 4 / km / year, repairTime: 12 km }
  - { id: ab2, from: a, to: b, medium: fibre, lengthKm: 12 parsecs, availability: 0.9 }
`);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^test\.yaml:7:\d+ links\[0\]\.repairTime: expected a duration .*units do not match/);
    expect(errors[1]).toMatch(/^test\.yaml:8:\d+ links\[1\]\.lengthKm: expected a length .*unknown unit or name "parsecs"/);
  });

  it('reports duplicate ids, self-loops, unknown fields with a suggestion, and bad services together', async () => {
    const errors = await errorsOf(`${HEADER}  - { id: a, kind: site }
links:
  - { id: aa, from: a, to: a, medium: fibre, availabilty: 0.9 }
services:
  - { id: s, kind: reach, from: [a], to: [b], k: 2 }
  - { id: t, kind: teleport, endpoints: [a, b] }
`);
    expect(errors.join('\n')).toContain('nodes[2].id: duplicate id "a" (first used at nodes[0])');
    expect(errors.join('\n')).toContain('links[0].availabilty: unknown field "availabilty" (did you mean "availability"?)');
    expect(errors.join('\n')).toContain('services[0].k: k must be at most the number of "to" endpoints (1), got 2');
    expect(errors.join('\n')).toContain('services[1].kind: expected a service with kind connected, reach, capacity, latency, protected or traffic, got "teleport"');
  });

  it('locates YAML syntax errors', async () => {
    const outcome = await validate('format: neverout-topology/1\nnodes: [a, b\n');
    if (outcome.kind !== 'syntax') throw new Error('expected a syntax error');
    expect(formatDiagnostic(outcome.diagnostics[0])).toMatch(/^test\.yaml:\d+:\d+: invalid YAML\/JSON/);
  });

  it('accepts JSON with positions', async () => {
    const text = JSON.stringify({ format: 'neverout-topology/1', name: 'j', nodes: [{ id: 'a', kind: 'x', availability: 2 }], links: [] }, null, 2);
    const errors = await errorsOf(text);
    expect(errors).toEqual(['test.yaml:8:23 nodes[0].availability: expected a number in [0, 1], got 2']);
  });

  it('selects risk-group members by attribute and by geography, and converts rates to probabilities', async () => {
    const outcome = await validate(`format: neverout-topology/1
name: t
nodes:
  - { id: denhaag, kind: site, lat: 52.08, lon: 4.31, attributes: { powerFeed: zh }, availability: 0.999 }
  - { id: rotterdam, kind: site, lat: 51.92, lon: 4.48, attributes: { powerFeed: zh }, availability: 0.999 }
  - { id: groningen, kind: site, lat: 53.22, lon: 6.57, attributes: { powerFeed: gr }, availability: 0.999 }
links:
  - { id: dh-rt, from: denhaag, to: rotterdam, medium: radio, availability: 0.999 }
  - { id: rt-gr, from: rotterdam, to: groningen, medium: radio, availability: 0.999 }
riskGroups:
  - { id: power-zh, select: { where: { powerFeed: zh } }, rate: 1 / year, duration: 8766 h }
  - { id: flood, select: { within: { lat: 52.0, lon: 4.4, radiusKm: 20 } }, probability: 0.001 }
`);
    if (outcome.kind !== 'ok') throw new Error(JSON.stringify(outcome));
    const [power, flood] = outcome.model.riskGroups;
    expect(power.members).toEqual(['denhaag', 'rotterdam']);
    expect(power.eventProbability).toBeCloseTo(0.5, 12);
    // A link is within when an end node is: rt-gr leaves the footprint but starts inside it.
    expect(flood.members).toEqual(['denhaag', 'rotterdam', 'dh-rt', 'rt-gr']);
  });

  it('reports a risk-group member named twice in one selector at its second occurrence', async () => {
    const text = `${HEADER}links:
  - { id: ab, from: a, to: b, medium: fibre, availability: 0.999 }
  - { id: ab2, from: a, to: b, medium: fibre, availability: 0.999 }
riskGroups:
  - { id: duct, select: { ids: [ab, ab2, ab] }, probability: 0.001 }
  - { id: both, select: [{ ids: [ab] }, { ids: [ab, ab2] }], probability: 0.001 }
`;
    expect(await errorsOf(text)).toEqual([
      'test.yaml:10:42 riskGroups[0].select.ids[2]: "ab" is named twice (first at riskGroups[0].select.ids[0])',
    ]);
  });

  it('words every schema mistake itself, never in the schema library\'s words', async () => {
    const errors = await errorsOf(`format: neverout-topology/1
name: t
$schema: 3
nodes:
  - { id: a, kind: site, availability: 0.999 }
  - { id: b, kind: site, availability: 0.999 }
links:
  - { id: ab, from: a, to: b, medium: fibre, availability: 0.999 }
riskGroups:
  - { id: g, select: { where: { duct: { name: a12 } } }, probability: 0.001 }
services:
  - { id: t, kind: traffic, demands: [3] }
`);
    expect(errors).toEqual([
      'test.yaml:3:10 $schema: expected a text (the path or URL of a JSON Schema), got 3',
      'test.yaml:10:39 riskGroups[0].select.where.duct: expected a text, number or true/false, or a list of them, got a mapping',
      'test.yaml:12:39 services[0].demands[0]: expected a demand { from, to, volume }, got 3',
    ]);
    expect(errors.join('\n')).not.toMatch(/Invalid input|received|Too small/);
  });

  it('warns (without failing) about isolated nodes and services that are down with nothing failed', async () => {
    const outcome = await validate(`${HEADER}  - { id: c, kind: site, availability: 0.9 }
links: []
services:
  - { id: s, kind: connected, endpoints: [a, b] }
`);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const messages = outcome.warnings.map((w) => w.message);
    expect(messages).toContain('node "c" has no links');
    expect(messages).toContain('service "s" is down even with nothing failed: its endpoints are not connected in the topology');
  });

  it('refuses what would apply to nothing: a link default for an unknown medium, a selector medium, one coordinate alone', async () => {
    const text = `format: neverout-topology/1
name: t
defaults:
  links: { plasma: { availability: 0.9 }, '*': { availability: 0.99 } }
nodes:
  - { id: a, kind: site, availability: 0.999, lat: 52 }
  - { id: b, kind: site, availability: 0.999, lon: 5 }
links:
  - { id: ab, from: a, to: b, medium: fibre }
riskGroups:
  - { id: g1, select: { medium: plasma }, probability: 0.01 }
  - { id: g2, select: [{ medium: [fibre, plasma] }, { kind: site, bogus: 1 }], probability: 0.01 }
`;
    expect(await errorsOf(text)).toEqual([
      'test.yaml:4:20 defaults.links.plasma: a medium (one of fibre, radio, satellite, leased) or * for every link; "plasma" applies to no link',
      'test.yaml:6:5 nodes[0].lon: a longitude: a node with lat needs both coordinates',
      'test.yaml:7:5 nodes[1].lat: a latitude: a node with lon needs both coordinates',
      'test.yaml:11:33 riskGroups[0].select.medium: expected a medium or a list of media (one of fibre, radio, satellite, leased), got "plasma"',
      'test.yaml:12:42 riskGroups[1].select[0].medium[1]: expected one of fibre, radio, satellite, leased, got "plasma"',
      'test.yaml:12:74 riskGroups[1].select[1].bogus: unknown field "bogus"',
    ]);
  });
});
