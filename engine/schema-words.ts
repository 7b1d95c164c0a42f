// Words for a schema problem in a value from outside the process (a checkpoint header or batch line, a plan spec
// in Redis): the field and what it should hold, in the words of the input-file messages (`expected X, got Y`, `is
// required: expected X`), never the validation library's own text. Pure: only zod's issue types are read.

import type { z } from 'zod';

/** A JSON value briefly, for messages: `-2`, `"abc"`, `a list`, `a mapping`, `nothing`. */
export function describeJsonValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return 'a mapping';
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  object: 'a mapping',
  array: 'a list',
  boolean: 'true or false',
  // A required field of any type (z.unknown()).
  nonoptional: 'a value',
};

function listValues(values: readonly unknown[]): string {
  const words = values.map((v) => JSON.stringify(v));
  return words.length === 1 ? words[0] : `one of ${words.join(', ')}`;
}

/** What the field should hold; a custom rule's message is already in the project's words. */
function describeExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`;
    case 'invalid_value':
      return listValues(issue.values);
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const relation = issue.code === 'too_small' ? (issue.inclusive === true ? '>=' : '>') : issue.inclusive === true ? '<=' : '<';
      if (issue.origin === 'string') return `${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} characters`;
      if (issue.origin === 'array') return `${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} entries`;
      return `a number ${relation} ${bound}`;
    }
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? listValues(issue.options) : 'one of the allowed forms';
    case 'custom':
    case 'invalid_format':
      return issue.message;
    default:
      return 'another value';
  }
}

/** `services[0].down` from an issue path. */
function formatField(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/**
 * Describes the first problem a schema found in `root`: `field "kind": expected one of "static", "time", got "x"`,
 * `field "kind" is required: expected ...`, `unknown field "extra"`, or for the value itself `expected a mapping,
 * got 42` (`<rootName>: expected ...` when a name is given).
 * @param at where `root` sits in its document (field names are given from there: `spec.options.seed`)
 * @param rootName how to name `root` itself when it sits at the top of its document, e.g. "the plan spec"; default
 *   none
 */
export function describeSchemaIssue(error: z.ZodError, root: unknown, at: readonly PropertyKey[] = [], rootName?: string): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'not valid';
  const field = formatField([...at, ...issue.path]);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${formatField([...at, ...issue.path, k])}"`).join(', ');
    return `unknown field${issue.keys.length === 1 ? '' : 's'} ${keys}`;
  }
  const received = valueAt(root, issue.path);
  const expected = describeExpected(issue);
  if (issue.path.length === 0) {
    const where = field === '' ? (rootName ?? null) : `field "${field}"`;
    return `${where === null ? '' : `${where}: `}expected ${expected}, got ${describeJsonValue(received)}`;
  }
  if (received === undefined) return `field "${field}" is required: expected ${expected}`;
  return `field "${field}": expected ${expected}, got ${describeJsonValue(received)}`;
}
