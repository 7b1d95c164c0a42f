// Unit tests of parseGml: the Topology Zoo fixtures, each dialect quirk, and located errors.

import { describe, expect, it } from 'vitest';
import { MAX_GML_DEPTH, parseGml } from '../../../../scenarios/import/index.ts';
import { catchImportError, readZooFile, readZooTable } from './import-test-support.ts';

const ZOO_TABLE = readZooTable();

function parse(text: string) {
  return parseGml(text, { fileName: 'test.gml' });
}

describe('parseGml', () => {
  it('finds the ten README rows', () => {
    expect(ZOO_TABLE).toHaveLength(10);
  });

  it.each(ZOO_TABLE)('reads $file with the README counts', (row) => {
    const { graph } = parseGml(readZooFile(row.file), { fileName: row.file });
    expect(graph.nodes).toHaveLength(row.nodes);
    expect(graph.links).toHaveLength(row.edges);
    expect(graph.nodes.filter((node) => node.lat !== null && node.lon !== null)).toHaveLength(row.withCoordinates);
    expect(graph.nodes.filter((node) => node.attributes['hyperedge'] === 1)).toHaveLength(row.hyperedges);
    expect(graph.nodes.filter((node) => node.attributes['Internal'] === 0)).toHaveLength(row.external);
    expect(graph.name).toBe(row.network);
    expect(graph.format).toBe('gml');
  });

  it.each(ZOO_TABLE)('keeps the $duplicates parallel edges of $file', (row) => {
    const { graph } = parseGml(readZooFile(row.file), { fileName: row.file });
    const seen = new Set<string>();
    let duplicates = 0;
    for (const link of graph.links) {
      const key = [link.source, link.target].sort().join(' ');
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
    expect(duplicates).toBe(row.duplicates);
  });

  it('gives Cogentco hyperedge nodes no label (the Zoo writes "None")', () => {
    const { graph } = parseGml(readZooFile('Cogentco.gml'));
    const hyperedges = graph.nodes.filter((node) => node.attributes['hyperedge'] === 1);
    expect(hyperedges).toHaveLength(11);
    expect(hyperedges.every((node) => node.label === null && node.lat === null)).toBe(true);
  });

  it('keys nodes by id even when labels repeat', () => {
    const { graph } = parseGml(readZooFile('Garr201201.gml'));
    expect(graph.nodes.filter((node) => node.label === 'GEANT')).toHaveLength(2);
    expect(new Set(graph.nodes.map((node) => node.id)).size).toBe(graph.nodes.length);
  });

  it('keeps graph-level metadata and mixed-type edge attributes', () => {
    const { graph } = parseGml(readZooFile('Garr201201.gml'));
    expect(graph.metadata).toMatchObject({
      Network: 'GARR',
      GeoLocation: 'Italy',
      NetworkDate: '2011_11',
      Backbone: 1,
    });
    const withSpeed = graph.links.find((link) => link.attributes['LinkSpeedRaw'] !== undefined);
    expect(withSpeed?.attributes).toMatchObject({ LinkSpeed: '10', LinkSpeedUnits: 'G', LinkSpeedRaw: 10000000000 });
    expect(graph.links.some((link) => link.attributes['id'] === 'e25')).toBe(true);
  });

  it('records the line and column of nodes and links', () => {
    const { graph } = parseGml(readZooFile('Abilene.gml'));
    const first = graph.nodes[0];
    expect(first).toMatchObject({ line: 30, column: 3, id: '0' });
    expect(graph.links[0]?.line).toBeGreaterThan(first?.line ?? 0);
  });

  it('flattens nested lists into dotted keys and reads string ids', () => {
    const { graph } = parse(`graph [
      node [ id "ams" label "Amsterdam" graphics [ x 1.5 y -2 fill "#ff0000" ] ]
      node [ id "utr" ]
      edge [ source "ams" target "utr" style [ width 2 ] ]
    ]`);
    expect(graph.nodes[0]?.attributes).toEqual({ 'graphics.x': 1.5, 'graphics.y': -2, 'graphics.fill': '#ff0000' });
    expect(graph.links[0]).toMatchObject({ source: 'ams', target: 'utr', attributes: { 'style.width': 2 } });
  });

  it('decodes \\" \\\\ and HTML character references in strings, and strings spanning lines', () => {
    const { graph } = parse(
      'graph [ node [ id 1 label "Caf&eacute; \\"Zuid\\" &amp; &#x4E2D;&#26085; \\\\ &bogus; &#xD800;" note "two\nlines" ] ]',
    );
    expect(graph.nodes[0]?.label).toBe('Café "Zuid" & 中日 \\ &bogus; &#xD800;');
    expect(graph.nodes[0]?.attributes['note']).toBe('two\nlines');
  });

  it('canonicalises integer ids so 007, +7 and 7 are one node', () => {
    const { graph } = parse('graph [ node [ id 007 ] node [ id -0 ] edge [ source +7 target 0 ] ]');
    expect(graph.nodes.map((node) => node.id)).toEqual(['7', '0']);
    expect(graph.links[0]).toMatchObject({ source: '7', target: '0' });
  });

  it('skips # comments and accepts CRLF line ends with correct lines', () => {
    const { graph } = parse(
      '# a comment\r\ngraph [\r\n  node [ id 1 ]\r\n  # [ not a list\r\n  node [ id 2 ]\r\n]\r\n',
    );
    expect(graph.nodes.map((node) => node.line)).toEqual([3, 5]);
  });

  it('warns about repeated keys and keeps the first value', () => {
    const { graph, warnings } = parse('graph [ node [ id 1 label "a" label "b" Country "NL" Country "BE" ] ]');
    expect(graph.nodes[0]).toMatchObject({ label: 'a', attributes: { Country: 'NL' } });
    expect(warnings.map((warning) => warning.code)).toEqual(['repeated-key', 'repeated-key']);
  });

  it('drops a lone coordinate with a warning', () => {
    const { graph, warnings } = parse('graph [ node [ id 1 Latitude 52 ] ]');
    expect(graph.nodes[0]).toMatchObject({ lat: null, lon: null });
    expect(warnings[0]?.code).toBe('half-coordinates');
  });

  it('warns that a directed graph is read as undirected', () => {
    const { warnings } = parse('graph [ directed 1 node [ id 1 ] ]');
    expect(warnings[0]?.code).toBe('directed-edges');
  });

  it('keeps an attribute named __proto__ as an own property', () => {
    const { graph } = parse('graph [ node [ id 1 __proto__ "x" ] ]');
    const attributes = graph.nodes[0]?.attributes ?? {};
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.keys(attributes)).toEqual(['__proto__']);
  });

  it('reports a truncated block at the end of file, naming where it opened', () => {
    const error = catchImportError(() => parse('graph [\n  node [\n    id 1\n'));
    expect(error).toMatchObject({ file: 'test.gml', line: 4, column: 1, received: 'end of file' });
    expect(error.expected).toContain('2:3');
    expect(error.message).toBe("test.gml:4:1: expected ']' to close node (opened at 2:3), got end of file");
  });

  it.each([
    ['an unknown edge end', 'graph [ node [ id 1 ] edge [ source 1 target 2 ] ]', 1, 46],
    ['a duplicate id', 'graph [\nnode [ id 1 ]\nnode [ id 1 ] ]', 3, 11],
    ['a list as id', 'graph [ node [ id [ a 1 ] ] ]', 1, 19],
    ['an edge without target', 'graph [ node [ id 1 ]\n edge [ source 1 ] ]', 2, 2],
    ['a longitude out of range', 'graph [ node [ id 1 Longitude -180.5 Latitude 0 ] ]', 1, 31],
    ['a key without value', 'graph [ node [ id ] ]', 1, 19],
    ['a number glued to text', 'graph [ node [ id 12ab ] ]', 1, 21],
    ['a stray character', 'graph [ node @ ]', 1, 14],
    ['a second graph', 'graph [ node [ id 1 ] ]\ngraph [ ]', 2, 1],
    ['graph that is not a list', 'graph 1', 1, 7],
    ['an empty graph', '\n\ngraph [ ]', 3, 1],
    ['only whitespace', '  \n ', 1, 1],
  ])('rejects %s with its position', (_, text, line, column) => {
    expect(catchImportError(() => parse(text))).toMatchObject({ line, column });
  });

  it(`rejects lists nested deeper than ${MAX_GML_DEPTH} without recursion`, () => {
    const depth = 100_000;
    const text = `graph [ ${'a [ '.repeat(depth)}${'] '.repeat(depth + 1)}`;
    const error = catchImportError(() => parse(text));
    expect(error.line).toBe(1);
  });

  it('reads a 10 MB string value in linear time', () => {
    const started = performance.now();
    const { graph } = parse(`graph [ node [ id 1 label "${'x'.repeat(10_000_000)}" ] ]`);
    expect(graph.nodes[0]?.label).toHaveLength(10_000_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('rejects a 10 MB key-like line quickly with a short message', () => {
    const error = catchImportError(() => parse(`graph [ node [ id 1 ${'k'.repeat(10_000_000)} ] ]`));
    expect(error.message.length).toBeLessThan(300);
  });
});
