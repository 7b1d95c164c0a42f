// Public API of the topology importers: turn a GML (Internet Topology Zoo), GraphML or CSV network description
// into a neverout topology document. Bad input always ends as an ImportError with file, line and column.

import { importedGraphToTopologyDocument, type ConvertOptions, type TopologyDocument } from './convert.ts';
import { parseCsvTopology, type CsvTableInput } from './csv-parser.ts';
import { parseGml } from './gml-parser.ts';
import { parseGraphml } from './graphml-parser.ts';
import { ImportError, ImportOptionsError } from './import-error.ts';
import type { ImportFormat, ImportWarning, ParsedGraph } from './imported-graph.ts';
import { EXPECTED, OPTION_ERRORS, RECEIVED } from './messages.ts';

export {
  ALL_TERMINAL_SERVICE_ID,
  DEFAULT_CONVERT_OPTIONS,
  FALLBACK_LENGTH_KM,
  GENERIC_FAILURE_DEFAULTS,
  MIN_LENGTH_KM,
  TOPOLOGY_FORMAT,
  importedGraphToTopologyDocument,
  resolveConvertOptions,
  serializeTopologyYaml,
} from './convert.ts';
export type {
  ConvertOptions,
  FailureFigures,
  ResolvedConvertOptions,
  ServiceOption,
  TopologyDefaults,
  TopologyDocument,
  TopologyDocumentLink,
  TopologyDocumentNode,
  TopologyDocumentService,
} from './convert.ts';
export { parseCsvRecords, parseCsvTopology } from './csv-parser.ts';
export type { CsvTableInput } from './csv-parser.ts';
export { MAX_GML_DEPTH, parseGml } from './gml-parser.ts';
export type { GmlParseOptions } from './gml-parser.ts';
export { MAX_GRAPHML_DEPTH, MAX_GRAPHML_KEYS, parseGraphml } from './graphml-parser.ts';
export type { GraphmlParseOptions } from './graphml-parser.ts';
export { ImportError, ImportOptionsError, isImportError } from './import-error.ts';
export type { SourcePosition } from './import-error.ts';
export type {
  AttributeValue,
  ImportFormat,
  ImportWarning,
  ImportWarningCode,
  ImportedGraph,
  ImportedLink,
  ImportedNode,
  ParsedGraph,
} from './imported-graph.ts';

/** Options of {@link importTopology}; every field optional. */
export interface ImportTopologyOptions extends ConvertOptions {
  /** Name of the input in messages and format detection; default `input`. */
  readonly fileName?: string;
  /** Source format; default detected by {@link detectFormat}. */
  readonly format?: ImportFormat;
  /** The second table of a CSV import (nodes and links tables may come in either order). CSV only. */
  readonly linksCsv?: CsvTableInput;
}

/** What {@link importTopology} returns. */
export interface ImportResult {
  readonly document: TopologyDocument;
  /** Parser and converter warnings, in that order. */
  readonly warnings: readonly ImportWarning[];
}

const EXTENSION_FORMATS: ReadonlyMap<string, ImportFormat> = new Map([
  ['gml', 'gml'],
  ['graphml', 'graphml'],
  ['xml', 'graphml'],
  ['csv', 'csv'],
]);

/** How much of the text the content sniffing in {@link detectFormat} looks at, in UTF-16 code units. */
const SNIFF_LENGTH = 4096;

/**
 * Detects the format of an input: by the extension of `path` (`.gml`; `.graphml` or `.xml`; `.csv`,
 * case-insensitive), else by content: `<` first means GraphML, a `graph [` block means GML, a comma in the first
 * line means CSV. Throws ImportError at 1:1 when neither tells.
 */
export function detectFormat(path: string, text: string): ImportFormat {
  const extension = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  const byExtension = extension === undefined ? undefined : EXTENSION_FORMATS.get(extension);
  if (byExtension !== undefined) return byExtension;
  const head = stripByteOrderMark(text).slice(0, SNIFF_LENGTH);
  const trimmed = head.trimStart();
  if (trimmed.startsWith('<')) return 'graphml';
  if (/(^|\s)graph\s*\[/.test(head)) return 'gml';
  const firstLine = trimmed.split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (firstLine.includes(',')) return 'csv';
  const received = trimmed === '' ? RECEIVED.emptyFile : RECEIVED.unrecognisedText(trimmed.slice(0, 20));
  throw new ImportError(path, { line: 1, column: 1 }, EXPECTED.inputFormat, received);
}

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** UTF-8 decoding without exceptions: invalid sequences become U+FFFD, which the parsers then reject or keep. */
function decodeInput(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  return stripByteOrderMark(text);
}

/**
 * Imports a network description as a neverout topology document.
 *
 * ```
 * text ──decode (UTF-8, BOM)──> string ──detectFormat──> gml | graphml | csv
 *      ──parseGml | parseGraphml | parseCsvTopology──> ImportedGraph (+ warnings)
 *      ──importedGraphToTopologyDocument──> TopologyDocument (+ warnings)
 * ```
 *
 * Throws {@link ImportError} for any problem in the input (never another exception, never a hang: parsers are
 * linear and depth-limited) and {@link ImportOptionsError} for invalid options.
 */
export function importTopology(input: string | Uint8Array, options: ImportTopologyOptions = {}): ImportResult {
  const fileName = options.fileName ?? 'input';
  const text = decodeInput(input);
  const format = options.format ?? detectFormat(fileName, text);
  if (options.linksCsv !== undefined && format !== 'csv') {
    throw new ImportOptionsError('linksCsv', OPTION_ERRORS.linksWithoutCsv);
  }
  const parsed = parseInput(text, fileName, format, options.linksCsv);
  const converted = importedGraphToTopologyDocument(parsed.graph, options);
  return { document: converted.document, warnings: [...parsed.warnings, ...converted.warnings] };
}

function parseInput(
  text: string,
  fileName: string,
  format: ImportFormat,
  linksCsv: CsvTableInput | undefined,
): ParsedGraph {
  switch (format) {
    case 'gml':
      return parseGml(text, { fileName });
    case 'graphml':
      return parseGraphml(text, { fileName });
    case 'csv': {
      const tables: CsvTableInput[] = [{ text, fileName }];
      if (linksCsv !== undefined) tables.push({ text: decodeInput(linksCsv.text), fileName: linksCsv.fileName });
      return parseCsvTopology(tables);
    }
  }
}
