// Input checks of the exports: what checkResultDocument leaves open (coordinates, cut sets, attacks, ids) is
// reported with field paths, and a damaged JSON text is located at its first syntax error.

import { describe, expect, it } from 'vitest';
import { checkExportInput, findJsonSyntaxError } from '../../../../reports/export/index.ts';
import { checkResultDocument, ReportInputError } from '../../../../reports/index.ts';
import { makeResultDocument } from './export-fixtures.ts';

/** Sets the value at a path such as `model.sites[0].lat` in a JSON copy of the document. */
function setAt(root: unknown, path: string, value: unknown): void {
  const segments = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  let node = root as Record<string | number, unknown>;
  for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[segments[segments.length - 1]] = value;
}

function problemsOf(changes: Record<string, unknown>): string[] {
  const doc = JSON.parse(JSON.stringify(makeResultDocument())) as unknown;
  for (const [path, value] of Object.entries(changes)) setAt(doc, path, value);
  try {
    checkExportInput(checkResultDocument(doc, 'r.json'), 'r.json');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ReportInputError);
    return (error as ReportInputError).problems.map((p) => `${p.path}: expected ${p.expected}, got ${p.received}`);
  }
}

describe('checkExportInput', () => {
  it('accepts a sound document and returns it', () => {
    const doc = makeResultDocument();
    expect(checkExportInput(doc, 'r.json')).toBe(doc);
  });

  it('reports coordinates outside WGS84 ranges', () => {
    expect(problemsOf({ 'model.sites[0].lat': 91, 'model.sites[1].lon': -181 })).toEqual([
      'model.sites[0].lat: expected a latitude in [-90, 90] or null, got 91',
      'model.sites[1].lon: expected a longitude in [-180, 180] or null, got -181',
    ]);
  });

  it('reports cut sets and attacks that name elements or services the model does not have', () => {
    expect(
      problemsOf({
        'cutSets.services[0].cutSets[1].elements': ['ghost'],
        'cutSets.services[1].serviceId': 'nope',
        'scenarios[1].attack[0].elements': ['bc', 'phantom'],
        'scenarios[1].attack[1].disconnects': 'yes',
      }),
    ).toEqual([
      'scenarios[1].attack[0].elements[1]: expected a site, link or risk-group id of model, got "phantom"',
      'scenarios[1].attack[1].disconnects: expected true or false, got "yes"',
      'cutSets.services[0].cutSets[1].elements[0]: expected a site, link or risk-group id of model, got "ghost"',
      'cutSets.services[1].serviceId: expected a service id of model.services, got "nope"',
    ]);
  });

  it('reports malformed attribute values, link lengths and importance kinds', () => {
    expect(
      problemsOf({
        'model.sites[0].attributes.region': { nested: true },
        'model.links[0].lengthKm': 'far',
        'scenarios[0].services[0].importance[0].elementKind': 'cable',
      }),
    ).toEqual([
      'model.sites[0].attributes.region: expected a text, number or true/false, got an object',
      'model.links[0].lengthKm: expected a finite number or null, got "far"',
      "scenarios[0].services[0].importance[0].elementKind: expected 'node', 'link' or 'group', got \"cable\"",
    ]);
  });
});

describe('findJsonSyntaxError', () => {
  it('returns null for valid JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"k": []}] ', '"x"', '0'])
      expect(findJsonSyntaxError(text)).toBeNull();
  });

  it.each([
    ['{\n  "a": ,\n}', 9, 'a JSON value', '","'],
    ['{"a": 1,}', 8, 'a property name in double quotes', '"}"'],
    ['[1 2]', 3, "',' or ']'", '"2"'],
    ['{"a": [1, 2', 11, "',' or ']'", 'the end of the file'],
    ['', 0, 'a JSON value', 'the end of the file'],
    ['{} x', 3, 'the end of the file', '"x"'],
    ["{'a': 1}", 1, 'a property name in double quotes', '"\'"'],
    ['{"a" 1}', 5, "':'", '"1"'],
    ['"tab\there"', 4, "a character or '\"' (control characters must be escaped)", '"\\t"'],
    ['NaN', 0, 'a JSON value', '"N"'],
  ])('locates the error in %j', (text, offset, expected, received) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset, expected, received });
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });
});
