// Unit and property tests of importedGraphToTopologyDocument and serializeTopologyYaml.

import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  FALLBACK_LENGTH_KM,
  GENERIC_FAILURE_DEFAULTS,
  ImportOptionsError,
  MIN_LENGTH_KM,
  importedGraphToTopologyDocument,
  parseGml,
  serializeTopologyYaml,
  type AttributeValue,
  type ImportedGraph,
  type ImportedLink,
  type ImportedNode,
} from '../../../../scenarios/import/index.ts';
import { fastCheckSeed, readZooFile, readZooTable } from './import-test-support.ts';

const ZOO_TABLE = readZooTable();

function node(id: string, fields: Partial<ImportedNode> = {}): ImportedNode {
  return { id, label: null, kind: null, lat: null, lon: null, attributes: {}, line: 1, column: 1, ...fields };
}

function link(source: string, target: string, fields: Partial<ImportedLink> = {}): ImportedLink {
  return { id: null, source, target, medium: null, lengthKm: null, attributes: {}, line: 2, column: 3, ...fields };
}

function graphOf(nodes: ImportedNode[], links: ImportedLink[] = []): ImportedGraph {
  return { name: 'Test', format: 'gml', fileName: 'test.gml', linksFileName: 'test.gml', metadata: {}, nodes, links };
}

describe('importedGraphToTopologyDocument', () => {
  it('gives nodes readable unique ids, names, kinds and their source id', () => {
    const { document } = importedGraphToTopologyDocument(
      graphOf([
        node('0', { label: 'Den Haag', attributes: { Internal: 1 } }),
        node('1', { label: 'Den Haag' }),
        node('2', { label: 'Zürich (ZH)', attributes: { Internal: 0 } }),
        node('3', { label: null, attributes: { hyperedge: 1 } }),
        node('4', { label: 'Москва' }),
        node('mindef_denhaag', { label: 'Ministerie', kind: 'hq' }),
        node('n7', { label: '  ' }),
      ]),
    );
    expect(document.nodes.map((n) => [n.id, n.name, n.kind, n.attributes['sourceId']])).toEqual([
      ['den-haag', 'Den Haag', 'site', '0'],
      ['den-haag-2', 'Den Haag', 'site', '1'],
      ['zurich-zh', 'Zürich (ZH)', 'external', '2'],
      ['hyperedge-3', '3', 'hyperedge', '3'],
      ['node-4', 'Москва', 'site', '4'],
      ['mindef-denhaag', 'Ministerie', 'hq', 'mindef_denhaag'],
      ['node-n7', 'n7', 'site', 'n7'],
    ]);
    expect(document.nodes[0]?.attributes).toEqual({ sourceId: '0', Internal: 1 });
  });

  it('names links after their ends, numbers parallel links and keeps meaningful source ids', () => {
    const { document } = importedGraphToTopologyDocument(
      graphOf(
        [node('0', { label: 'A' }), node('1', { label: 'B' }), node('2', { label: 'B 2' })],
        [
          link('0', '1'),
          link('0', '1'),
          link('1', '0'),
          link('0', '2', { id: 'Duct A12' }),
          link('0', '2', { id: 'e5' }),
        ],
      ),
    );
    expect(document.links.map((l) => [l.id, l.from, l.to, l.attributes['sourceId']])).toEqual([
      ['a--b', 'a', 'b', undefined],
      ['a--b--2', 'a', 'b', undefined],
      ['b--a', 'b', 'a', undefined],
      ['duct-a12', 'a', 'b-2', 'Duct A12'],
      ['a--b-2', 'a', 'b-2', 'e5'],
    ]);
    expect(new Set([...document.nodes, ...document.links].map((element) => element.id)).size).toBe(8);
  });

  it('drops self-loops with a located warning', () => {
    const { document, warnings } = importedGraphToTopologyDocument(
      graphOf(
        [node('0', { lat: 0, lon: 0 }), node('1', { lat: 1, lon: 1 })],
        [link('0', '0', { line: 7, column: 2 }), link('0', '1')],
      ),
    );
    expect(document.links).toHaveLength(1);
    expect(warnings).toMatchObject([{ code: 'self-loop-dropped', file: 'test.gml', line: 7, column: 2 }]);
  });

  it('measures great-circle lengths with R = 6371.0088 km', () => {
    const { document } = importedGraphToTopologyDocument(
      graphOf(
        [
          node('0', { lat: 0, lon: 0 }),
          node('1', { lat: 0, lon: 1 }),
          node('2', { lat: 90, lon: 0 }),
          node('3', { lat: -90, lon: 0 }),
        ],
        [link('0', '1'), link('2', '3')],
      ),
    );
    // One degree of a great circle is R·π/180; pole to pole is R·π.
    expect(document.links.map((l) => l.lengthKm)).toEqual([111.195, 20015.114]);
    expect(document.links[0]?.attributes['lengthKmSource']).toBe('great-circle');
  });

  it('raises lengths below the minimum and uses the median length where coordinates are missing', () => {
    const { document, warnings } = importedGraphToTopologyDocument(
      graphOf(
        [node('a', { lat: 0, lon: 0 }), node('b', { lat: 0, lon: 0 }), node('c', { lat: 0, lon: 2 }), node('d')],
        [link('a', 'b'), link('a', 'c'), link('b', 'c'), link('c', 'd'), link('a', 'd', { lengthKm: 7 })],
      ),
    );
    expect(document.links.map((l) => [l.lengthKm, l.attributes['lengthKmSource']])).toEqual([
      [MIN_LENGTH_KM, 'great-circle'],
      [222.39, 'great-circle'],
      [222.39, 'great-circle'],
      [222.39, 'default'],
      [7, 'file'],
    ]);
    expect(warnings.map((warning) => warning.code)).toEqual(['minimum-length', 'default-length']);
  });

  it('falls back to a fixed default length, or the one given', () => {
    const graph = graphOf([node('a'), node('b')], [link('a', 'b')]);
    expect(importedGraphToTopologyDocument(graph).document.links[0]?.lengthKm).toBe(FALLBACK_LENGTH_KM);
    expect(importedGraphToTopologyDocument(graph, { defaultLengthKm: 3.5 }).document.links[0]?.lengthKm).toBe(3.5);
    expect(() => importedGraphToTopologyDocument(graph, { defaultLengthKm: 0 })).toThrow(ImportOptionsError);
  });

  it('writes the generic defaults (as a copy) and a default all-terminal service over sites', () => {
    const { document } = importedGraphToTopologyDocument(
      graphOf([
        node('0', { label: 'A' }),
        node('1', { label: 'X', attributes: { Internal: 0 } }),
        node('2', { label: 'B', kind: 'hq' }),
      ]),
    );
    expect(document).toMatchObject({ format: 'neverout-topology/1', name: 'Test', illustrative: false });
    expect(document.defaults).toEqual(GENERIC_FAILURE_DEFAULTS);
    expect(document.defaults).not.toBe(GENERIC_FAILURE_DEFAULTS);
    expect(document.services).toEqual([
      { id: 'all-terminal', name: 'All 2 sites connected', kind: 'connected', endpoints: ['a', 'b'] },
    ]);
  });

  it('creates the service given in options, naming nodes by id or source id', () => {
    const graph = graphOf([node('0', { label: 'A' }), node('1', { label: 'B' }), node('2', { label: 'C' })]);
    const connected = importedGraphToTopologyDocument(graph, {
      service: { kind: 'connected', endpoints: ['a', '2'], id: 'core', target: 0.999 },
    });
    expect(connected.document.services).toEqual([
      { id: 'core', name: 'Imported service', kind: 'connected', endpoints: ['a', 'c'], target: 0.999 },
    ]);
    const reach = importedGraphToTopologyDocument(graph, { service: { kind: 'reach', from: ['0'], to: ['b', 'c'] } });
    expect(reach.document.services).toEqual([
      { id: 'service', name: 'Imported service', kind: 'reach', from: ['a'], to: ['b', 'c'], k: 1 },
    ]);
  });

  it('rejects service options that name no node, list none or have a bad k', () => {
    const graph = graphOf([node('0', { label: 'A' })]);
    const unknown = () =>
      importedGraphToTopologyDocument(graph, { service: { kind: 'connected', endpoints: ['a', 'zz'] } });
    expect(unknown).toThrow(ImportOptionsError);
    expect(unknown).toThrow(/service\.endpoints\[1\]/);
    expect(() => importedGraphToTopologyDocument(graph, { service: { kind: 'reach', from: [], to: ['a'] } })).toThrow(
      ImportOptionsError,
    );
    expect(() =>
      importedGraphToTopologyDocument(graph, { service: { kind: 'reach', from: ['a'], to: ['a'], k: 0 } }),
    ).toThrow(ImportOptionsError);
  });

  it('creates no default service, with a warning, when every node is external or a hyperedge', () => {
    const { document, warnings } = importedGraphToTopologyDocument(
      graphOf([node('0', { attributes: { Internal: 0 } })]),
    );
    expect(document.services).toEqual([]);
    expect(warnings.map((warning) => warning.code)).toEqual(['no-service-endpoints']);
  });

  it.each(ZOO_TABLE)('converts $file with every node and link, unique ids and positive lengths', (row) => {
    const { graph } = parseGml(readZooFile(row.file), { fileName: row.file });
    const { document } = importedGraphToTopologyDocument(graph);
    expect(document.nodes).toHaveLength(row.nodes);
    expect(document.links).toHaveLength(row.edges);
    expect(document.nodes.filter((n) => n.lat !== undefined && n.lon !== undefined)).toHaveLength(row.withCoordinates);
    expect(document.nodes.filter((n) => n.kind === 'hyperedge')).toHaveLength(row.hyperedges);
    expect(document.nodes.filter((n) => n.kind === 'external')).toHaveLength(row.external);
    expect(document.services[0]?.kind === 'connected' && document.services[0].endpoints).toHaveLength(
      row.nodes - row.hyperedges - row.external,
    );
    const ids = [...document.nodes, ...document.links].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[a-z0-9]+(-{1,2}[a-z0-9]+)*$/.test(id))).toBe(true);
    expect(document.links.every((l) => l.lengthKm >= MIN_LENGTH_KM && Number.isFinite(l.lengthKm))).toBe(true);
  });
});

/** Arbitrary ImportedGraph with hostile strings and keys, including `__proto__`. */
const attributeValueArbitrary: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('true', '1e5', 'null', '~', '- x', ' padded ', '#', '0x1F', 'yes'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);
const attributesArbitrary = fc
  .array(
    fc.tuple(
      fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'constructor', 'sourceId')),
      attributeValueArbitrary,
    ),
    {
      maxLength: 5,
    },
  )
  .map((entries) => {
    const record: Record<string, AttributeValue> = {};
    for (const [key, value] of entries)
      Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    return record;
  });
const graphArbitrary: fc.Arbitrary<ImportedGraph> = fc
  .uniqueArray(fc.string({ unit: 'binary', minLength: 1 }), { minLength: 1, maxLength: 12 })
  .chain((ids) =>
    fc.record({
      nodes: fc.tuple(
        ...ids.map((id) =>
          fc
            .record({
              label: fc.option(fc.string({ unit: 'binary' })),
              kind: fc.option(fc.constantFrom('core', 'hq', 'site', 'external', ' ')),
              coordinates: fc.option(
                fc.tuple(
                  fc.double({ min: -90, max: 90, noNaN: true }),
                  fc.double({ min: -180, max: 180, noNaN: true }),
                ),
              ),
              attributes: attributesArbitrary,
            })
            .map(({ label, kind, coordinates, attributes }) =>
              node(id, { label, kind, lat: coordinates?.[0] ?? null, lon: coordinates?.[1] ?? null, attributes }),
            ),
        ),
      ),
      links: fc.array(
        fc
          .record({
            source: fc.constantFrom(...ids),
            target: fc.constantFrom(...ids),
            id: fc.option(fc.string({ unit: 'binary' })),
            lengthKm: fc.option(fc.double({ min: 0.001, max: 1e6, noNaN: true })),
            attributes: attributesArbitrary,
          })
          .map((fields) => link(fields.source, fields.target, fields)),
        { maxLength: 20 },
      ),
    }),
  )
  .map(({ nodes, links }) => graphOf(nodes, links));

describe('serializeTopologyYaml', () => {
  it.each(ZOO_TABLE)('round-trips $file through YAML', (row) => {
    const { graph } = parseGml(readZooFile(row.file), { fileName: row.file });
    const { document } = importedGraphToTopologyDocument(graph);
    const yaml = serializeTopologyYaml(document);
    expect(parseYaml(yaml)).toStrictEqual(document);
  });

  it('writes keys in a fixed order, without anchors or folded lines', () => {
    const { document } = importedGraphToTopologyDocument(
      graphOf([node('0', { label: 'A', lat: 1, lon: 2 }), node('1', { label: 'B '.repeat(80) })], [link('0', '1')]),
    );
    const yaml = serializeTopologyYaml(document);
    const topKeys = yaml
      .split('\n')
      .filter((line) => /^[a-z]+:/.test(line))
      .map((line) => line.split(':')[0]);
    expect(topKeys).toEqual([
      'format',
      'name',
      'description',
      'illustrative',
      'defaults',
      'nodes',
      'links',
      'services',
    ]);
    expect(yaml).toMatch(/- id: a\n {4}name: A\n {4}kind: site\n {4}lat: 1\n {4}lon: 2\n {4}attributes:/);
    expect(yaml).not.toMatch(/[&*]a\d/);
    expect(
      yaml
        .split('\n')
        .some((line) => line.includes('B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B B')),
    ).toBe(true);
    expect(yaml.startsWith('# Generated by neverout import.')).toBe(true);
  });

  it('round-trips any converted graph (property)', () => {
    fc.assert(
      fc.property(graphArbitrary, (graph) => {
        const { document } = importedGraphToTopologyDocument(graph);
        expect(parseYaml(serializeTopologyYaml(document))).toStrictEqual(document);
      }),
      { seed: fastCheckSeed('serializeTopologyYaml round trip'), numRuns: 200 },
    );
  });
});
