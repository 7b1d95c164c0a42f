// Attaches the description catalogue to a generated JSON Schema: walks the schema and the catalogue side by side,
// through properties, list items, mapping values and every branch of anyOf/oneOf (unions such as "a selector or a
// list of selectors").

import type { SchemaDoc } from './schema-descriptions.ts';

/** A JSON Schema node as produced by z.toJSONSchema: a plain, mutable JSON object. */
export type JsonSchemaNode = { [key: string]: unknown };

function isNode(value: unknown): value is JsonSchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Recurses into the structure of `schema` (not its own title/description) with `doc`. */
function applyStructure(schema: JsonSchemaNode, doc: SchemaDoc): void {
  const properties = schema.properties;
  if (doc.properties !== undefined && isNode(properties)) {
    for (const [key, fieldDoc] of Object.entries(doc.properties)) {
      const field = properties[key];
      if (isNode(field)) applySchemaDocs(field, fieldDoc);
    }
  }
  if (doc.items !== undefined && isNode(schema.items)) applySchemaDocs(schema.items, doc.items);
  if (doc.values !== undefined && isNode(schema.additionalProperties))
    applySchemaDocs(schema.additionalProperties, doc.values);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) if (isNode(branch)) applyStructure(branch, doc);
  }
}

/**
 * Sets `title` and `description` from `doc` on `schema` and, recursively, on every documented field. Mutates `schema`;
 * fields the catalogue does not mention are left as they are.
 */
export function applySchemaDocs(schema: JsonSchemaNode, doc: SchemaDoc): void {
  if (doc.title !== undefined) schema.title = doc.title;
  if (doc.description !== undefined) schema.description = doc.description;
  applyStructure(schema, doc);
}

/**
 * Field paths (e.g. `nodes[].lat`) of every object property in `schema` that has no description: the catalogue has
 * fallen behind the zod schemas. Branches of a union are searched too.
 */
export function findUndocumentedFields(schema: JsonSchemaNode, path = ''): string[] {
  const missing: string[] = [];
  const properties = schema.properties;
  if (isNode(properties)) {
    for (const [key, field] of Object.entries(properties)) {
      const fieldPath = path === '' ? key : `${path}.${key}`;
      if (!isNode(field)) continue;
      if (typeof field.description !== 'string' || field.description === '') missing.push(fieldPath);
      missing.push(...findUndocumentedFields(field, fieldPath));
    }
  }
  if (isNode(schema.items)) missing.push(...findUndocumentedFields(schema.items, `${path}[]`));
  if (isNode(schema.additionalProperties))
    missing.push(...findUndocumentedFields(schema.additionalProperties, `${path}.*`));
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const branches = schema[key];
    if (Array.isArray(branches))
      for (const branch of branches) if (isNode(branch)) missing.push(...findUndocumentedFields(branch, path));
  }
  return [...new Set(missing)];
}
