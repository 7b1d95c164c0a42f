// Strict decimal-number scanning shared by the GML tokenizer and the GraphML/CSV value readers. Hand-written
// rather than a regular expression so that a 10 MB run of digits is scanned in linear time.

/** Result of {@link scanDecimal}: `end` is the index after the number (excluded). */
export interface DecimalScan {
  readonly end: number;
  /** No fraction and no exponent. */
  readonly isInteger: boolean;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function skipDigits(text: string, index: number): number {
  let i = index;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Scans `[+-]? (digits ('.' digits?)? | '.' digits) ([eE] [+-]? digits)?` starting at `start` (included).
 * Returns null when no number starts there. An exponent marker not followed by digits is left unscanned.
 */
export function scanDecimal(text: string, start: number): DecimalScan | null {
  let i = start;
  const sign = text.charCodeAt(i);
  if (sign === 0x2b || sign === 0x2d) i++;
  const integerEnd = skipDigits(text, i);
  let hasDigits = integerEnd > i;
  let isInteger = true;
  i = integerEnd;
  if (text.charCodeAt(i) === 0x2e) {
    const fractionEnd = skipDigits(text, i + 1);
    hasDigits ||= fractionEnd > i + 1;
    isInteger = false;
    i = fractionEnd;
  }
  if (!hasDigits) return null;
  const marker = text.charCodeAt(i);
  if (marker === 0x65 || marker === 0x45) {
    let j = i + 1;
    const exponentSign = text.charCodeAt(j);
    if (exponentSign === 0x2b || exponentSign === 0x2d) j++;
    const exponentEnd = skipDigits(text, j);
    if (exponentEnd > j) {
      isInteger = false;
      i = exponentEnd;
    }
  }
  return { end: i, isInteger };
}

/**
 * Parses a whole string (surrounding white space ignored) as a decimal number. Returns null when it is not one
 * (`NaN`, `Infinity`, hex, empty, trailing text); may return ±Infinity for `1e999`, which callers must reject.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  const scan = scanDecimal(trimmed, 0);
  if (scan === null || scan.end !== trimmed.length) return null;
  return Number(trimmed);
}
