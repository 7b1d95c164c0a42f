import fc from 'fast-check';
import * as math from 'mathjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAST_UNITS, evaluateFastQuantity } from '../../../../scenarios/internal/fast-quantity.ts';
import {
  parseFastQuantity,
  parseWithMathjs,
  prepareQuantityParser,
  QUANTITY_DIMENSIONS,
  type QuantityDimension,
  type QuantityOutcome,
} from '../../../../scenarios/quantity.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

const DIMENSIONS = Object.keys(QUANTITY_DIMENSIONS) as QuantityDimension[];

beforeAll(async () => {
  await prepareQuantityParser();
});

/** Same kind, same message, and for ok the bit-identical value (Object.is tells 0 from -0 and compares NaN). */
function expectSameOutcome(fast: QuantityOutcome, reference: QuantityOutcome): void {
  expect(fast.kind).toBe(reference.kind);
  if (fast.kind === 'ok' && reference.kind === 'ok') expect(Object.is(fast.value, reference.value)).toBe(true);
  expect(fast).toEqual(reference);
}

const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

const exponent = fc.option(
  fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 3)).map((parts) => parts.join('')),
  { nil: '' },
);

/** Number literals as mathjs reads them: `12`, `12.5`, `12.`, `.5`, `1e3`, `2.5E-4`, and doubles as JS prints them. */
const numberLiteral = fc.oneof(
  fc
    .tuple(
      digits(1, 7),
      fc.option(
        digits(0, 6).map((d) => `.${d}`),
        { nil: '' },
      ),
      exponent,
    )
    .map((parts) => parts.join('')),
  fc.tuple(digits(1, 6), exponent).map(([d, e]) => `.${d}${e}`),
  fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('0', '1', '3', '12', '1000', '100000', '0.5', '0.013', '8766', '1e-4'),
);

// After `/` or `per` a number with an exponent may be split by the normalisation's `/ 1000 km` rule, which
// backtracks to the `e` when no unit follows (`/ 1e5 / year` becomes `/ (1 e)5 / year`, an error in mathjs too).
const plainNumberLiteral = numberLiteral.filter((n) => !/[eE]/.test(n));

/** Every fast unit spelling, plus `min`/`mins`, which the normalisation turns into `minute`. */
const unitWord = fc.constantFrom(...FAST_UNITS.keys(), 'min', 'mins');
const countWord = fc.constantFrom(
  'cut',
  'cuts',
  'event',
  'events',
  'failures',
  'outages',
  'incidents',
  'times',
  'Cuts',
);
const operator = fc.constantFrom(' / ', ' * ', ' per ', ' PER ', ' /', '/ ', ' *', '*', '/', '\t/ ');
const space = fc.constantFrom(' ', ' ', ' ', '  ', '\t');

/** One product: [number [count word]] (parenthesised expressions)* units*; parentheses first, as `h (…)` is a call. */
function termArbitrary(depth: number, afterDivision: boolean): fc.Arbitrary<string> {
  const parens =
    depth === 0
      ? fc.constant<string[]>([])
      : fc.array(
          fc
            .tuple(fc.constantFrom('(', '( '), expressionArbitrary(depth - 1, false), fc.constantFrom(')', ' )'))
            .map((parts) => parts.join('')),
          { maxLength: 2 },
        );
  const numberPart = fc.option(
    fc
      .tuple(afterDivision ? plainNumberLiteral : numberLiteral, fc.option(fc.tuple(space, countWord), { nil: null }))
      .map(([n, count]) => (count === null ? n : n + count.join(''))),
    { nil: null },
  );
  return fc
    .tuple(numberPart, parens, fc.array(unitWord, { maxLength: 3 }), space, fc.boolean())
    .map(([number, parenList, units, gap, glued]) => {
      if (number === null && parenList.length === 0 && units.length === 0) return '1';
      const rest = [...parenList, ...units].join(gap);
      if (number === null) return rest;
      if (rest === '') return number;
      // A number may touch what follows (`12h`, `3(2 h)`), but not a count word, nor `min`, which the normalisation
      // only rewrites as a whole word (`3min` stays the mathjs function min).
      return number + (glued && /[0-9.]$/.test(number) && !rest.startsWith('min') ? '' : gap) + rest;
    });
}

/**
 * Strings in the fast grammar: products joined by `*`, `/` or `per` with or without spaces, the whole optionally
 * starting with `per` or `/`.
 */
function expressionArbitrary(depth: number, topLevel: boolean): fc.Arbitrary<string> {
  const lead = topLevel ? fc.constantFrom('', '', '', 'per ', '/ ') : fc.constant('');
  return fc
    .tuple(lead, fc.array(fc.tuple(operator, termArbitrary(depth, true)), { maxLength: 3 }))
    .chain(([leading, rest]) =>
      termArbitrary(depth, leading !== '').map((first) => {
        let text = leading + first;
        // `5./` and `5.*` are mathjs element-wise operators: keep a space between a trailing dot and the operator.
        for (const [op, term] of rest) text += (text.endsWith('.') ? ' ' : '') + op + term;
        return text;
      }),
    );
}

const grammarString = expressionArbitrary(2, true);

const timeWord = fc.constantFrom(...[...FAST_UNITS].filter(([, u]) => u.timePower === 1).map(([name]) => name), 'min');
const lengthWord = fc.constantFrom(...[...FAST_UNITS].filter(([, u]) => u.lengthPower === 1).map(([name]) => name));
const slash = fc.constantFrom(' / ', ' per ', '/', ' /');
const counted = fc
  .tuple(numberLiteral, fc.option(countWord, { nil: null }))
  .map(([n, count]) => (count !== null ? `${n} ${count}` : n.endsWith('.') ? `${n} ` : n));
// (A trailing dot gets a space: `5./` is the mathjs element-wise operator, as in expressionArbitrary.)

/** Quantities written as planners write each dimension, so most of them convert (a random product rarely does). */
const typedCase: fc.Arbitrary<[string, QuantityDimension]> = fc.oneof(
  fc
    .tuple(numberLiteral, space, timeWord)
    .map(([n, gap, t]): [string, QuantityDimension] => [`${n}${gap}${t}`, 'duration']),
  fc.tuple(counted, slash, timeWord).map(([n, op, t]): [string, QuantityDimension] => [`${n}${op}${t}`, 'ratePerYear']),
  fc
    .tuple(counted, slash, numberLiteral, timeWord)
    .map(([n, op, m, t]): [string, QuantityDimension] => [`${n}${op}(${m} ${t})`, 'ratePerYear']),
  fc.tuple(slash, timeWord).map(([op, t]): [string, QuantityDimension] => [`${op.trim()} ${t}`, 'ratePerYear']),
  fc
    .tuple(counted, slash, fc.option(numberLiteral, { nil: '' }), lengthWord, slash, timeWord)
    .map(([n, op1, m, l, op2, t]): [string, QuantityDimension] => [`${n}${op1}${m} ${l}${op2}${t}`, 'ratePerKmYear']),
  fc
    .tuple(counted, slash, numberLiteral, lengthWord, slash, timeWord)
    .map(([n, op1, m, l, op2, t]): [string, QuantityDimension] => [`${n}${op1}(${m} ${l})${op2}${t}`, 'ratePerKmYear']),
  fc
    .tuple(counted, slash, fc.option(numberLiteral, { nil: '' }), timeWord, lengthWord)
    .map(([n, op, m, t, l]): [string, QuantityDimension] => [`${n}${op}(${m} ${t} ${l})`, 'ratePerKmYear']),
  fc
    .tuple(numberLiteral, space, lengthWord)
    .map(([n, gap, l]): [string, QuantityDimension] => [`${n}${gap}${l}`, 'lengthKm']),
);

const grammarCase = fc.oneof(typedCase, fc.tuple(grammarString, fc.constantFrom(...DIMENSIONS)));

/** Near misses: tokens the fast grammar does not have, mixed with ones it has, in any order. */
const soupString = fc
  .array(
    fc.oneof(
      numberLiteral,
      unitWord,
      countWord,
      fc.constantFrom(
        ...['sec', 'min', 'd', 'yr', 'parsecs', 'in', 'to', 'mod', 'e', 'pi', 'NaN', 'Infinity', 'true', 'lengthKm'],
        ...['sqrt', 'x', 'h2', 'km_', '$', 'per', '0x1F', '0b1', '.5', '5.', '1e', '2e+', '3e.5', 'é', 'µs'],
        ...[
          '+',
          '-',
          '*',
          '/',
          '^',
          '%',
          '(',
          ')',
          '.',
          ',',
          '!',
          "'",
          '\n',
          '#',
          '\u00A0',
          '  ',
          './',
          '.*',
          '[',
          ']',
        ],
      ),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .chain((tokens) =>
    fc
      .array(fc.constantFrom('', ' '), { minLength: tokens.length, maxLength: tokens.length })
      .map((gaps) => tokens.map((t, i) => t + gaps[i]).join('')),
  );

/** The fields of a mathjs unit definition this test reads (Unit.js UNITS entries). */
interface MathjsUnitDefinition {
  readonly name: string;
  readonly value: number;
  readonly offset: number;
}

const scopeArbitrary = fc.constantFrom<Record<string, number>>({}, {}, { lengthKm: 42 }, { h: 2 }, { km: 3, year: 1 });

describe('FAST_UNITS', () => {
  it('holds each spelling with the unit, prefix, value and dimension mathjs gives it', () => {
    const dimensions: string[] = math.Unit.BASE_DIMENSIONS;
    for (const [spelling, unit] of FAST_UNITS) {
      expect(math.Unit.isValuelessUnit(spelling), spelling).toBe(true);
      // A name that is also a mathjs function or constant (sec, min) evaluates to that, not to the unit.
      expect(spelling in math, spelling).toBe(false);
      const parsed = new math.Unit(null as unknown as number, spelling) as unknown as {
        units: Array<{ unit: MathjsUnitDefinition; prefix: { name: string; value: number }; power: number }>;
        dimensions: number[];
      };
      expect(parsed.units).toHaveLength(1);
      const [component] = parsed.units;
      expect(component?.power).toBe(1);
      expect(component?.unit.name).toBe(unit.unitName);
      expect(component?.prefix.name).toBe(unit.prefixName);
      expect(Object.is(component?.unit.value, unit.unitValue), spelling).toBe(true);
      expect(Object.is(component?.prefix.value, unit.prefixValue), spelling).toBe(true);
      expect(component?.unit.offset).toBe(0);
      const expected = dimensions.map((d) => (d === 'LENGTH' ? unit.lengthPower : d === 'TIME' ? unit.timePower : 0));
      expect(parsed.dimensions).toEqual(expected);
    }
  });
});

describe('evaluateFastQuantity', () => {
  it('converts to every dimension base unit', () => {
    for (const dimension of DIMENSIONS) {
      expect(evaluateFastQuantity('1', QUANTITY_DIMENSIONS[dimension].unit, {})).toEqual({ kind: 'number', value: 1 });
    }
    expect(evaluateFastQuantity('1 h', 'parsec', {})).toBeNull();
  });

  it('gives mathjs results bit for bit for strings in its grammar (property)', () => {
    fc.assert(
      fc.property(grammarCase, ([text, dimension]) => {
        const fast = parseFastQuantity(text, dimension);
        expect(fast, `fast path declined ${JSON.stringify(text)}`).not.toBeNull();
        if (fast !== null) expectSameOutcome(fast, parseWithMathjs(text, dimension));
      }),
      { seed, numRuns: 4000 },
    );
  });

  it('declines or agrees with mathjs on near misses: other tokens, operators, scope names (property)', () => {
    fc.assert(
      fc.property(soupString, fc.constantFrom(...DIMENSIONS), scopeArbitrary, (text, dimension, scope) => {
        const fast = parseFastQuantity(text, dimension, scope);
        if (fast !== null) expectSameOutcome(fast, parseWithMathjs(text, dimension, scope));
      }),
      { seed, numRuns: 4000 },
    );
  });

  it('declines what mathjs must evaluate: functions, powers, unknown units, signs, names in scope', () => {
    for (const text of ['sqrt(4) h', '2^3 h', '12 parsecs', '12 d', '3 sec', '-2 h', '1 h + 2 h', 'h(2)', '5./2 h']) {
      expect(parseFastQuantity(text, 'duration'), text).toBeNull();
    }
    expect(parseFastQuantity('2 h', 'duration', { h: 2 })).toBeNull();
  });
});
