// Text that Vega compiles into expressions, written so that every spelling survives. Vega 6 fails to parse an
// expression holding a string literal whose whole value names an Object.prototype member ("valueOf", "constructor",
// "toString", ...: "Operator not defined: undefined"; its code generator reports the literal as a signal and looks
// it up in a plain object) and reads "__proto__" as undefined. Titles, text marks, descriptions, label expressions
// and sort arrays all become such literals, and ids and names are the user's: a study may name a site
// "constructor". Charts therefore never sort by an array of ids (they use scale domains, which are not expressions),
// label expressions are built with vegaString, and protectVegaText rewrites every title, text and description that
// would be such a literal as an expression that builds the same string.

/** True when Vega cannot take `text` as a plain string literal (see the module comment). */
export function isUnsafeVegaLiteral(text: string): boolean {
  return text in Object.prototype || text === '__proto__';
}

/**
 * A Vega expression that evaluates to `text`: its JSON string literal, or for an unsafe text (see the module
 * comment) a concatenation of one-character literals, none of which is unsafe.
 */
export function vegaString(text: string): string {
  if (!isUnsafeVegaLiteral(text)) return JSON.stringify(text);
  return `(${[...text].map((c) => JSON.stringify(c)).join(' + ')})`;
}

/** A Vega expression for an array of strings (see {@link vegaString}). */
export function vegaStringArray(texts: readonly string[]): string {
  return `[${texts.map(vegaString).join(', ')}]`;
}

/** Keys whose string (or string-array) value Vega renders as text through an expression. */
const TEXT_KEYS = new Set(['text', 'subtitle', 'description']);

/** Keys of a Vega-Lite view specification: a `title` there is the view's title (TitleParams allow an ExprRef text). */
const VIEW_KEYS = ['mark', 'layer', 'vconcat', 'hconcat', 'concat', 'facet', 'repeat', 'spec', 'encoding'];

function isUnsafeText(value: unknown): value is string | readonly string[] {
  if (typeof value === 'string') return isUnsafeVegaLiteral(value);
  return Array.isArray(value) && value.some((v) => typeof v === 'string' && isUnsafeVegaLiteral(v));
}

function asExpression(value: string | readonly string[]): { expr: string } {
  return { expr: typeof value === 'string' ? vegaString(value) : vegaStringArray(value) };
}

/**
 * A copy of a Vega-Lite spec in which every title, subtitle, text and mark description that Vega could not take as
 * a literal (see the module comment) is an ExprRef building the same string. Inline data is left as it is (data
 * values are never compiled into expressions); a spec without such text comes back equal to the input.
 */
export function protectVegaText<T>(spec: T): T {
  return rewrite(spec, false) as T;
}

function rewrite(node: unknown, isRoot: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, false));
  if (node === null || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const isView = VIEW_KEYS.some((k) => k in source);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'data' || key === 'datasets') out[key] = value;
    else if (key === 'title' && isUnsafeText(value)) out[key] = isView || isRoot ? { text: asExpression(value) } : asExpression(value);
    else if (TEXT_KEYS.has(key) && !(key === 'description' && (isView || isRoot)) && isUnsafeText(value)) out[key] = asExpression(value);
    else out[key] = rewrite(value, false);
  }
  return out;
}
