// Quantities with units in input files (`12 h`, `4 cuts / 1000 km / year`), with mathjs unit semantics. Common forms
// take a bit-identical fast path (internal/fast-quantity.ts); the rest goes to mathjs, imported lazily (~0.6 s) and
// only when a quantity needs it. Only a whitelisted expression tree is ever evaluated: no code from input files runs.

import assert from 'node:assert';
import { evaluateFastQuantity, type FastQuantity } from './internal/fast-quantity.ts';
import { describeValue } from './scenario-error.ts';
import type * as MathJsModule from 'mathjs';
import type { MathNode } from 'mathjs';

type MathJs = typeof MathJsModule;

let mathPromise: Promise<MathJs> | null = null;

/** Loads mathjs once (about 0.6 s). */
export function loadQuantityParser(): Promise<MathJs> {
  mathPromise ??= import('mathjs');
  return mathPromise;
}

let loadedMath: MathJs | null = null;

/** Loads mathjs and keeps it for the synchronous parseQuantity, so every quantity string can be parsed. */
export async function prepareQuantityParser(): Promise<void> {
  loadedMath = await loadQuantityParser();
}

/** True once mathjs has been imported, or its import has started. */
export function isMathjsLoaded(): boolean {
  return mathPromise !== null;
}

// Texts the fast path declined while runWithQuantityParser runs its first pass without mathjs; null outside it.
let deferredTexts: string[] | null = null;

/**
 * Runs a synchronous check that parses quantities, importing mathjs only if some quantity needs it:
 *
 *   check() on the fast path ──all quantities fast──> its result
 *                             └─some declined──> load mathjs ──> check() again, every quantity parsed
 *
 * The first pass's result is thrown away when a quantity was declined (parseQuantity gave a placeholder error for
 * it), so `check` must be free of side effects outside its result.
 */
export async function runWithQuantityParser<T>(check: () => T): Promise<T> {
  if (loadedMath === null) {
    const outer = deferredTexts;
    const deferred: string[] = [];
    deferredTexts = deferred;
    let result: T;
    try {
      result = check();
    } finally {
      deferredTexts = outer;
    }
    assert(!(result instanceof Promise), 'runWithQuantityParser needs a synchronous check');
    if (deferred.length === 0) return result;
    await prepareQuantityParser();
  }
  return check();
}

/** The physical dimensions quantities are checked against, each with its base unit. */
export const QUANTITY_DIMENSIONS = {
  duration: { unit: 'h', describe: 'a duration (e.g. 12 h, 3 days)' },
  ratePerYear: { unit: 'year^-1', describe: 'a rate per year (e.g. 0.5 / year)' },
  ratePerKmYear: { unit: 'km^-1 year^-1', describe: 'a rate per km per year (e.g. 4 cuts / 1000 km / year)' },
  lengthKm: { unit: 'km', describe: 'a length (e.g. 42 km)' },
} as const;

export type QuantityDimension = keyof typeof QUANTITY_DIMENSIONS;

/** Outcome of parsing one quantity. */
export type QuantityOutcome =
  { readonly kind: 'ok'; readonly value: number } | { readonly kind: 'error'; readonly message: string };

const COUNT_WORDS = /\b(cuts?|events?|failures?|outages?|incidents?|times)\b/gi;
const ALLOWED_FUNCTIONS = new Set(['sqrt', 'exp', 'log', 'log10', 'abs']);
const ALLOWED_OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);

/**
 * Normalises the wording planners use into mathjs syntax: count words are dimensionless, `per` is `/`,
 * `min` is minutes, and `/ 1000 km` divides by the whole `1000 km` (mathjs would read `(4 / 1000) km`).
 */
function normaliseQuantityText(text: string): string {
  return text
    .replace(COUNT_WORDS, ' ')
    .replace(/\bper\b/gi, '/')
    .replace(/\bmins?\b(?!\s*\()/g, 'minute')
    .replace(/\/\s*([0-9][0-9.eE+-]*)\s*([A-Za-z]+)/g, '/ ($1 $2)')
    .replace(/^\s*\//, '1 /')
    .trim();
}

/**
 * Parses a quantity given as a number (already in the base unit) or a string with units.
 * @param value the raw value from the file
 * @param dimension what it must measure; the result is in that dimension's base unit
 * @param scope numeric variables an expression may use (e.g. { lengthKm: 42 }), dimensionless
 */
export function parseQuantity(
  value: unknown,
  dimension: QuantityDimension,
  scope: Readonly<Record<string, number>> = {},
): QuantityOutcome {
  const spec = QUANTITY_DIMENSIONS[dimension];
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { kind: 'ok', value }
      : { kind: 'error', message: `expected ${spec.describe}, got ${value}` };
  }
  if (typeof value !== 'string') {
    return { kind: 'error', message: `expected ${spec.describe}, got ${describeValue(value)}` };
  }
  const text = normaliseQuantityText(value);
  const fast = evaluateFastQuantity(text, spec.unit, scope);
  if (fast !== null) return finishQuantity(value, dimension, fast);
  if (loadedMath === null && deferredTexts !== null) {
    deferredTexts.push(value);
    return { kind: 'error', message: `expected ${spec.describe}, got ${JSON.stringify(value)} (waiting for mathjs)` };
  }
  return parseWithMathjs(value, dimension, scope);
}

/**
 * Parses a quantity string on the fast path only (the grammar of internal/fast-quantity.ts).
 * @returns the outcome, identical to parseWithMathjs's, or null when the text needs mathjs
 */
export function parseFastQuantity(
  value: string,
  dimension: QuantityDimension,
  scope: Readonly<Record<string, number>> = {},
): QuantityOutcome | null {
  const fast = evaluateFastQuantity(normaliseQuantityText(value), QUANTITY_DIMENSIONS[dimension].unit, scope);
  return fast === null ? null : finishQuantity(value, dimension, fast);
}

/**
 * Parses a quantity string with mathjs alone, the reference the fast path must match bit for bit.
 * prepareQuantityParser() must have completed.
 */
export function parseWithMathjs(
  value: string,
  dimension: QuantityDimension,
  scope: Readonly<Record<string, number>> = {},
): QuantityOutcome {
  const spec = QUANTITY_DIMENSIONS[dimension];
  const math = loadedMath;
  if (math === null) throw new Error('prepareQuantityParser() must complete before parsing quantity strings');
  const text = normaliseQuantityText(value);
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (error) {
    return { kind: 'error', message: `expected ${spec.describe}, got ${JSON.stringify(value)} (${errorText(error)})` };
  }
  const forbidden = findForbiddenNode(math, node, scope);
  if (forbidden !== null) {
    return { kind: 'error', message: `expected ${spec.describe}, got ${JSON.stringify(value)} (${forbidden})` };
  }
  let result: unknown;
  try {
    result = node.compile().evaluate({ ...scope });
  } catch (error) {
    return { kind: 'error', message: `expected ${spec.describe}, got ${JSON.stringify(value)} (${errorText(error)})` };
  }
  if (typeof result === 'number') return finishQuantity(value, dimension, { kind: 'number', value: result });
  if (math.isUnit(result)) {
    let converted: number | null;
    try {
      converted = result.toNumber(spec.unit);
    } catch {
      converted = null;
    }
    return finishQuantity(value, dimension, { kind: 'unit', value: converted, units: result.formatUnits() });
  }
  return { kind: 'error', message: `expected ${spec.describe}, got ${JSON.stringify(value)}` };
}

/** Checks an evaluated quantity (fast or mathjs) and words the error, the same for both paths. */
function finishQuantity(value: string, dimension: QuantityDimension, result: FastQuantity): QuantityOutcome {
  const spec = QUANTITY_DIMENSIONS[dimension];
  if (result.kind === 'number') {
    return Number.isFinite(result.value)
      ? { kind: 'ok', value: result.value }
      : { kind: 'error', message: `expected ${spec.describe}, got ${JSON.stringify(value)}` };
  }
  if (result.value !== null && Number.isFinite(result.value)) return { kind: 'ok', value: result.value };
  return {
    kind: 'error',
    message: `expected ${spec.describe}, got ${JSON.stringify(value)} (units do not match: ${result.units || 'no unit'} is not ${spec.unit})`,
  };
}

function findForbiddenNode(math: MathJs, root: MathNode, scope: Readonly<Record<string, number>>): string | null {
  let problem: string | null = null;
  root.traverse((node, _path, parent) => {
    if (problem !== null) return;
    if (math.isConstantNode(node) || math.isParenthesisNode(node)) return;
    if (math.isOperatorNode(node)) {
      if (!ALLOWED_OPERATORS.has(node.fn)) problem = `operator ${node.op} is not allowed`;
      return;
    }
    if (math.isFunctionNode(node)) {
      const name = math.isSymbolNode(node.fn) ? node.fn.name : '';
      if (!ALLOWED_FUNCTIONS.has(name)) problem = `function ${name || '?'} is not allowed`;
      return;
    }
    if (math.isSymbolNode(node)) {
      if (parent !== null && math.isFunctionNode(parent) && parent.fn === node) return;
      if (Object.hasOwn(scope, node.name)) return;
      if (!math.Unit.isValuelessUnit(node.name)) problem = `unknown unit or name "${node.name}"`;
      return;
    }
    problem = `${node.type} is not allowed`;
  });
  return problem;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
