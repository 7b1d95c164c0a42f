// Unit tests of the importer entry points: detectFormat and importTopology on the Topology Zoo and small inputs.

import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  ImportError,
  ImportOptionsError,
  detectFormat,
  importTopology,
  serializeTopologyYaml,
} from '../../../../scenarios/import/index.ts';
import { catchImportError, listZooFiles, readZooFile, readZooTable } from './import-test-support.ts';

const ZOO_TABLE = readZooTable();

describe('detectFormat', () => {
  it.each([
    ['net.GML', 'x', 'gml'],
    ['dir.v2/net.graphml', '', 'graphml'],
    ['net.xml', '', 'graphml'],
    ['sites.CSV', '', 'csv'],
    ['stdin', '\uFEFF  <?xml version="1.0"?><graphml/>', 'graphml'],
    ['stdin', '# comment\nCreator "x"\ngraph [\n', 'gml'],
    ['stdin', 'id,name,lat,lon\n', 'csv'],
  ])('detects %s (%j) as %s', (path, text, format) => {
    expect(detectFormat(path, text)).toBe(format);
  });

  it.each([
    ['stdin', ''],
    ['notes.txt', 'hello world'],
  ])('throws ImportError at 1:1 when %s (%j) tells nothing', (path, text) => {
    expect(catchImportError(() => detectFormat(path, text))).toMatchObject({ file: path, line: 1, column: 1 });
  });
});

describe('importTopology', () => {
  it('covers every GML file of the fixture folder in the README table', () => {
    expect(listZooFiles()).toEqual(ZOO_TABLE.map((row) => row.file).sort());
  });

  it.each(ZOO_TABLE)('imports $file with the README node, edge and coordinate counts', (row) => {
    const { document, warnings } = importTopology(readZooFile(row.file), { fileName: row.file });
    expect(document.nodes).toHaveLength(row.nodes);
    expect(document.links).toHaveLength(row.edges);
    expect(document.nodes.filter((node) => node.lat !== undefined)).toHaveLength(row.withCoordinates);
    expect(warnings.every((warning) => warning.file === row.file)).toBe(true);
    expect(parseYaml(serializeTopologyYaml(document))).toStrictEqual(document);
  });

  it('accepts bytes with a UTF-8 byte order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFFgraph [ node [ id 1 label "Zürich" ] ]');
    const { document } = importTopology(bytes, { fileName: 'z.gml' });
    expect(document.nodes[0]).toMatchObject({ id: 'zurich', name: 'Zürich' });
  });

  it('imports a CSV pair and passes convert options through', () => {
    const { document } = importTopology('id,name,lat,lon\na,A,52,4\nb,B,52,5\n', {
      fileName: 'nodes.csv',
      linksCsv: { text: 'from,to\na,b\n', fileName: 'links.csv' },
      name: 'Pair',
      illustrative: true,
      service: { kind: 'connected', endpoints: ['a', 'b'], id: 'ab' },
    });
    expect(document).toMatchObject({
      name: 'Pair',
      illustrative: true,
      services: [{ id: 'ab', endpoints: ['a', 'b'] }],
    });
    expect(document.links[0]?.lengthKm).toBeCloseTo(68.4, 0);
  });

  it('imports GraphML when told the format', () => {
    const { document } = importTopology('<graphml><graph><node id="a"/></graph></graphml>', {
      fileName: 'x.txt',
      format: 'graphml',
    });
    expect(document.nodes.map((node) => node.id)).toEqual(['a']);
  });

  it('rejects linksCsv with another format', () => {
    expect(() =>
      importTopology('graph [ node [ id 1 ] ]', {
        fileName: 'a.gml',
        linksCsv: { text: 'from,to\n', fileName: 'l.csv' },
      }),
    ).toThrow(ImportOptionsError);
  });

  it('reports errors as ImportError with the file name and position in the message', () => {
    const truncated = readZooFile('Surfnet.gml').split('\n').slice(0, 40).join('\n');
    const error = catchImportError(() => importTopology(truncated, { fileName: 'Surfnet.gml' }));
    expect(error).toBeInstanceOf(ImportError);
    expect(error.name).toBe('ImportError');
    expect(error.message).toMatch(
      /^Surfnet\.gml:40:\d+: expected '\]' to close node \(opened at \d+:3\), got end of file$/,
    );
  });
});
