// Evaluates the common quantity forms (`12 h`, `3 / (1000 km) / year`) without mathjs, whose import costs ~0.6 s.
// It mirrors mathjs 15.2 exactly: its parse precedence, its unit values and its float operation order, so a result is
// bit-identical to mathjs; any text outside this small grammar is declined (null) and left to mathjs.

/** A unit spelling the fast path knows, with its values as mathjs defines them (lib/esm/type/unit/Unit.js). */
export interface FastUnit {
  /** mathjs prefix name (`k` in `km`, `kilo` in `kilometer`), empty when none. */
  readonly prefixName: string;
  /** mathjs unit name (`m`, `meters`, `hours`): with the prefix it is the spelling. */
  readonly unitName: string;
  /** Size of the unit in SI base units (seconds or metres), mathjs `unit.value`. */
  readonly unitValue: number;
  /** mathjs `prefix.value` (1000 for `k`), 1 when none. */
  readonly prefixValue: number;
  /** Exponent of the length dimension (0 or 1). */
  readonly lengthPower: number;
  /** Exponent of the time dimension (0 or 1). */
  readonly timePower: number;
}

function timeUnit(unitName: string, unitValue: number): FastUnit {
  return { prefixName: '', unitName, unitValue, prefixValue: 1, lengthPower: 0, timePower: 1 };
}

function lengthUnit(prefixName: string, unitName: string, prefixValue: number): FastUnit {
  return { prefixName, unitName, unitValue: 1, prefixValue, lengthPower: 1, timePower: 0 };
}

// Values copied from mathjs UNITS, ALIASES and PREFIXES (lib/esm/type/unit/Unit.js); a unit test compares every
// entry with math.Unit. `sec` and `min` are left out on purpose: they are also mathjs functions (secant, minimum), so
// mathjs evaluates `3 sec` as 3 times a function; `min` and `mins` never get here anyway (normalised to `minute`).
const UNIT_LIST: readonly FastUnit[] = [
  ...['s', 'secs', 'second', 'seconds'].map((name) => timeUnit(name, 1)),
  ...['minute', 'minutes'].map((name) => timeUnit(name, 60)),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((name) => timeUnit(name, 3600)),
  ...['day', 'days'].map((name) => timeUnit(name, 86400)),
  ...['week', 'weeks'].map((name) => timeUnit(name, 7 * 86400)),
  ...['month', 'months'].map((name) => timeUnit(name, 2629800)),
  ...['year', 'years'].map((name) => timeUnit(name, 31557600)),
  ...['decade', 'decades'].map((name) => timeUnit(name, 315576000)),
  lengthUnit('', 'm', 1),
  lengthUnit('k', 'm', 1000),
  ...['meter', 'meters'].map((name) => lengthUnit('', name, 1)),
  ...['meter', 'meters'].map((name) => lengthUnit('kilo', name, 1000)),
];

/** Every unit spelling the fast path accepts, keyed by spelling (`km`, `hours`). */
export const FAST_UNITS: ReadonlyMap<string, FastUnit> = new Map(UNIT_LIST.map((u) => [u.prefixName + u.unitName, u]));

/**
 * Result of an evaluation, before it is checked: a plain number, or a unit whose `value` is converted to the target
 * unit (possibly not finite; null when the dimensions differ) and whose `units` are as mathjs formatUnits prints them.
 */
export type FastQuantity =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'unit'; readonly value: number | null; readonly units: string };

interface UnitTerm {
  readonly unit: FastUnit;
  readonly power: number;
}

/** A mathjs Unit reduced to what these operations use; value is in SI units, null for a bare unit like `h`. */
interface UnitValue {
  readonly value: number | null;
  readonly terms: readonly UnitTerm[];
  readonly lengthPower: number;
  readonly timePower: number;
}

type Value = number | UnitValue;

type Token =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'symbol'; readonly unit: FastUnit }
  | { readonly kind: '(' | ')' | '*' | '/' | 'end' };

type Node =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'symbol'; readonly unit: FastUnit }
  | { readonly kind: 'parenthesis'; readonly content: Node }
  | { readonly kind: 'operator'; readonly fn: 'multiply' | 'divide'; readonly args: readonly [Node, Node] };

// Characters of the grammar; anything else (+ and - outside an exponent, ^, %, quotes, non-ASCII letters that mathjs
// would take into a name) declines at once.
const GRAMMAR_CHARACTERS = /^[0-9A-Za-z_$ \t\u00A0.()*/+-]*$/;

/**
 * Evaluates a normalised quantity text on the fast path and converts it to `targetUnit`.
 * @param text the text after normaliseQuantityText (count words removed, `per` as `/`)
 * @param targetUnit the dimension's base unit as mathjs spells it (`h`, `year^-1`, `km^-1 year^-1`, `km`)
 * @param scope names an expression may use; a text using one is declined (mathjs resolves it)
 * @returns the result, or null when the text is outside the fast grammar and mathjs must evaluate it
 */
export function evaluateFastQuantity(
  text: string,
  targetUnit: string,
  scope: Readonly<Record<string, number>>,
): FastQuantity | null {
  const target = parseTargetUnit(targetUnit);
  if (target === null || !GRAMMAR_CHARACTERS.test(text)) return null;
  const tokens = tokenize(text, scope);
  if (tokens === null) return null;
  const parser = new Parser(tokens);
  const root = parser.parseMultiplyDivide();
  if (root === null || parser.peek().kind !== 'end') return null;
  const result = evaluateNode(root);
  if (typeof result === 'number') return { kind: 'number', value: result };
  return { kind: 'unit', value: convertTo(result, target), units: formatUnits(result) };
}

const targetCache = new Map<string, UnitValue | null>();

/** Parses a target like `km^-1 year^-1` as Unit.parse does for these simple lists, or null if it cannot. */
function parseTargetUnit(spec: string): UnitValue | null {
  const cached = targetCache.get(spec);
  if (cached !== undefined) return cached;
  const terms: UnitTerm[] = [];
  for (const part of spec.split(' ')) {
    const match = /^([A-Za-z]+)(?:\^(-?[0-9]+))?$/.exec(part);
    const unit = match === null ? undefined : FAST_UNITS.get(match[1] ?? '');
    if (match === null || unit === undefined) {
      targetCache.set(spec, null);
      return null;
    }
    terms.push({ unit, power: match[2] === undefined ? 1 : Number(match[2]) });
  }
  const target: UnitValue = {
    value: null,
    terms,
    lengthPower: terms.reduce((sum, t) => sum + t.unit.lengthPower * t.power, 0),
    timePower: terms.reduce((sum, t) => sum + t.unit.timePower * t.power, 0),
  };
  targetCache.set(spec, target);
  return target;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** mathjs parse.isDecimalMark: a dot that does not start `./`, `.*` or `.^`. */
function isDecimalMark(c: string, next: string): boolean {
  return c === '.' && next !== '/' && next !== '*' && next !== '^';
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}

/**
 * Splits the text into tokens as mathjs getToken does (lib/esm/expression/parse.js), or null for a token outside the
 * grammar: a name that is not a fast unit (or is in scope), a radix literal, a bad exponent, a lone dot, + or -.
 */
function tokenize(text: string, scope: Readonly<Record<string, number>>): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  const at = (k: number): string => text.charAt(k);
  for (;;) {
    while (at(i) === ' ' || at(i) === '\t' || at(i) === '\u00A0') i++;
    const c = at(i);
    if (c === '') break;
    if (c === '(' || c === ')' || c === '*' || c === '/') {
      tokens.push({ kind: c });
      i++;
    } else if (isDigit(c) || c === '.') {
      const start = i;
      const radix = text.slice(i, i + 2);
      if (radix === '0b' || radix === '0o' || radix === '0x') return null;
      if (c === '.') {
        if (!isDigit(at(i + 1))) return null;
        i++;
      } else {
        while (isDigit(at(i))) i++;
        if (isDecimalMark(at(i), at(i + 1))) i++;
      }
      while (isDigit(at(i))) i++;
      if (at(i) === 'e' || at(i) === 'E') {
        if (isDigit(at(i + 1)) || at(i + 1) === '-' || at(i + 1) === '+') {
          i++;
          if (at(i) === '+' || at(i) === '-') i++;
          if (!isDigit(at(i))) return null;
          while (isDigit(at(i))) i++;
          if (isDecimalMark(at(i), at(i + 1))) return null;
        } else if (isDecimalMark(at(i + 1), at(i + 2))) {
          return null;
        }
      }
      tokens.push({ kind: 'number', text: text.slice(start, i) });
    } else if (isNameStart(c)) {
      const start = i;
      while (isNameStart(at(i)) || isDigit(at(i))) i++;
      const name = text.slice(start, i);
      const unit = FAST_UNITS.get(name);
      if (unit === undefined || name in scope) return null;
      tokens.push({ kind: 'symbol', unit });
    } else {
      return null;
    }
  }
  tokens.push({ kind: 'end' });
  return tokens;
}

/**
 * Recursive descent over the tokens with mathjs's precedence (lib/esm/expression/parse.js): explicit `*` and `/`
 * (parseMultiplyDivideModulus) bind looser than implicit multiplication (parseImplicitMultiplication), which binds
 * looser than `number / number unit` (parseRule2, so `3 / 4 km` is `(3 / 4) km`). Each method returns null where
 * mathjs would throw or build a node outside the grammar.
 */
class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token {
    // The list always ends with an `end` token, so reading past it reads `end` again.
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)];
  }

  parseMultiplyDivide(): Node | null {
    let node = this.parseImplicitMultiplication();
    for (let token = this.peek(); node !== null && (token.kind === '*' || token.kind === '/'); token = this.peek()) {
      this.position++;
      const last = this.parseImplicitMultiplication();
      if (last === null) return null;
      node = { kind: 'operator', fn: token.kind === '*' ? 'multiply' : 'divide', args: [node, last] };
    }
    return node;
  }

  private parseImplicitMultiplication(): Node | null {
    let node = this.parseRule2();
    let last = node;
    while (node !== null && last !== null) {
      const token = this.peek();
      const numberMayFollow = last.kind !== 'constant' && last.kind !== 'operator';
      if (!(token.kind === 'symbol' || token.kind === '(' || (token.kind === 'number' && numberMayFollow))) break;
      last = this.parseRule2();
      if (last === null) return null;
      node = { kind: 'operator', fn: 'multiply', args: [node, last] };
    }
    return node;
  }

  private parseRule2(): Node | null {
    let node = this.parsePrimary();
    let last = node;
    // mathjs rule2Node also admits a unary -, + or ~ before the number; the fast grammar has no unary operators.
    while (node !== null && last !== null && last.kind === 'constant' && this.peek().kind === '/') {
      const after = this.peek(2).kind;
      if (this.peek(1).kind !== 'number' || (after !== 'symbol' && after !== '(')) break;
      this.position++;
      last = this.parsePrimary();
      if (last === null) return null;
      node = { kind: 'operator', fn: 'divide', args: [node, last] };
    }
    return node;
  }

  private parsePrimary(): Node | null {
    const token = this.peek();
    this.position++;
    switch (token.kind) {
      case 'number':
        // mathjs numeric(text, 'number') is Number(text) for decimal literals (lib/esm/type/number.js).
        return { kind: 'constant', value: Number(token.text) };
      case 'symbol':
        // A name followed by `(` is a function call in mathjs (parseAccessors), never a unit.
        return this.peek().kind === '(' ? null : { kind: 'symbol', unit: token.unit };
      case '(': {
        const content = this.parseMultiplyDivide();
        if (content === null || this.peek().kind !== ')') return null;
        this.position++;
        return { kind: 'parenthesis', content };
      }
      default:
        return null;
    }
  }
}

function evaluateNode(node: Node): Value {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'symbol':
      // SymbolNode of a valueless unit evaluates to new Unit(null, name).
      return {
        value: null,
        terms: [{ unit: node.unit, power: 1 }],
        lengthPower: node.unit.lengthPower,
        timePower: node.unit.timePower,
      };
    case 'parenthesis':
      return evaluateNode(node.content);
    case 'operator': {
      const left = evaluateNode(node.args[0]);
      const right = evaluateNode(node.args[1]);
      return node.fn === 'multiply' ? multiply(left, right) : divide(left, right);
    }
  }
}

/** new Unit(number): no units, the number as its value. */
function unitOf(value: Value): UnitValue {
  return typeof value === 'number' ? { value, terms: [], lengthPower: 0, timePower: 0 } : value;
}

/** mathjs multiplyScalar: `number * Unit` is `unit.multiply(number)` (lib/esm/function/arithmetic/multiplyScalar.js). */
function multiply(x: Value, y: Value): Value {
  if (typeof x === 'number' && typeof y === 'number') return x * y;
  if (typeof x === 'number') return combine(unitOf(y), unitOf(x), 1);
  return combine(x, unitOf(y), 1);
}

/** mathjs divideScalar: `number / Unit` is `new Unit(number).divide(unit)` (Unit.prototype.divideInto). */
function divide(x: Value, y: Value): Value {
  if (typeof x === 'number' && typeof y === 'number') return x / y;
  return combine(unitOf(x), unitOf(y), -1);
}

/**
 * Unit.prototype.multiply (sign 1) and Unit.prototype.divide (sign -1): dimensions add, the other's units are
 * appended (inverted for divide), and a missing value is the other unit's normalised 1; then a dimensionless result
 * with a value becomes a plain number (getNumericIfUnitless).
 */
function combine(self: UnitValue, other: UnitValue, sign: 1 | -1): Value {
  const lengthPower = self.lengthPower + sign * other.lengthPower;
  const timePower = self.timePower + sign * other.timePower;
  const terms = [...self.terms, ...other.terms.map((t) => (sign === 1 ? t : { unit: t.unit, power: -t.power }))];
  let value: number | null = null;
  if (self.value !== null || other.value !== null) {
    const valueSelf = self.value ?? normalise(self, 1);
    const valueOther = other.value ?? normalise(other, 1);
    value = sign === 1 ? valueSelf * valueOther : valueSelf / valueOther;
  }
  if (Math.abs(lengthPower) <= 1e-12 && Math.abs(timePower) <= 1e-12 && value !== null) return value;
  return { value, terms, lengthPower, timePower };
}

/** Unit.prototype._normalize: value × (unitValue × prefixValue)^power for each unit in order. */
function normalise(unit: UnitValue, value: number): number {
  let result = value;
  for (const { unit: u, power } of unit.terms) result = result * Math.pow(u.unitValue * u.prefixValue, power);
  return result;
}

/**
 * Unit.prototype.toNumber(target): Unit.prototype.to checks equal dimensions (within 1e-12) and keeps the SI value
 * (none of these units has an offset), then _denormalize divides by (unitValue × prefixValue)^power per target unit.
 */
function convertTo(unit: UnitValue, target: UnitValue): number | null {
  const value = unit.value ?? normalise(unit, 1);
  const sameDimensions =
    Math.abs(unit.lengthPower - target.lengthPower) <= 1e-12 && Math.abs(unit.timePower - target.timePower) <= 1e-12;
  if (!sameDimensions) return null;
  let result = value;
  for (const { unit: u, power } of target.terms) result = result / Math.pow(u.unitValue * u.prefixValue, power);
  return result;
}

/** Unit.prototype.formatUnits: `km`, `year^-1`, `h / km`, `(h km) / (year m)`, as mathjs prints them. */
function formatUnits(unit: UnitValue): string {
  const name = (t: UnitTerm): string => t.unit.prefixName + t.unit.unitName;
  const numerator = unit.terms.filter((t) => t.power > 0);
  const denominator = unit.terms.filter((t) => t.power < 0);
  let numeratorText = numerator.map((t) => name(t) + (Math.abs(t.power - 1) > 1e-15 ? `^${t.power}` : '')).join(' ');
  let denominatorText = denominator
    .map((t) => {
      if (numerator.length === 0) return `${name(t)}^${t.power}`;
      return name(t) + (Math.abs(t.power + 1) > 1e-15 ? `^${-t.power}` : '');
    })
    .join(' ');
  if (numerator.length > 1 && denominator.length > 0) numeratorText = `(${numeratorText})`;
  if (denominator.length > 1 && numerator.length > 0) denominatorText = `(${denominatorText})`;
  return numeratorText + (numerator.length > 0 && denominator.length > 0 ? ' / ' : '') + denominatorText;
}
