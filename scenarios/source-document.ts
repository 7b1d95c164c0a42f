// Parses YAML or JSON text into plain data while keeping a map from field paths to line and column, so that
// validation can point at `file:line:column` for any field (yaml's CST ranges and LineCounter).

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { Diagnostic } from './scenario-error.ts';

/** A parsed file: its data and a locator from field paths to positions. */
export interface SourceDocument {
  readonly file: string;
  readonly value: unknown;
  /**
   * Position of the value at `path` (or of its nearest existing ancestor); 1-based. A merged document (a
   * topology that extends another) also says which file the value came from and its path in that file.
   */
  locate(path: ReadonlyArray<string | number>): SourceLocation;
}

/** Where a value is: line and column, and for merged documents the file and path it came from. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
  readonly file?: string;
  readonly path?: ReadonlyArray<string | number>;
}

/** Result of parsing: a document, or the syntax errors found. */
export type ParseOutcome =
  | { readonly kind: 'ok'; readonly document: SourceDocument }
  | { readonly kind: 'syntax-error'; readonly diagnostics: Diagnostic[] };

/** Largest input accepted, in characters; bigger files are refused rather than parsed slowly. */
export const MAX_SOURCE_CHARS = 50_000_000;

/**
 * Limit on YAML alias expansion (yaml's `maxAliasCount`: uses of an alias times the aliases inside what it
 * names). Real files that reuse an anchor hundreds of times stay far below it; an "alias bomb" that would expand
 * to gigabytes reaches it at once and is refused as an input error.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

/**
 * Parses YAML (1.2; JSON is accepted as YAML) with positions.
 * @param file name used in diagnostics
 * @param text file contents
 */
export function parseSourceDocument(file: string, text: string): ParseOutcome {
  if (text.length > MAX_SOURCE_CHARS) {
    return {
      kind: 'syntax-error',
      diagnostics: [
        { severity: 'error', file, line: 0, column: 0, path: '', message: `file is larger than ${MAX_SOURCE_CHARS} characters` },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      kind: 'syntax-error',
      diagnostics: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          severity: 'error' as const,
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `invalid YAML/JSON: ${e.message.split('\n')[0]}`,
        };
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const pos = lineCounter.linePos(offset);
    return {
      kind: 'syntax-error',
      diagnostics: [
        {
          severity: 'error',
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message:
            `YAML aliases expand too far: uses of an alias times the aliases inside what it names exceed ${MAX_ALIAS_EXPANSION} ` +
            '(a resource limit against alias bombs); write such values out, or nest fewer aliases inside anchors',
        },
      ],
    };
  }
  const locate = (path: ReadonlyArray<string | number>): SourceLocation => {
    let node: unknown = doc.contents;
    let best: Node | null = isNode(node) ? node : null;
    for (const segment of path) {
      let next: unknown = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair !== undefined) {
          next = pair.value ?? pair.key;
          // A missing value points at its key.
          if (pair.value === null && isNode(pair.key)) best = pair.key;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (!isNode(next)) break;
      node = next;
      best = next;
    }
    const offset = best?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return { kind: 'ok', document: { file, value, locate } };
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value);
}

/**
 * The document of a file whose parsed value is known already (the build's snapshot of a shipped file, made by
 * {@link parseSourceDocument} from the same text): the value as given, and positions from a parse of the text made
 * only when a diagnostic first asks for one.
 */
export function documentFromParsedValue(file: string, text: string, value: unknown): SourceDocument {
  let parsed: SourceDocument | null = null;
  return {
    file,
    value,
    locate(path) {
      if (parsed === null) {
        const outcome = parseSourceDocument(file, text);
        if (outcome.kind !== 'ok') throw new RangeError(`${file}: a parsed snapshot of text that does not parse`);
        parsed = outcome.document;
      }
      return parsed.locate(path);
    },
  };
}

