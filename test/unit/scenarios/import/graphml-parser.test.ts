// Unit tests of parseGraphml on small hand-written documents: keys, defaults, yEd conventions, located errors.

import { describe, expect, it } from 'vitest';
import { MAX_GRAPHML_DEPTH, parseGraphml } from '../../../../scenarios/import/index.ts';
import { catchImportError } from './import-test-support.ts';

/** A yEd-style export: typed keys with defaults, a graph-level name, yEd labels and geometry. */
const YED_DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="d0" for="node" attr.name="Latitude" attr.type="double"/>
  <key id="d1" for="node" attr.name="Longitude" attr.type="double"/>
  <key id="d2" for="node" attr.name="Country" attr.type="string"><default>Netherlands</default></key>
  <key id="d3" for="node" attr.name="Internal" attr.type="int"/>
  <key id="d4" for="node" yfiles.type="nodegraphics"/>
  <key id="d5" for="edge" attr.name="LinkSpeedRaw" attr.type="double"/>
  <key id="d6" for="graph" attr.name="Network" attr.type="string"/>
  <key id="d7" for="all" attr.name="verified" attr.type="boolean"><default>false</default></key>
  <graph id="G" edgedefault="undirected">
    <data key="d6">Test backbone</data>
    <node id="n0">
      <data key="d0">52.3702</data>
      <data key="d1">4.8952</data>
      <data key="d4"><y:ShapeNode><y:Geometry x="10" y="20"/><y:NodeLabel>Amsterdam</y:NodeLabel></y:ShapeNode></data>
    </node>
    <node id="n1">
      <data key="d0">52.0907</data><data key="d1">5.1214</data><data key="d2">NL &amp; BE</data>
      <data key="d3">0</data><data key="d7">true</data>
      <data key="d4"><y:ShapeNode><y:NodeLabel><![CDATA[Utrecht <CS>]]></y:NodeLabel></y:ShapeNode></data>
    </node>
    <edge id="e0" source="n0" target="n1"><data key="d5">1e10</data></edge>
    <edge id="e1" source="n1" target="n0"/>
  </graph>
</graphml>`;

function parse(text: string) {
  return parseGraphml(text, { fileName: 'test.graphml' });
}

describe('parseGraphml', () => {
  it('reads nodes, edges, typed data, defaults and yEd labels', () => {
    const { graph, warnings } = parse(YED_DOCUMENT);
    expect(warnings).toEqual([]);
    expect(graph).toMatchObject({
      name: 'Test backbone',
      format: 'graphml',
      metadata: { Network: 'Test backbone', verified: false },
    });
    expect(graph.nodes).toEqual([
      {
        id: 'n0',
        label: 'Amsterdam',
        kind: null,
        lat: 52.3702,
        lon: 4.8952,
        attributes: { Country: 'Netherlands', verified: false },
        line: 13,
        column: 5,
      },
      {
        id: 'n1',
        label: 'Utrecht <CS>',
        kind: null,
        lat: 52.0907,
        lon: 5.1214,
        attributes: { Country: 'NL & BE', Internal: 0, verified: true },
        line: 18,
        column: 5,
      },
    ]);
    expect(graph.links).toEqual([
      {
        id: 'e0',
        source: 'n0',
        target: 'n1',
        medium: null,
        lengthKm: null,
        attributes: { LinkSpeedRaw: 1e10, verified: false },
        line: 23,
        column: 5,
      },
      {
        id: 'e1',
        source: 'n1',
        target: 'n0',
        medium: null,
        lengthKm: null,
        attributes: { verified: false },
        line: 24,
        column: 5,
      },
    ]);
  });

  it('uses label, kind, lengthKm and medium keys, and x/y only without latitude/longitude keys', () => {
    const { graph } = parse(`<graphml>
      <key id="k" for="node" attr.name="kind"/><key id="l" for="node" attr.name="label"/>
      <key id="x" for="node" attr.name="x" attr.type="double"/><key id="y" for="node" attr.name="y" attr.type="double"/>
      <key id="len" for="edge" attr.name="lengthKm" attr.type="double"/><key id="m" for="edge" attr.name="Medium"/>
      <graph edgedefault="undirected">
        <node id="a"><data key="k">core</data><data key="l">A</data><data key="x">4.9</data><data key="y">52.4</data></node>
        <node id="b"/>
        <edge source="a" target="b"><data key="len">12.5</data><data key="m">radio</data></edge>
      </graph></graphml>`);
    expect(graph.nodes[0]).toMatchObject({ id: 'a', label: 'A', kind: 'core', lat: 52.4, lon: 4.9, attributes: {} });
    expect(graph.name).toBe('test');
    expect(graph.links[0]).toMatchObject({ id: null, lengthKm: 12.5, medium: 'radio' });
  });

  it('keeps drawing x/y as attributes when real coordinates exist', () => {
    const { graph } = parse(`<graphml>
      <key id="lat" for="node" attr.name="lat" attr.type="double"/><key id="lon" for="node" attr.name="lon" attr.type="double"/>
      <key id="x" for="node" attr.name="x" attr.type="double"/>
      <graph><node id="a"><data key="lat">1</data><data key="lon">2</data><data key="x">300</data></node></graph></graphml>`);
    expect(graph.nodes[0]).toMatchObject({ lat: 1, lon: 2, attributes: { x: 300 } });
  });

  it('keeps x/y as attributes, and drops a lone latitude with a warning, when a node has only a latitude', () => {
    const { graph, warnings } = parse(`<graphml>
      <key id="lat" for="node" attr.name="Latitude" attr.type="double"/>
      <key id="x" for="node" attr.name="x" attr.type="double"/><key id="y" for="node" attr.name="y" attr.type="double"/>
      <graph><node id="a"><data key="lat">1</data><data key="x">300</data><data key="y">7</data></node></graph></graphml>`);
    expect(graph.nodes[0]).toMatchObject({ lat: null, lon: null, attributes: { x: 300, y: 7 } });
    expect(warnings.map((warning) => warning.code)).toEqual(['half-coordinates']);
  });

  it('warns once about directed edges, undeclared keys and unsupported elements', () => {
    const { graph, warnings } = parse(`<graphml><graph edgedefault="directed">
      <node id="a"><data key="nokey">v</data><port name="p"/></node><node id="b"/>
      <edge source="a" target="b" directed="true"/><hyperedge><endpoint node="a"/></hyperedge>
    </graph></graphml>`);
    expect(warnings.map((warning) => warning.code)).toEqual([
      'directed-edges',
      'undeclared-key',
      'unsupported-element',
      'unsupported-element',
      'unsupported-element',
    ]);
    expect(graph.nodes[0]?.attributes).toEqual({ nokey: 'v' });
    expect(warnings[0]).toMatchObject({ file: 'test.graphml', line: 1, column: 10 });
  });

  it.each([
    [
      'a value that does not match its type',
      '<key id="i" for="node" attr.name="n" attr.type="int"/>',
      '<node id="a"><data key="i">1.5</data></node>',
      4,
      23,
    ],
    [
      'a NaN latitude',
      '<key id="la" for="node" attr.name="Latitude" attr.type="double"/>',
      '<node id="a"><data key="la">NaN</data></node>',
      4,
      23,
    ],
    [
      'a latitude out of range',
      '<key id="la" for="node" attr.name="lat"/>',
      '<node id="a"><data key="la"> -91 </data></node>',
      4,
      23,
    ],
    ['a bad boolean default', '<key id="b" attr.name="ok" attr.type="boolean"><default>yes</default></key>', '', 2, 54],
    ['an unknown key type', '<key id="b" attr.type="date"/>', '', 2, 7],
    ['a node without id', '', '<node/>', 4, 10],
    ['an edge without source', '', '<node id="a"/><edge target="a"/>', 4, 24],
    ['an edge to an unknown node', '', '<node id="a"/>\n<edge source="a" target="b"/>', 5, 1],
    ['a duplicate node id', '', '<node id="a"/><node id="a"/>', 4, 24],
    ['a nested graph', '', '<node id="a"><graph/></node>', 4, 23],
    [
      'a non-positive lengthKm',
      '<key id="l" for="edge" attr.name="lengthKm" attr.type="double"/>',
      '<node id="a"/><edge source="a" target="a"><data key="l">0</data></edge>',
      4,
      52,
    ],
  ])('rejects %s with its position', (_, keys, body, line, column) => {
    const text = `<graphml>\n      ${keys}\n  <graph>\n         ${body}</graph>\n</graphml>`;
    expect(catchImportError(() => parse(text))).toMatchObject({ file: 'test.graphml', line, column });
  });

  it.each([
    ['mismatched tags', '<graphml>\n<graph>\n<node id="a"></edge>\n</graph></graphml>', 3],
    ['a truncated document', '<graphml>\n<graph>\n<node id="a"', 3],
    ['an undefined entity', '<graphml>\n<graph><node id="&nbsp;"/></graph></graphml>', 2],
    ['a second root', '<graphml><graph><node id="a"/></graph></graphml>\n<graphml/>', 2],
    ['a wrong root', '\n\n<svg/>', 3],
    ['no graph', '<graphml>\n</graphml>', 2],
    ['two graphs', '<graphml><graph><node id="a"/></graph>\n<graph/></graphml>', 2],
    ['an empty graph', '<graphml>\n<graph/></graphml>', 2],
    ['an empty file', '', 1],
  ])('rejects %s', (_, text, line) => {
    expect(catchImportError(() => parse(text)).line).toBe(line);
  });

  it(`rejects elements nested deeper than ${MAX_GRAPHML_DEPTH} without recursion`, () => {
    const depth = 100_000;
    const text = `<graphml><graph><node id="a"><data key="d">${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</data></node></graph></graphml>`;
    expect(catchImportError(() => parse(text)).line).toBe(1);
  });

  it('reads a 10 MB text value', () => {
    const { graph } = parse(
      `<graphml><key id="n" attr.name="note"/><graph><node id="a"><data key="n">${'x'.repeat(10_000_000)}</data></node></graph></graphml>`,
    );
    expect(String(graph.nodes[0]?.attributes['note'])).toHaveLength(10_000_000);
  });
});
