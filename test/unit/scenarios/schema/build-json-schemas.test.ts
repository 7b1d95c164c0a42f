// JSON Schemas of the file formats: valid draft-07 schemas, documented for editors, accepting the embedded model and
// the fixtures, rejecting invalid files, and committed in schemas/ exactly as generated.

import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildJsonSchemaFiles,
  buildStudyJsonSchema,
  buildTopologyJsonSchema,
  findUndocumentedFields,
  formatJsonSchema,
  JSON_SCHEMA_FILE_NAMES,
} from '../../../../scenarios/schema/index.ts';

const REPO = new URL('../../../../', import.meta.url);

function readYaml(path: string): unknown {
  return parse(readFileSync(new URL(path, REPO), 'utf8'));
}

/** Strict ajv; union types (`"type": ["number", "string"]` for quantities) are valid JSON Schema. */
function compile(schema: object) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(schema);
}

const TOPOLOGY_FIXTURES = readdirSync(new URL('test/fixtures/topologies/', REPO))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `test/fixtures/topologies/${f}`);

describe('buildTopologyJsonSchema', () => {
  const schema = buildTopologyJsonSchema();
  const validate = compile(schema);

  it('is a valid draft-07 schema with a title and description', () => {
    expect(new Ajv({ strict: false }).validateSchema(schema)).toBe(true);
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'neverout topology (neverout-topology/1)',
    });
    expect(typeof schema.description).toBe('string');
  });

  it.each(['scenarios/nafin/nafin-topology.yaml', ...TOPOLOGY_FIXTURES])('accepts %s', (path) => {
    expect(validate(readYaml(path)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects an invalid file at the offending field', () => {
    expect(validate(readYaml('test/fixtures/invalid/three-mistakes.yaml'))).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/nodes/0/failureProbability');
  });

  it.each([
    ['an unknown field', { nodeList: [] }],
    ['another format', { format: 'neverout-topology/2' }],
    ['a link medium outside the list', { links: [{ id: 'l', from: 'a', to: 'b', medium: 'copper' }] }],
    ['an id with a space', { nodes: [{ id: 'a b', kind: 'core' }] }],
    ['a service of unknown kind', { services: [{ id: 's', kind: 'any', endpoints: ['a', 'b'] }] }],
  ])('rejects %s', (_label, change) => {
    const base = { format: 'neverout-topology/1', name: 'x', nodes: [{ id: 'a', kind: 'core' }], links: [] };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, ...change })).toBe(false);
  });

  it('documents every field for editor completion', () => {
    expect(findUndocumentedFields(schema as Record<string, unknown>)).toEqual([]);
  });
});

describe('buildStudyJsonSchema', () => {
  const schema = buildStudyJsonSchema();
  const validate = compile(schema);

  it('is a valid draft-07 schema with a title and description', () => {
    expect(new Ajv({ strict: false }).validateSchema(schema)).toBe(true);
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'neverout study (neverout-study/1)',
    });
  });

  it.each(['scenarios/nafin/default-study.yaml', 'test/fixtures/studies/small-study.yaml'])('accepts %s', (path) => {
    expect(validate(readYaml(path)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('checks scenarios and risk groups item by item', () => {
    const base = { format: 'neverout-study/1', name: 'x', topology: 'default', scenarios: [{ id: 'baseline' }] };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, scenarios: [{ id: 'x', sabotage: { strategy: 'clever' } }] })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/scenarios/0/sabotage/strategy');
    expect(validate({ ...base, scenarios: [{ id: 'x', forse: [] }] })).toBe(false);
    expect(validate({ ...base, scenarios: [] })).toBe(false);
    expect(validate({ ...base, riskGroups: [{ id: 'g', select: { ids: ['a'] }, probability: 2 }] })).toBe(false);
  });

  it('documents every field for editor completion', () => {
    expect(findUndocumentedFields(schema as Record<string, unknown>)).toEqual([]);
  });
});

describe('formatJsonSchema', () => {
  it('writes 2-space indented JSON with a final newline', () => {
    expect(formatJsonSchema({ a: 1 })).toBe('{\n  "a": 1\n}\n');
  });
});

describe('findUndocumentedFields', () => {
  it('lists fields without a description, through items, values and union branches', () => {
    expect(
      findUndocumentedFields({
        properties: {
          a: { description: 'ok', items: { properties: { b: {} } } },
          c: { anyOf: [{ properties: { d: {} } }], description: 'ok' },
          e: { description: 'ok', additionalProperties: { properties: { f: { description: 'ok' } } } },
        },
      }),
    ).toEqual(['a[].b', 'c.d']);
  });
});

describe('buildJsonSchemaFiles', () => {
  it('is deterministic', () => {
    expect(buildJsonSchemaFiles()).toEqual(buildJsonSchemaFiles());
  });

  it('matches the committed schemas/ files (regenerate with `neverout export schema --to schemas`)', () => {
    const files = buildJsonSchemaFiles();
    expect(files.map((f) => f.fileName)).toEqual([JSON_SCHEMA_FILE_NAMES.topology, JSON_SCHEMA_FILE_NAMES.study]);
    for (const file of files) {
      // Compared as JSON, not text, so that reformatting the committed files (prettier) does not fail the check.
      const committed = JSON.parse(readFileSync(new URL(`schemas/${file.fileName}`, REPO), 'utf8')) as unknown;
      expect(committed, `schemas/${file.fileName} is out of date`).toEqual(file.schema);
    }
  });
});
