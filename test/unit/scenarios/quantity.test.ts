import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import {
  parseFastQuantity,
  parseQuantity,
  parseWithMathjs,
  prepareQuantityParser,
  type QuantityDimension,
} from '../../../scenarios/quantity.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** The file fields that hold quantities, with the dimension each is parsed as. */
const FIELD_DIMENSIONS: Readonly<Record<string, QuantityDimension>> = {
  mtbf: 'duration',
  mttr: 'duration',
  repairTime: 'duration',
  duration: 'duration',
  maxTime: 'duration',
  rate: 'ratePerYear',
  cutRate: 'ratePerKmYear',
  lengthKm: 'lengthKm',
};

interface ShippedQuantity {
  readonly text: string;
  readonly dimension: QuantityDimension;
  readonly file: string;
}

function listFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    return statSync(join(ROOT, path)).isDirectory() ? listFiles(path) : [path];
  });
}

function collectFromValue(value: unknown, file: string, out: ShippedQuantity[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectFromValue(item, file, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const dimension = FIELD_DIMENSIONS[key];
      if (dimension !== undefined && typeof item === 'string') out.push({ text: item, dimension, file });
      collectFromValue(item, file, out);
    }
  }
}

/** Quantity strings in the shipped model, examples, fixtures (YAML, neverout JSON) and docs (YAML blocks, tables). */
function collectShippedQuantities(): ShippedQuantity[] {
  const out: ShippedQuantity[] = [];
  for (const file of ['scenarios/nafin', 'examples', 'test/fixtures', 'docs'].flatMap(listFiles)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (/\.ya?ml$/.test(file)) {
      for (const document of parseAllDocuments(text)) collectFromValue(document.toJS(), file, out);
    } else if (file.endsWith('.json')) {
      const value: unknown = JSON.parse(text);
      const format = (value as { format?: unknown } | null)?.format;
      if (typeof format === 'string' && format.startsWith('neverout-')) collectFromValue(value, file, out);
    } else if (file.endsWith('.md')) {
      for (const block of text.matchAll(/```ya?ml\n([\s\S]*?)```/g))
        collectFromValue(parseYaml(block[1] ?? ''), file, out);
      // Tables of examples: | `mtbf`, `mttr` | hours | `12 h`, `3 days` |
      for (const row of text.matchAll(/^\|([^|\n]*)\|[^|\n]*\|([^|\n]*)\|$/gm)) {
        const fields = [...(row[1] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] ?? '');
        const dimension = fields.map((f) => FIELD_DIMENSIONS[f]).find((d) => d !== undefined);
        if (dimension === undefined) continue;
        for (const example of (row[2] ?? '').matchAll(/`([^`]+)`/g))
          out.push({ text: example[1] ?? '', dimension, file });
      }
    }
  }
  return out;
}

beforeAll(async () => {
  await prepareQuantityParser();
});

describe('parseQuantity', () => {
  it('takes numbers as already in the base unit', () => {
    expect(parseQuantity(12, 'duration')).toEqual({ kind: 'ok', value: 12 });
    expect(parseQuantity(Number.NaN, 'duration')).toEqual({
      kind: 'error',
      message: 'expected a duration (e.g. 12 h, 3 days), got NaN',
    });
    expect(parseQuantity(true, 'lengthKm')).toMatchObject({ kind: 'error' });
  });

  it('converts strings with units to the base unit', () => {
    expect(parseQuantity('3 days', 'duration')).toEqual({ kind: 'ok', value: 72 });
    expect(parseQuantity('4200 m', 'lengthKm')).toEqual({ kind: 'ok', value: 4.2 });
    expect(parseQuantity('2 per year', 'ratePerYear')).toEqual({ kind: 'ok', value: 2 });
  });

  it('hands what the fast path declines to mathjs: functions, powers, unknown units', () => {
    expect(parseQuantity('sqrt(4) h', 'duration')).toEqual({ kind: 'ok', value: 2 });
    expect(parseQuantity('2^2 / year', 'ratePerYear')).toEqual(parseWithMathjs('2^2 / year', 'ratePerYear'));
    expect(parseQuantity('12 parsecs', 'lengthKm')).toEqual({
      kind: 'error',
      message: 'expected a length (e.g. 42 km), got "12 parsecs" (unknown unit or name "parsecs")',
    });
  });

  it('words a dimension mismatch the same on the fast path as mathjs does', () => {
    const fast = parseFastQuantity('12 km', 'duration');
    expect(fast).toEqual({
      kind: 'error',
      message: 'expected a duration (e.g. 12 h, 3 days), got "12 km" (units do not match: km is not h)',
    });
    expect(fast).toEqual(parseWithMathjs('12 km', 'duration'));
  });
});

describe('parseFastQuantity', () => {
  const shipped = collectShippedQuantities();

  it('finds the quantities of the shipped files', () => {
    const texts = shipped.map((q) => q.text);
    expect(texts).toContain('3 cuts / 1000 km / year');
    expect(texts).toContain('1 / (10 years)');
    expect(texts).toContain('30 min');
    expect(new Set(shipped.map((q) => q.file)).size).toBeGreaterThanOrEqual(2);
  });

  it('parses every shipped quantity on the fast path, bit-identical to mathjs', () => {
    for (const { text, dimension, file } of shipped) {
      const fast = parseFastQuantity(text, dimension);
      const reference = parseWithMathjs(text, dimension);
      expect(fast, `${file}: ${text}`).not.toBeNull();
      expect(reference.kind, `${file}: ${text}`).toBe('ok');
      if (fast?.kind === 'ok' && reference.kind === 'ok') expect(Object.is(fast.value, reference.value)).toBe(true);
      expect(fast).toEqual(reference);
    }
  });
});

describe('parseWithMathjs', () => {
  it('evaluates the whitelisted expression tree only', () => {
    expect(parseWithMathjs('sqrt(16) km', 'lengthKm')).toEqual({ kind: 'ok', value: 4 });
    expect(parseWithMathjs('lengthKm / 2 * km', 'lengthKm', { lengthKm: 42 })).toEqual({ kind: 'ok', value: 21 });
    expect(parseWithMathjs('x = 3', 'lengthKm')).toMatchObject({
      kind: 'error',
      message: /AssignmentNode is not allowed/,
    });
  });
});
