// GML tokenizer with line and column tracking. Lexical rules follow Himsolt's GML specification (keys, integers,
// reals, quoted strings, `[`/`]`, `#` comments); strings also accept \" and \\ and decode HTML character references.

import { ImportError, type SourcePosition } from '../import-error.ts';
import { EXPECTED, RECEIVED, describeCharacter } from '../messages.ts';
import { scanDecimal } from './decimal.ts';

export type GmlToken =
  | { readonly type: 'key'; readonly text: string; readonly line: number; readonly column: number }
  | {
      readonly type: 'integer' | 'real';
      readonly text: string;
      readonly value: number;
      readonly line: number;
      readonly column: number;
    }
  | { readonly type: 'string'; readonly value: string; readonly line: number; readonly column: number }
  | { readonly type: 'open' | 'close' | 'eof'; readonly line: number; readonly column: number };

/**
 * HTML 4 names of the ISO 8859-1 characters U+00A0..U+00FF, in code point order. GML (Himsolt 1997, section 2)
 * writes characters outside ASCII as such character references; networkx `read_gml` decodes them the same way.
 */
const LATIN1_ENTITY_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ' +
  'ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc ' +
  'uuml yacute thorn yuml'
).split(' ');

const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ...LATIN1_ENTITY_NAMES.map((name, index): [string, string] => [name, String.fromCharCode(0xa0 + index)]),
]);

// Bounded repetitions keep this linear on hostile input.
const ENTITY_PATTERN = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g;

/** Decodes HTML character references; unknown names and invalid code points stay as written. */
export function decodeCharacterReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_PATTERN, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES.get(name) ?? whole;
    const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    const isScalarValue = codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return isScalarValue ? String.fromCodePoint(codePoint) : whole;
  });
}

function isKeyStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

function isKeyPart(code: number): boolean {
  return isKeyStart(code) || (code >= 0x30 && code <= 0x39);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x0b;
}

/** A character that may follow a number or key without white space. */
function isDelimiter(code: number): boolean {
  return Number.isNaN(code) || isSpace(code) || code === 0x5b || code === 0x5d || code === 0x22 || code === 0x23;
}

export class GmlTokenizer {
  private index = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  /** Position of the next unread character. */
  position(): SourcePosition {
    return { line: this.line, column: this.index - this.lineStart + 1 };
  }

  private fail(position: SourcePosition, expected: string, received: string): never {
    throw new ImportError(this.file, position, expected, received);
  }

  /** Advances over one line break at `index` if there is one (`\n`, `\r\n` or `\r`). */
  private consumeLineBreak(): boolean {
    const code = this.text.charCodeAt(this.index);
    if (code === 0x0a || code === 0x0d) {
      this.index += code === 0x0d && this.text.charCodeAt(this.index + 1) === 0x0a ? 2 : 1;
      this.line++;
      this.lineStart = this.index;
      return true;
    }
    return false;
  }

  private skipSpaceAndComments(): void {
    const { text } = this;
    while (this.index < text.length) {
      if (this.consumeLineBreak()) continue;
      const code = text.charCodeAt(this.index);
      if (isSpace(code)) {
        this.index++;
      } else if (code === 0x23) {
        while (
          this.index < text.length &&
          text.charCodeAt(this.index) !== 0x0a &&
          text.charCodeAt(this.index) !== 0x0d
        ) {
          this.index++;
        }
      } else {
        return;
      }
    }
  }

  /** Reads the next token; throws ImportError on text that is no GML token. */
  next(): GmlToken {
    this.skipSpaceAndComments();
    const { text } = this;
    const { line, column } = this.position();
    if (this.index >= text.length) return { type: 'eof', line, column };
    const code = text.charCodeAt(this.index);
    if (code === 0x5b || code === 0x5d) {
      this.index++;
      return { type: code === 0x5b ? 'open' : 'close', line, column };
    }
    if (code === 0x22) return this.readString(line, column);
    if (isKeyStart(code)) {
      let end = this.index + 1;
      while (end < text.length && isKeyPart(text.charCodeAt(end))) end++;
      const key = text.slice(this.index, end);
      if (!isDelimiter(text.charCodeAt(end))) {
        this.fail({ line, column: column + end - this.index }, EXPECTED.gml.key, this.describeAt(end));
      }
      this.index = end;
      return { type: 'key', text: key, line, column };
    }
    const scan = scanDecimal(text, this.index);
    if (scan !== null) {
      const numberText = text.slice(this.index, scan.end);
      if (!isDelimiter(text.charCodeAt(scan.end))) {
        this.fail({ line, column: column + scan.end - this.index }, EXPECTED.gml.numberEnd, this.describeAt(scan.end));
      }
      const value = Number(numberText);
      if (!Number.isFinite(value)) this.fail({ line, column }, EXPECTED.finiteNumber, RECEIVED.number(numberText));
      this.index = scan.end;
      return { type: scan.isInteger ? 'integer' : 'real', text: numberText, value, line, column };
    }
    return this.fail({ line, column }, EXPECTED.gml.key, this.describeAt(this.index));
  }

  /** Describes the character at `index` (a whole code point) for an error message. */
  private describeAt(index: number): string {
    const codePoint = this.text.codePointAt(index);
    return codePoint === undefined ? RECEIVED.endOfFile : describeCharacter(String.fromCodePoint(codePoint));
  }

  private readString(line: number, column: number): GmlToken {
    const { text } = this;
    const parts: string[] = [];
    this.index++;
    let segmentStart = this.index;
    while (this.index < text.length) {
      const code = text.charCodeAt(this.index);
      if (code === 0x22) {
        parts.push(text.slice(segmentStart, this.index));
        this.index++;
        return { type: 'string', value: decodeCharacterReferences(parts.join('')), line, column };
      }
      if (code === 0x5c) {
        const escaped = text.charCodeAt(this.index + 1);
        if (escaped === 0x22 || escaped === 0x5c) {
          parts.push(text.slice(segmentStart, this.index));
          this.index++;
          segmentStart = this.index;
          this.index++;
          continue;
        }
      }
      if (!this.consumeLineBreak()) this.index++;
    }
    return this.fail(this.position(), EXPECTED.gml.closeString(line, column), RECEIVED.endOfFile);
  }
}
