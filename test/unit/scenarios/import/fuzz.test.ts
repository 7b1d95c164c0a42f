// Fuzz tests: random strings, random bytes and mutations of valid inputs make importTopology return a document
// or throw ImportError, never another exception; a returned document always survives the YAML round trip.

import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  ImportError,
  importTopology,
  serializeTopologyYaml,
  type ImportFormat,
} from '../../../../scenarios/import/index.ts';
import { fastCheckSeed, readZooFile } from './import-test-support.ts';

const FORMATS: readonly (ImportFormat | undefined)[] = ['gml', 'graphml', 'csv', undefined];

const VALID_INPUTS: readonly { text: string; format: ImportFormat }[] = [
  { text: readZooFile('Abilene.gml'), format: 'gml' },
  {
    text: `<?xml version="1.0"?>
<graphml><key id="la" for="node" attr.name="Latitude" attr.type="double"/><key id="lo" for="node" attr.name="Longitude" attr.type="double"/>
<key id="c" for="edge" attr.name="cost" attr.type="int"><default>1</default></key>
<graph edgedefault="undirected"><node id="a"><data key="la">52.1</data><data key="lo">4.3</data></node>
<node id="b"><data key="la">51.9</data><data key="lo">4.5</data></node><edge source="a" target="b"><data key="c">5</data></edge></graph></graphml>`,
    format: 'graphml',
  },
  {
    text: 'id,name,kind,lat,lon,note\na,"A, Den Haag",hq,52.08,4.31,x\nb,B,core,52.09,5.15,"q ""y"""\n',
    format: 'csv',
  },
  { text: 'id,from,to,medium,lengthKm\nab,a,b,fibre,12\nbc,b,c,radio,\n', format: 'csv' },
];

/** Imports and checks the only allowed outcomes: an ImportError, or a document that round-trips through YAML. */
function importOrImportError(input: string | Uint8Array, format: ImportFormat | undefined): void {
  let result;
  try {
    result = importTopology(
      input,
      format === undefined ? { fileName: 'fuzz' } : { fileName: `fuzz.${format}`, format },
    );
  } catch (error) {
    if (error instanceof ImportError) {
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeGreaterThanOrEqual(1);
      return;
    }
    throw error;
  }
  expect(parseYaml(serializeTopologyYaml(result.document))).toStrictEqual(result.document);
}

/** A valid input with a random edit: truncation, insertion or deletion. */
const mutatedInputArbitrary = fc
  .record({
    input: fc.constantFrom(...VALID_INPUTS),
    edit: fc.constantFrom('truncate', 'insert', 'delete', 'replace'),
    position: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 40 }),
    insertion: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        '[',
        ']',
        '"',
        '<',
        '>',
        '</node>',
        ',',
        '\n',
        '\r',
        'NaN',
        '1e999',
        '-',
        '&',
        '&amp',
        '<![CDATA[',
      ),
    ),
  })
  .map(({ input, edit, position, length, insertion }) => {
    const at = Math.floor(position * input.text.length);
    const { text } = input;
    const mutated =
      edit === 'truncate'
        ? text.slice(0, at)
        : edit === 'insert'
          ? text.slice(0, at) + insertion + text.slice(at)
          : edit === 'delete'
            ? text.slice(0, at) + text.slice(at + length)
            : text.slice(0, at) + insertion + text.slice(at + length);
    return { text: mutated, format: input.format };
  });

describe('importTopology under fuzzing', () => {
  it('returns a document or throws ImportError for random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...FORMATS), (text, format) => {
        importOrImportError(text, format);
      }),
      { seed: fastCheckSeed('fuzz random strings'), numRuns: 400 },
    );
  });

  it('returns a document or throws ImportError for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...FORMATS), (bytes, format) => {
        importOrImportError(bytes, format);
      }),
      { seed: fastCheckSeed('fuzz random bytes'), numRuns: 400 },
    );
  });

  it('returns a document or throws ImportError for strings built from format tokens', () => {
    const token = fc.constantFrom(
      'graph',
      'node',
      'edge',
      'id',
      'source',
      'target',
      'label',
      'Latitude',
      'Longitude',
      '[',
      ']',
      ' ',
      '\n',
      '"a"',
      '1',
      '-2.5e3',
      '1e999',
      'hyperedge 1',
      'Internal 0',
      '<graphml>',
      '<graph>',
      '<node id="a"/>',
      '</graph>',
      '</graphml>',
      '<edge source="a" target="a"/>',
      'id,from,to',
      ',',
      '"',
      '\r\n',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), fc.constantFrom(...FORMATS), (tokens, format) => {
        importOrImportError(tokens.join(''), format);
      }),
      { seed: fastCheckSeed('fuzz token soup'), numRuns: 400 },
    );
  });

  it('returns a document or throws ImportError for mutated valid inputs', () => {
    fc.assert(
      fc.property(mutatedInputArbitrary, ({ text, format }) => {
        importOrImportError(text, format);
      }),
      { seed: fastCheckSeed('fuzz mutations'), numRuns: 400 },
    );
  });
});
