// Every user-facing text of the topology importers: the `expected`/`received` halves of ImportError, warnings,
// option errors and the generated description. Keeping them here lets wording change without touching parsers.

import type { ImportFormat } from './imported-graph.ts';

/** Longest excerpt of source text quoted in a message, in UTF-16 code units; keeps 10 MB tokens out of messages. */
export const MAX_QUOTED_LENGTH = 40;

/** `file:line:column: expected X, got Y`. */
export function formatImportErrorMessage(
  file: string,
  line: number,
  column: number,
  expected: string,
  received: string,
): string {
  return `${file}:${line}:${column}: expected ${expected}, got ${received}`;
}

/** `file:line:column: text` for warnings. */
export function formatWarningMessage(file: string, line: number, column: number, text: string): string {
  return `${file}:${line}:${column}: warning: ${text}`;
}

/** Shortens source text (a key, a column name) to `maxLength` code units plus `…`. */
export function shorten(text: string, maxLength = MAX_QUOTED_LENGTH): string {
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

/** Quotes a piece of source text for a message, shortened and with control characters escaped. */
export function quote(text: string): string {
  return JSON.stringify(shorten(text));
}

/** Describes one character of the source for a message: `character '@' (U+0040)`. */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const printable = codePoint >= 0x20 && codePoint !== 0x7f && !(codePoint >= 0x80 && codePoint < 0xa0);
  return printable ? `character '${character}' (U+${hex})` : `character U+${hex}`;
}

/** The halves of ImportError messages, grouped by importer. */
export const EXPECTED = {
  inputFormat: 'a GML, GraphML or CSV topology',
  finiteNumber: 'a finite number',
  latitude: 'a latitude in [-90, 90] degrees',
  longitude: 'a longitude in [-180, 180] degrees',
  atLeastOneNode: 'at least one node',
  uniqueNodeId: (id: string) => `a node id not used before (${quote(id)} is taken)`,
  uniqueLinkId: (id: string) => `a link id not used before (${quote(id)} is taken)`,
  knownNode: (field: string) => `'${shorten(field)}' naming a node of this graph`,
  positiveLength: 'a positive, finite length in km',
  nestingDepth: (max: number) => `nesting at most ${max} levels deep`,

  gml: {
    key: 'a key',
    keyOrClose: "a key or ']'",
    value: (key: string) => `a value for '${shorten(key)}' (a number, a "string" or '[')`,
    closeList: (key: string, line: number, column: number) =>
      `']' to close ${shorten(key)} (opened at ${line}:${column})`,
    closeString: (line: number, column: number) => `'"' to close the string opened at ${line}:${column}`,
    numberEnd: 'white space, a bracket or a quote after the number',
    graphBlock: "a 'graph [ ... ]' block",
    singleGraph: "one 'graph' block per file",
    listAfter: (key: string) => `'[' after '${shorten(key)}'`,
    nodeId: "an 'id' that is an integer or a string",
    endpoint: (key: string) => `'${shorten(key)}' that is an integer or a string node id`,
    required: (key: string, within: string) => `'${shorten(key)}' in ${within}`,
    coordinate: (key: string) => `a number for '${shorten(key)}'`,
    scalar: (key: string) => `a number or a string for '${shorten(key)}'`,
  },

  graphml: {
    wellFormed: 'well-formed XML',
    root: 'a <graphml> root element',
    graph: 'a <graph> element inside <graphml>',
    singleGraph: 'one <graph> element per file',
    flatGraph: 'a flat graph (nested <graph> elements are not supported)',
    attribute: (attribute: string, element: string) => `a '${attribute}' attribute on <${element}>`,
    keyType: "attr.type 'boolean', 'int', 'long', 'float', 'double' or 'string'",
    typedValue: (type: string, name: string) => `a ${type} value for '${shorten(name)}'`,
    keyDomain: "for='node', 'edge', 'graph' or 'all'",
    keyCount: (max: number) => `at most ${max} <key> declarations`,
  },

  csv: {
    fieldCount: (count: number) => `${count} fields, as in the header`,
    closeQuote: (line: number, column: number) => `'"' to close the field opened at ${line}:${column}`,
    afterQuote: "',' or a line break after the closing quote",
    quoteInField: 'a quote only at the start of a field (quote the whole field and double inner quotes)',
    header: 'a header line naming the columns',
    uniqueColumn: (name: string) => `column names used once (${quote(name)} is repeated)`,
    value: (column: string) => `a value in column '${shorten(column)}'`,
    number: (column: string) => `a number in column '${shorten(column)}'`,
    tableKind: "a nodes table (with an 'id' column) or a links table (with 'from' and 'to' columns)",
    nodesTable: "a nodes table with an 'id' column",
    linksTable: "a links table with 'from' and 'to' columns",
  },
} as const;

export const RECEIVED = {
  endOfFile: 'end of file',
  emptyFile: 'an empty file',
  emptyGraph: 'a graph without nodes',
  openBracket: "'['",
  closeBracket: "']'",
  emptyField: 'an empty field',
  number: (text: string) => `number ${shorten(text)}`,
  string: (text: string) => `string ${quote(text)}`,
  key: (key: string) => `key ${quote(key)}`,
  text: (text: string) => quote(text),
  list: 'a list',
  realId: (text: string) => `the real number ${text}`,
  unknownNode: (id: string) => `unknown node id ${quote(id)}`,
  repeatedId: (id: string, firstLine: number) => `${quote(id)} again (first at line ${firstLine})`,
  secondGraph: "a second 'graph' block",
  secondGraphElement: 'a second <graph>',
  nestedGraph: 'a <graph> inside a <node>',
  element: (name: string) => `<${shorten(name)}>`,
  missingAttribute: (element: string) => `<${element}> without it`,
  missing: (within: string) => `${within} without it`,
  xmlProblem: (reason: string) => shorten(reason, 3 * MAX_QUOTED_LENGTH).replace(/\.$/, ''),
  fieldCount: (count: number) => `${count} field${count === 1 ? '' : 's'}`,
  depth: (depth: number) => `nesting ${depth} levels deep`,
  keyCount: (count: number) => `<key> number ${count}`,
  columns: (names: readonly string[]) => (names.length === 0 ? 'no columns' : `columns ${quote(names.join(','))}`),
  unrecognisedText: (text: string) => `text starting ${quote(text)}`,
} as const;

/** Warning texts; the converter and parsers return them as ImportWarning values. */
export const WARNINGS = {
  selfLoopDropped: (nodeId: string) => `a link joins node ${quote(nodeId)} to itself and was dropped`,
  directedEdges: 'the graph is directed; its edges are imported as undirected links',
  repeatedKey: (key: string, within: string) => `'${shorten(key)}' appears again in ${within}; the first value is kept`,
  halfCoordinates: (nodeId: string, present: string, missing: string) =>
    `node ${quote(nodeId)} has '${shorten(present)}' but no '${shorten(missing)}'; its coordinates were dropped`,
  defaultLength: (linkId: string, lengthKm: number) =>
    `link ${quote(linkId)} has an end without coordinates; lengthKm set to the default ${lengthKm} km`,
  minimumLength: (linkId: string, lengthKm: number) =>
    `link ${quote(linkId)} joins points less than ${lengthKm} km apart; lengthKm raised to ${lengthKm} km`,
  undeclaredKey: (key: string) => `<data key=${quote(key)}> refers to no <key> declaration; kept as a string`,
  unsupportedElement: (name: string) => `<${name}> is not supported and was skipped`,
  noServiceEndpoints: 'no node of kind other than hyperedge or external; no default service was created',
  inferredNodes: (count: number) =>
    `no nodes table was given; ${count} node${count === 1 ? '' : 's'} created from link ends, without coordinates`,
} as const;

/** Messages of ImportOptionsError: they name the option and the rule. */
export const OPTION_ERRORS = {
  endpoint: (path: string, value: string) =>
    `options.${path} must name a node of the imported graph (its id or its source id), got ${quote(value)}`,
  endpointsEmpty: (path: string) => `options.${path} must list at least one node`,
  positiveNumber: (path: string, value: unknown) =>
    `options.${path} must be a positive finite number, got ${String(value)}`,
  positiveInteger: (path: string, value: unknown) => `options.${path} must be a positive integer, got ${String(value)}`,
  linksWithoutCsv: 'options.linksCsv is only valid with CSV input',
} as const;

const FORMAT_NAMES: Record<ImportFormat, string> = { gml: 'GML', graphml: 'GraphML', csv: 'CSV' };

/** Graph metadata keys quoted in the description, in this order (Topology Zoo names). */
const DESCRIBED_METADATA_KEYS = ['Network', 'GeoLocation', 'Type', 'NetworkDate', 'Source'] as const;

/** Free-text `description` of an imported topology: where it came from and what the defaults mean. */
export function describeImport(
  fileNames: readonly string[],
  format: ImportFormat,
  metadata: Readonly<Record<string, string | number | boolean>>,
): string {
  const parts = [`Imported from ${fileNames.join(' and ')} (${FORMAT_NAMES[format]}) by neverout import.`];
  const facts = DESCRIBED_METADATA_KEYS.filter((key) => metadata[key] !== undefined).map(
    (key) => `${key}: ${String(metadata[key]).trim()}`,
  );
  if (facts.length > 0) parts.push(`${facts.join('; ')}.`);
  const creator = metadata['Creator'];
  if (typeof creator === 'string' && creator.includes('Topology Zoo')) {
    parts.push(
      'Data: The Internet Topology Zoo (Knight et al., IEEE JSAC 29(9), 2011, doi:10.1109/JSAC.2011.111002), CC BY 4.0.',
    );
  }
  parts.push('Failure figures are generic public defaults, not measurements of this network.');
  return parts.join(' ');
}

/** Name of the default all-terminal service. */
export function describeAllTerminalService(nodeCount: number): string {
  return `All ${nodeCount} sites connected`;
}

/** Name of a service given through options. */
export const OPTION_SERVICE_NAME = 'Imported service';

/** First comment line of serialised YAML. */
export const YAML_HEADER_COMMENT =
  ' Generated by neverout import. Failure defaults are generic public figures; replace them with measured ones.';
