// GML reader for the Internet Topology Zoo dialect: tokens → key/value tree (iterative, depth-limited) →
// ImportedGraph. Tolerates the Zoo's quirks: parallel edges without `multigraph`, missing coordinates,
// label-less hyperedge nodes, duplicate labels (nodes are keyed by `id`), mixed-type attributes.

import { ImportError, type SourcePosition } from './import-error.ts';
import type { AttributeValue, ImportedLink, ParsedGraph } from './imported-graph.ts';
import { EXPECTED, RECEIVED, WARNINGS } from './messages.ts';
import { hasOwnKey, setOwnValue } from './internal/attribute-record.ts';
import { GraphBuilder, checkLatitude, checkLongitude, fileStem } from './internal/graph-builder.ts';
import { GmlTokenizer, type GmlToken } from './internal/gml-tokenizer.ts';

/** Deepest list nesting accepted (`graph [ node [ graphics [ ... ] ] ]` is 3); deeper input is an ImportError. */
export const MAX_GML_DEPTH = 64;

type GmlScalar =
  | { readonly type: 'integer' | 'real'; readonly text: string; readonly value: number }
  | { readonly type: 'string'; readonly value: string };

interface GmlList {
  readonly type: 'list';
  readonly entries: GmlEntry[];
}

interface GmlEntry {
  readonly key: string;
  /** Position of the key. */
  readonly position: SourcePosition;
  /** Position of the value (its first character, or the `[` of a list). */
  readonly valuePosition: SourcePosition;
  readonly value: GmlScalar | GmlList;
}

/** Options of {@link parseGml}; every field optional. */
export interface GmlParseOptions {
  /** Name used in errors and warnings; default `input.gml`. */
  readonly fileName?: string;
}

function describeToken(token: GmlToken): string {
  switch (token.type) {
    case 'eof':
      return RECEIVED.endOfFile;
    case 'open':
      return RECEIVED.openBracket;
    case 'close':
      return RECEIVED.closeBracket;
    case 'key':
      return RECEIVED.key(token.text);
    case 'string':
      return RECEIVED.string(token.value);
    default:
      return RECEIVED.number(token.text);
  }
}

function describeValue(value: GmlScalar | GmlList): string {
  if (value.type === 'list') return RECEIVED.list;
  if (value.type === 'string') return RECEIVED.string(value.value);
  return RECEIVED.number(value.text);
}

/** Reads the whole token stream into a tree without recursion, so nesting depth cannot overflow the stack. */
function parseTree(text: string, file: string): GmlEntry[] {
  const tokenizer = new GmlTokenizer(text, file);
  const root: GmlEntry[] = [];
  const stack: { entries: GmlEntry[]; key: string; position: SourcePosition }[] = [];
  let entries = root;
  for (;;) {
    const token = tokenizer.next();
    if (token.type === 'eof') {
      const open = stack[stack.length - 1];
      if (open !== undefined) {
        throw new ImportError(
          file,
          token,
          EXPECTED.gml.closeList(open.key, open.position.line, open.position.column),
          RECEIVED.endOfFile,
        );
      }
      return root;
    }
    if (token.type === 'close') {
      const open = stack.pop();
      if (open === undefined) throw new ImportError(file, token, EXPECTED.gml.key, RECEIVED.closeBracket);
      entries = open.entries;
      continue;
    }
    if (token.type !== 'key') {
      throw new ImportError(
        file,
        token,
        stack.length > 0 ? EXPECTED.gml.keyOrClose : EXPECTED.gml.key,
        describeToken(token),
      );
    }
    const value = tokenizer.next();
    const position = { line: token.line, column: token.column };
    const valuePosition = { line: value.line, column: value.column };
    if (value.type === 'open') {
      if (stack.length >= MAX_GML_DEPTH) {
        throw new ImportError(
          file,
          valuePosition,
          EXPECTED.nestingDepth(MAX_GML_DEPTH),
          RECEIVED.depth(stack.length + 1),
        );
      }
      const list: GmlList = { type: 'list', entries: [] };
      entries.push({ key: token.text, position, valuePosition, value: list });
      stack.push({ entries, key: token.text, position });
      entries = list.entries;
    } else if (value.type === 'integer' || value.type === 'real') {
      entries.push({
        key: token.text,
        position,
        valuePosition,
        value: { type: value.type, text: value.text, value: value.value },
      });
    } else if (value.type === 'string') {
      entries.push({ key: token.text, position, valuePosition, value: { type: 'string', value: value.value } });
    } else {
      throw new ImportError(file, valuePosition, EXPECTED.gml.value(token.text), describeToken(value));
    }
  }
}

/** Canonical text of a GML integer id, so `007`, `+7` and `7` name the same node. */
function canonicalInteger(text: string): string {
  const negative = text.startsWith('-');
  const digits = text.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '');
  return negative && digits !== '0' ? `-${digits}` : digits;
}

class GmlInterpreter {
  readonly builder: GraphBuilder;

  constructor(private readonly file: string) {
    this.builder = new GraphBuilder(file);
  }

  private fail(position: SourcePosition, expected: string, received: string): never {
    throw new ImportError(this.file, position, expected, received);
  }

  /**
   * Copies scalars into `record`, flattening nested lists into dotted keys (`graphics.x`). A repeated key keeps
   * its first value, with a warning; `within` names the enclosing block for that warning.
   */
  private flattenInto(record: Record<string, AttributeValue>, prefix: string, entry: GmlEntry, within: string): void {
    const key = prefix + entry.key;
    if (entry.value.type === 'list') {
      for (const child of entry.value.entries) this.flattenInto(record, `${key}.`, child, within);
      return;
    }
    if (hasOwnKey(record, key)) {
      this.builder.warn('repeated-key', this.file, entry.position, WARNINGS.repeatedKey(key, within));
      return;
    }
    setOwnValue(record, key, entry.value.value);
  }

  /** Reads a node or edge reference (`id`, `source`, `target`): an integer or a string. */
  private readReference(entry: GmlEntry, expected: string): string {
    const { value } = entry;
    if (value.type === 'integer') return canonicalInteger(value.text);
    if (value.type === 'string') return value.value;
    return this.fail(
      entry.valuePosition,
      expected,
      value.type === 'real' ? RECEIVED.realId(value.text) : RECEIVED.list,
    );
  }

  private readCoordinate(entry: GmlEntry): number {
    if (entry.value.type === 'string' || entry.value.type === 'list') {
      this.fail(entry.valuePosition, EXPECTED.gml.coordinate(entry.key), describeValue(entry.value));
    }
    return entry.value.value;
  }

  /** Keeps the first occurrence of a first-class key (`id`, `label`, ...) and warns about later ones. */
  private isRepeated(seen: Set<string>, entry: GmlEntry, within: string): boolean {
    const name = entry.key.toLowerCase();
    if (!seen.has(name)) {
      seen.add(name);
      return false;
    }
    this.builder.warn('repeated-key', this.file, entry.position, WARNINGS.repeatedKey(entry.key, within));
    return true;
  }

  readNode(block: GmlEntry, list: GmlList): void {
    const seen = new Set<string>();
    const attributes: Record<string, AttributeValue> = {};
    let id: string | null = null;
    let idPosition = block.position;
    let label: string | null = null;
    let lat: number | null = null;
    let lon: number | null = null;
    let latName = 'Latitude';
    let lonName = 'Longitude';
    for (const entry of list.entries) {
      const key = entry.key.toLowerCase();
      if (entry.key === 'id') {
        if (this.isRepeated(seen, entry, 'node')) continue;
        id = this.readReference(entry, EXPECTED.gml.nodeId);
        idPosition = entry.valuePosition;
      } else if (entry.key === 'label') {
        if (this.isRepeated(seen, entry, 'node')) continue;
        if (entry.value.type === 'list') this.fail(entry.valuePosition, EXPECTED.gml.scalar('label'), RECEIVED.list);
        const text = entry.value.type === 'string' ? entry.value.value : entry.value.text;
        // The Topology Zoo toolset writes Python's None for a missing label (its hyperedge nodes).
        label = text === 'None' ? null : text;
      } else if (key === 'latitude' || key === 'lat') {
        if (this.isRepeated(seen, { ...entry, key: 'latitude' }, 'node')) continue;
        lat = checkLatitude(this.readCoordinate(entry), this.file, entry.valuePosition);
        latName = entry.key;
      } else if (key === 'longitude' || key === 'lon' || key === 'lng' || key === 'long') {
        if (this.isRepeated(seen, { ...entry, key: 'longitude' }, 'node')) continue;
        lon = checkLongitude(this.readCoordinate(entry), this.file, entry.valuePosition);
        lonName = entry.key;
      } else {
        this.flattenInto(attributes, '', entry, 'node');
      }
    }
    if (id === null) this.fail(block.position, EXPECTED.gml.required('id', 'node'), RECEIVED.missing('node'));
    this.builder.addNode(
      { id, label, kind: null, lat, lon, latName, lonName, attributes, position: block.position },
      idPosition,
    );
  }

  readEdge(block: GmlEntry, list: GmlList): void {
    const seen = new Set<string>();
    const attributes: Record<string, AttributeValue> = {};
    let source: { id: string; position: SourcePosition } | null = null;
    let target: { id: string; position: SourcePosition } | null = null;
    for (const entry of list.entries) {
      if (entry.key === 'source' || entry.key === 'target') {
        if (this.isRepeated(seen, entry, 'edge')) continue;
        const end = { id: this.readReference(entry, EXPECTED.gml.endpoint(entry.key)), position: entry.valuePosition };
        if (entry.key === 'source') source = end;
        else target = end;
      } else {
        this.flattenInto(attributes, '', entry, 'edge');
      }
    }
    if (source === null) this.fail(block.position, EXPECTED.gml.required('source', 'edge'), RECEIVED.missing('edge'));
    if (target === null) this.fail(block.position, EXPECTED.gml.required('target', 'edge'), RECEIVED.missing('edge'));
    const link: ImportedLink = {
      id: null,
      source: source.id,
      target: target.id,
      medium: null,
      lengthKm: null,
      attributes,
      line: block.position.line,
      column: block.position.column,
    };
    this.builder.addLink(link, {
      sourceField: 'source',
      source: source.position,
      targetField: 'target',
      target: target.position,
    });
  }

  readGraph(graphEntry: GmlEntry, list: GmlList): ParsedGraph {
    const metadata: Record<string, AttributeValue> = {};
    for (const entry of list.entries) {
      if (entry.key === 'node' || entry.key === 'edge') {
        if (entry.value.type !== 'list') {
          this.fail(entry.valuePosition, EXPECTED.gml.listAfter(entry.key), describeValue(entry.value));
        }
        if (entry.key === 'node') this.readNode(entry, entry.value);
        else this.readEdge(entry, entry.value);
      } else {
        if (entry.key === 'directed' && entry.value.type !== 'list' && entry.value.value === 1) {
          this.builder.warn('directed-edges', this.file, entry.position, WARNINGS.directedEdges);
        }
        this.flattenInto(metadata, '', entry, 'graph');
      }
    }
    return this.builder.build(graphName(metadata, this.file), 'gml', metadata, graphEntry.position);
  }
}

/** The Zoo's `Network` (the operator's name), else the GML `label`, else the file name stem. */
function graphName(metadata: Record<string, AttributeValue>, file: string): string {
  for (const key of ['Network', 'label', 'name']) {
    const value = hasOwnKey(metadata, key) ? metadata[key] : undefined;
    if (value !== undefined && String(value).trim() !== '') return String(value).trim();
  }
  return fileStem(file);
}

/**
 * Parses GML text into an {@link ImportedGraph}. Throws {@link ImportError} (with line and column) for text that
 * is not GML, a missing or repeated `graph` block, nodes without id, duplicate node ids, edges naming unknown
 * nodes, non-numeric or out-of-range coordinates, non-finite numbers and lists deeper than {@link MAX_GML_DEPTH}.
 * Top-level entries other than `graph` (such as `Creator`) are ignored.
 */
export function parseGml(text: string, options: GmlParseOptions = {}): ParsedGraph {
  const file = options.fileName ?? 'input.gml';
  const root = parseTree(text, file);
  let graph: GmlEntry | null = null;
  for (const entry of root) {
    if (entry.key !== 'graph') continue;
    if (entry.value.type !== 'list') {
      throw new ImportError(file, entry.valuePosition, EXPECTED.gml.listAfter('graph'), describeValue(entry.value));
    }
    if (graph !== null) throw new ImportError(file, entry.position, EXPECTED.gml.singleGraph, RECEIVED.secondGraph);
    graph = entry;
  }
  if (graph === null || graph.value.type !== 'list') {
    const received = root.length === 0 && text.trim() === '' ? RECEIVED.emptyFile : RECEIVED.endOfFile;
    const position = root[0]?.position ?? { line: 1, column: 1 };
    throw new ImportError(file, position, EXPECTED.gml.graphBlock, received);
  }
  return new GmlInterpreter(file).readGraph(graph, graph.value);
}
