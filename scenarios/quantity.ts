// Quantities with units in input files (`12 h`, `4 cuts / 1000 km / year`), parsed with mathjs units.
// Only a whitelisted expression tree (numbers, units, arithmetic, a few pure functions) is ever evaluated:
// no other code from input files runs. mathjs is slow to import, so it is loaded lazily, once.

import { describeValue } from './scenario-error.ts';
import type * as MathJsModule from 'mathjs';
import type { MathNode } from 'mathjs';

type MathJs = typeof MathJsModule;

let mathPromise: Promise<MathJs> | null = null;

/** Loads mathjs once (about 200 ms); call before parsing quantities that are strings. */
export function loadQuantityParser(): Promise<MathJs> {
  mathPromise ??= import('mathjs');
  return mathPromise;
}

let loadedMath: MathJs | null = null;

/** Loads mathjs and keeps it for the synchronous parseQuantity. */
export async function prepareQuantityParser(): Promise<void> {
  loadedMath = await loadQuantityParser();
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
export type QuantityOutcome = { readonly kind: 'ok'; readonly value: number } | { readonly kind: 'error'; readonly message: string };

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
    return Number.isFinite(value) ? { kind: 'ok', value } : { kind: 'error', message: `expected ${spec.describe}, got ${value}` };
  }
  if (typeof value !== 'string') {
    return { kind: 'error', message: `expected ${spec.describe}, got ${describeValue(value)}` };
  }
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
  if (typeof result === 'number') {
    return Number.isFinite(result)
      ? { kind: 'ok', value: result }
      : { kind: 'error', message: `expected ${spec.describe}, got ${JSON.stringify(value)}` };
  }
  if (math.isUnit(result)) {
    try {
      const converted = result.toNumber(spec.unit);
      if (!Number.isFinite(converted)) throw new Error('not finite');
      return { kind: 'ok', value: converted };
    } catch {
      return {
        kind: 'error',
        message: `expected ${spec.describe}, got ${JSON.stringify(value)} (units do not match: ${result.formatUnits() || 'no unit'} is not ${spec.unit})`,
      };
    }
  }
  return { kind: 'error', message: `expected ${spec.describe}, got ${JSON.stringify(value)}` };
}

function findForbiddenNode(
  math: MathJs,
  root: MathNode,
  scope: Readonly<Record<string, number>>,
): string | null {
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
