// JSON Schemas of the topology and study file formats, generated from the zod schemas that validate them, with
// titles and descriptions for editor completion (`# yaml-language-server: $schema=...`).
//
//   zod schema ──z.toJSONSchema (draft-07, input side)──> JSON Schema ──applySchemaDocs──> schemas/*.schema.json

import { z } from 'zod';
import { scenarioSchema, studySchema } from '../study/study-schema.ts';
import { riskGroupSchema, topologySchema } from '../topology/topology-schema.ts';
import { applySchemaDocs, type JsonSchemaNode } from './internal/apply-schema-docs.ts';
import { STUDY_SCHEMA_DOC, TOPOLOGY_SCHEMA_DOC, type SchemaDoc } from './internal/schema-descriptions.ts';

/**
 * JSON Schema dialect of the generated files. Draft-07 rather than 2020-12 because it is the dialect every editor
 * integration (yaml-language-server, VS Code, IntelliJ) supports in full; the zod schemas use nothing newer.
 */
export const JSON_SCHEMA_TARGET = 'draft-7';

/** A generated JSON Schema document (plain JSON). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One generated schema file, ready to write. */
export interface JsonSchemaFile {
  /** File name inside the schema folder, e.g. `topology.schema.json`. */
  readonly fileName: string;
  readonly schema: JsonSchema;
  /** The file contents: 2-space indented JSON and a final newline (stable, so the committed files can be compared). */
  readonly text: string;
}

/**
 * The study schema as the validator sees it: the zod study schema keeps `scenarios` and `riskGroups` as lists of
 * unknown values so that validateStudy can check each entry with its own located diagnostics; for editors the items
 * get the scenario and risk-group schemas validateStudy applies to them.
 */
function studyFileSchema() {
  return studySchema.extend({
    riskGroups: z.array(riskGroupSchema).optional(),
    scenarios: z.array(scenarioSchema).min(1),
  });
}

/** Generates, documents and orders one schema ($schema, title and description first, for readers of the file). */
function generate(schema: z.ZodType, doc: SchemaDoc): JsonSchema {
  // A deep copy: zod may share one JSON object between uses of the same sub-schema, and descriptions are per use.
  const generated = JSON.parse(
    JSON.stringify(z.toJSONSchema(schema, { target: JSON_SCHEMA_TARGET, io: 'input' })),
  ) as JsonSchemaNode;
  applySchemaDocs(generated, doc);
  const { $schema, title, description, ...rest } = generated;
  return { $schema, title, description, ...rest };
}

/** JSON Schema of the topology format (neverout-topology/1), generated from `topologySchema`. */
export function buildTopologyJsonSchema(): JsonSchema {
  return generate(topologySchema, TOPOLOGY_SCHEMA_DOC);
}

/** JSON Schema of the study format (neverout-study/1), generated from `studySchema` with typed scenarios and risk groups. */
export function buildStudyJsonSchema(): JsonSchema {
  return generate(studyFileSchema(), STUDY_SCHEMA_DOC);
}

/** Formats a schema as its file text: 2-space indented JSON with a final newline. */
export function formatJsonSchema(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** File names of the generated schemas, as committed in `schemas/`. */
export const JSON_SCHEMA_FILE_NAMES = { topology: 'topology.schema.json', study: 'study.schema.json' } as const;

/** Both schema files (topology, then study), as `neverout export schema` writes them. */
export function buildJsonSchemaFiles(): JsonSchemaFile[] {
  return [
    { fileName: JSON_SCHEMA_FILE_NAMES.topology, schema: buildTopologyJsonSchema() },
    { fileName: JSON_SCHEMA_FILE_NAMES.study, schema: buildStudyJsonSchema() },
  ].map((file) => ({ ...file, text: formatJsonSchema(file.schema) }));
}
