// Locates the first syntax error in a JSON text, so that a damaged result file is reported at its line and column:
// JSON.parse's messages carry a position only for some errors, and their wording differs between Node versions.
// Grammar: RFC 8259 sections 2-7 (values, objects, arrays, numbers, strings).

/** The first syntax error of a JSON text. */
export interface JsonSyntaxError {
  /** Character offset (0-based) of the offending character, or the text length at an unexpected end. */
  readonly offset: number;
  /** What the grammar expected there, e.g. `',' or '}'`. */
  readonly expected: string;
  /** What was found, e.g. `","` or `the end of the file`. */
  readonly received: string;
}

/** Thrown inside the scanner to unwind to {@link findJsonSyntaxError}. */
class SyntaxStop extends Error {
  override readonly name = 'SyntaxStop';
  constructor(readonly error: JsonSyntaxError) {
    super(`expected ${error.expected} at offset ${error.offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Scans `text` as JSON and returns its first syntax error, or null when it is valid JSON (or nests so deeply that
 * the scanner runs out of stack, in which case the caller has only JSON.parse's message).
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (expected: string): never => {
    const received = i >= text.length ? 'the end of the file' : JSON.stringify(text[i]);
    throw new SyntaxStop({ offset: i, expected, received });
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail("a closing '\"'");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail("a character or '\"' (control characters must be escaped)");
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i])) i++;
        else fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
      } else i++;
    }
  };
  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        skipSpace();
        if (text[i] !== ':') fail("':'");
        i++;
        value();
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match !== null) {
      i += match[0].length;
      return;
    }
    fail('a JSON value');
  };
  try {
    value();
    skipSpace();
    if (i < text.length) fail('the end of the file');
    return null;
  } catch (stop) {
    if (stop instanceof SyntaxStop) return stop.error;
    if (stop instanceof RangeError) return null;
    throw stop;
  }
}
