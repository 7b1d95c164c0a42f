// Public API of scenarios/schema/: JSON Schemas of the topology and study formats, generated from the zod schemas,
// for editor completion and for validating files outside neverout.

export {
  buildJsonSchemaFiles,
  buildStudyJsonSchema,
  buildTopologyJsonSchema,
  formatJsonSchema,
  JSON_SCHEMA_FILE_NAMES,
  JSON_SCHEMA_TARGET,
  type JsonSchema,
  type JsonSchemaFile,
} from './build-json-schemas.ts';
export { findUndocumentedFields } from './internal/apply-schema-docs.ts';
