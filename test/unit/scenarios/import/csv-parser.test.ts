// Unit tests of the CSV importer: RFC 4180 records with positions, and nodes/links tables with located errors.

import { describe, expect, it } from 'vitest';
import { parseCsvRecords, parseCsvTopology } from '../../../../scenarios/import/index.ts';
import { catchImportError } from './import-test-support.ts';

const NODES_CSV = [
  'ID,Name,KIND,Lat,LON,owner,note',
  'dh,Den Haag,hq,52.0787,4.3166,defence,"Plein 4, ""Den Haag"""',
  'utr,"Utrecht',
  'centraal",core,52.0845,5.1535,,',
  'rmd,Rotterdam,,,,carrier-x,',
].join('\r\n');

const LINKS_CSV = 'id,from,to,medium,lengthKm,Route\ndh-utr,dh,utr,fibre,62,A12\n,utr,rmd,radio,,\n';

describe('parseCsvRecords', () => {
  it('splits fields and records with positions, quotes, doubled quotes and embedded line breaks', () => {
    const records = parseCsvRecords('a,"b,c",""\n"x\ny","say ""hi""",\r\n\n', 't.csv');
    expect(records.map((record) => record.cells.map((cell) => cell.text))).toEqual([
      ['a', 'b,c', ''],
      ['x\ny', 'say "hi"', ''],
    ]);
    expect(records[1]?.cells[1]?.position).toEqual({ line: 3, column: 4 });
    expect(records[1]?.position).toEqual({ line: 2, column: 1 });
  });

  it.each([
    ['an unclosed quote', 'a,b\n1,"2\n', 3, 1],
    ['text after a closing quote', 'a,b\n1,"2"x\n', 2, 6],
    ['a quote inside an unquoted field', 'a,b\n1,2"\n', 2, 4],
  ])('rejects %s with its position', (_, text, line, column) => {
    expect(catchImportError(() => parseCsvRecords(text, 't.csv'))).toMatchObject({ file: 't.csv', line, column });
  });
});

describe('parseCsvTopology', () => {
  it('reads nodes and links tables with case-insensitive headers and extra columns as attributes', () => {
    const { graph, warnings } = parseCsvTopology([
      { text: NODES_CSV, fileName: 'nodes.csv' },
      { text: LINKS_CSV, fileName: 'links.csv' },
    ]);
    expect(warnings).toEqual([]);
    expect(graph).toMatchObject({ name: 'nodes', format: 'csv', fileName: 'nodes.csv', linksFileName: 'links.csv' });
    expect(graph.nodes).toEqual([
      {
        id: 'dh',
        label: 'Den Haag',
        kind: 'hq',
        lat: 52.0787,
        lon: 4.3166,
        attributes: { owner: 'defence', note: 'Plein 4, "Den Haag"' },
        line: 2,
        column: 1,
      },
      {
        id: 'utr',
        label: 'Utrecht\r\ncentraal',
        kind: 'core',
        lat: 52.0845,
        lon: 5.1535,
        attributes: {},
        line: 3,
        column: 1,
      },
      {
        id: 'rmd',
        label: 'Rotterdam',
        kind: null,
        lat: null,
        lon: null,
        attributes: { owner: 'carrier-x' },
        line: 5,
        column: 1,
      },
    ]);
    expect(graph.links).toEqual([
      {
        id: 'dh-utr',
        source: 'dh',
        target: 'utr',
        medium: 'fibre',
        lengthKm: 62,
        attributes: { Route: 'A12' },
        line: 2,
        column: 1,
      },
      { id: null, source: 'utr', target: 'rmd', medium: 'radio', lengthKm: null, attributes: {}, line: 3, column: 1 },
    ]);
  });

  it('accepts the tables in either order', () => {
    const forward = parseCsvTopology([
      { text: NODES_CSV, fileName: 'nodes.csv' },
      { text: LINKS_CSV, fileName: 'links.csv' },
    ]);
    const reversed = parseCsvTopology([
      { text: LINKS_CSV, fileName: 'links.csv' },
      { text: NODES_CSV, fileName: 'nodes.csv' },
    ]);
    expect(reversed.graph).toEqual(forward.graph);
  });

  it('creates nodes from link ends when only a links table is given', () => {
    const { graph, warnings } = parseCsvTopology([{ text: 'from,to\na,b\nb,c\n', fileName: 'links.csv' }]);
    expect(graph.nodes.map((node) => [node.id, node.line, node.column])).toEqual([
      ['a', 2, 1],
      ['b', 2, 3],
      ['c', 3, 3],
    ]);
    expect(warnings.map((warning) => warning.code)).toEqual(['inferred-nodes']);
  });

  it('drops a lone coordinate with a warning', () => {
    const { graph, warnings } = parseCsvTopology([{ text: 'id,lat,lon\na,52,\n', fileName: 'n.csv' }]);
    expect(graph.nodes[0]).toMatchObject({ lat: null, lon: null });
    expect(warnings.map((warning) => warning.code)).toEqual(['half-coordinates']);
  });

  it.each([
    ['a wrong field count', 'id,name\na,A\nb\n', null, 'nodes.csv', 3, 1],
    ['a missing id', 'id,name\n ,A\n', null, 'nodes.csv', 2, 1],
    ['a non-numeric latitude', 'id,lat,lon\na,north,4\n', null, 'nodes.csv', 2, 3],
    ['a huge number', 'id,lat,lon\na,52,1e999\n', null, 'nodes.csv', 2, 6],
    ['a latitude out of range', 'id,lat,lon\na,-90.01,4\n', null, 'nodes.csv', 2, 3],
    ['a duplicate node id', 'id\na\nb\na\n', null, 'nodes.csv', 4, 1],
    ['a repeated column', 'id,Name,name\na,b,c\n', null, 'nodes.csv', 1, 9],
    ['a table of neither kind', 'name,lat\na,1\n', null, 'nodes.csv', 1, 1],
    ['an empty file', '', null, 'nodes.csv', 1, 1],
    ['a header without rows', 'id,name\n', null, 'nodes.csv', 1, 1],
    ['a link to an unknown node', 'id\na\nb\n', 'from,to\na,b\nb,zz\n', 'links.csv', 3, 3],
    ['a link without an end', 'id\na\n', 'from,to\na,\n', 'links.csv', 2, 3],
    ['a non-positive length', 'id\na\nb\n', 'from,to,lengthKm\na,b,0\n', 'links.csv', 2, 5],
    ['a duplicate link id', 'id\na\nb\nc\n', 'id,from,to\nab,a,b\nab,b,c\n', 'links.csv', 3, 1],
    ['two nodes tables', 'id\na\n', 'id\nb\n', 'links.csv', 1, 1],
  ])('rejects %s with its position', (_, nodes, links, file, line, column) => {
    const tables = [{ text: nodes, fileName: 'nodes.csv' }];
    if (links !== null) tables.push({ text: links, fileName: 'links.csv' });
    expect(catchImportError(() => parseCsvTopology(tables))).toMatchObject({ file, line, column });
  });

  it('quotes an overflowing number as written', () => {
    const error = catchImportError(() => parseCsvTopology([{ text: 'id,lat,lon\na,52,1e999\n', fileName: 'n.csv' }]));
    expect(error.received).toBe('number 1e999');
  });

  it('reads a 10 MB field', () => {
    const { graph } = parseCsvTopology([{ text: `id,note\na,"${'x'.repeat(10_000_000)}"\n`, fileName: 'n.csv' }]);
    expect(String(graph.nodes[0]?.attributes['note'])).toHaveLength(10_000_000);
  });
});
