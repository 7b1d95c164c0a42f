// GraphML reader on saxes (streaming, so deep nesting cannot overflow the stack): typed <key> declarations with
// defaults, <data> values, yEd label and coordinate conventions; directed edges are imported as undirected links.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportError, type SourcePosition } from './import-error.ts';
import type { AttributeValue, ParsedGraph } from './imported-graph.ts';
import { EXPECTED, RECEIVED, WARNINGS } from './messages.ts';
import { hasOwnKey, setOwnValue } from './internal/attribute-record.ts';
import { scanDecimal } from './internal/decimal.ts';
import { GraphBuilder, checkLatitude, checkLongitude, fileStem } from './internal/graph-builder.ts';
import { LineIndex } from './internal/line-index.ts';

/** Deepest element nesting accepted; yEd files stay below 15. Deeper input is an ImportError. */
export const MAX_GRAPHML_DEPTH = 256;

/**
 * Most `<key>` declarations accepted (real files declare a few dozen). Every node receives every applicable key
 * default, so without a bound a 10 MB file could ask for 10^10 attribute copies.
 */
export const MAX_GRAPHML_KEYS = 1000;

/** Options of {@link parseGraphml}; every field optional. */
export interface GraphmlParseOptions {
  /** Name used in errors and warnings; default `input.graphml`. */
  readonly fileName?: string;
}

type KeyType = 'boolean' | 'int' | 'long' | 'float' | 'double' | 'string';
type KeyDomain = 'node' | 'edge' | 'graph' | 'all';

const KEY_TYPES: ReadonlySet<string> = new Set(['boolean', 'int', 'long', 'float', 'double', 'string']);
const KEY_DOMAINS: ReadonlySet<string> = new Set(['node', 'edge', 'graph', 'all']);

/** Role of a node key, from its `attr.name` compared case-insensitively. */
type NodeRole = 'label' | 'lat' | 'lon' | 'x' | 'y' | 'kind' | 'attribute';
/** Role of an edge key. */
type EdgeRole = 'lengthKm' | 'medium' | 'attribute';

const NODE_ROLES: ReadonlyMap<string, NodeRole> = new Map([
  ['label', 'label'],
  ['name', 'label'],
  ['latitude', 'lat'],
  ['lat', 'lat'],
  ['longitude', 'lon'],
  ['lon', 'lon'],
  ['lng', 'lon'],
  ['long', 'lon'],
  ['x', 'x'],
  ['y', 'y'],
  ['kind', 'kind'],
]);

const EDGE_ROLES: ReadonlyMap<string, EdgeRole> = new Map([
  ['lengthkm', 'lengthKm'],
  ['medium', 'medium'],
]);

interface KeyDeclaration {
  readonly id: string;
  readonly name: string;
  readonly type: KeyType;
  readonly domain: KeyDomain;
  /** Parsed `<default>` value and where it is written, if any. */
  defaultValue: { value: AttributeValue; position: SourcePosition } | null;
}

/** A `<node>`, `<edge>` or `<graph>` whose `<data>` children are being collected. */
interface Owner {
  readonly kind: 'node' | 'edge' | 'graph';
  /** Element depth (1 for the root), to match the closing tag. */
  readonly depth: number;
  readonly position: SourcePosition;
  readonly attributes: Record<string, string>;
  /** Values by key id, first occurrence kept. */
  readonly data: Map<string, { value: AttributeValue; position: SourcePosition }>;
  /** Text of yEd `<y:NodeLabel>` elements inside this node's data. */
  yedLabel: string | null;
}

/** A `<data>` element being read; `hasElements` marks structured content such as yEd graphics. */
interface DataInProgress {
  readonly keyId: string;
  text: string;
  hasElements: boolean;
  readonly position: SourcePosition;
  readonly depth: number;
}

/** A value found for one of the node roles, with the key name and position for messages. */
interface FoundValue {
  readonly value: AttributeValue;
  readonly name: string;
  readonly position: SourcePosition;
}

/** Local part of a possibly prefixed XML name (`y:NodeLabel` → `NodeLabel`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

class GraphmlReader {
  private readonly builder: GraphBuilder;
  private readonly lines: LineIndex;
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly keys = new Map<string, KeyDeclaration>();
  /** Local names of the open elements, outermost first. */
  private readonly stack: string[] = [];
  private owners: Owner[] = [];
  private graph: Owner | null = null;
  private graphCount = 0;
  private startPosition: SourcePosition = { line: 1, column: 1 };
  private currentKey: KeyDeclaration | null = null;
  private defaultText: { text: string; position: SourcePosition } | null = null;
  private dataText: DataInProgress | null = null;
  private labelText: string | null = null;
  private readonly warnedElements = new Set<string>();
  private warnedDirected = false;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.builder = new GraphBuilder(file);
    this.lines = new LineIndex(text);
  }

  private fail(position: SourcePosition, expected: string, received: string): never {
    throw new ImportError(this.file, position, expected, received);
  }

  /** The value of a required XML attribute, or an ImportError at the element. */
  private requireAttribute(
    attributes: Readonly<Record<string, string>>,
    name: string,
    element: string,
    position: SourcePosition,
  ): string {
    const value = attributes[name];
    if (value === undefined) {
      this.fail(position, EXPECTED.graphml.attribute(name, element), RECEIVED.missingAttribute(element));
    }
    return value;
  }

  read(): ParsedGraph {
    const { parser } = this;
    parser.on('error', (error) => {
      const reason = error.message.replace(/^\d+:\d+: /, '');
      this.fail(
        { line: parser.line, column: parser.columnIndex + 1 },
        EXPECTED.graphml.wellFormed,
        RECEIVED.xmlProblem(reason),
      );
    });
    parser.on('opentagstart', (tag) => {
      const start = this.text.lastIndexOf(`<${tag.name}`, parser.position);
      this.startPosition = this.lines.positionAt(Math.max(0, start));
    });
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', (tag) => this.close(tag));
    parser.on('text', (text) => this.appendText(text));
    parser.on('cdata', (text) => this.appendText(text));
    parser.write(this.text).close();
    const graph = this.graph;
    if (graph === null) {
      return this.fail(this.lines.positionAt(this.text.length), EXPECTED.graphml.graph, RECEIVED.endOfFile);
    }
    const metadata: Record<string, AttributeValue> = {};
    for (const [name, value] of this.namedValues(graph)) {
      if (!hasOwnKey(metadata, name)) setOwnValue(metadata, name, value);
    }
    const name = ['name', 'label', 'Network']
      .map((key) => (hasOwnKey(metadata, key) ? String(metadata[key]).trim() : ''))
      .find((value) => value !== '');
    return this.builder.build(
      name ?? graph.attributes['id'] ?? fileStem(this.file),
      'graphml',
      metadata,
      graph.position,
    );
  }

  private open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    const position = this.startPosition;
    const parent = this.stack[this.stack.length - 1];
    if (this.stack.length >= MAX_GRAPHML_DEPTH) {
      this.fail(position, EXPECTED.nestingDepth(MAX_GRAPHML_DEPTH), RECEIVED.depth(this.stack.length + 1));
    }
    this.stack.push(name);
    if (parent === undefined) {
      if (name !== 'graphml') this.fail(position, EXPECTED.graphml.root, RECEIVED.element(tag.name));
      return;
    }
    if (this.dataText !== null) {
      this.dataText.hasElements = true;
      if (name === 'NodeLabel' && this.labelText === null) this.labelText = '';
      return;
    }
    const isOwner = parent === 'node' || parent === 'edge' || parent === 'graph';
    if (name === 'key' && parent === 'graphml') {
      this.declareKey(tag, position);
    } else if (name === 'default' && parent === 'key' && this.currentKey !== null) {
      this.defaultText = { text: '', position };
    } else if (name === 'graph') {
      this.openGraph(tag, position, parent);
    } else if ((name === 'node' || name === 'edge') && parent === 'graph') {
      this.openOwner(name, tag, position);
    } else if (name === 'data' && isOwner && this.owners.length > 0) {
      const keyId = this.requireAttribute(tag.attributes, 'key', 'data', position);
      this.dataText = { keyId, text: '', hasElements: false, position, depth: this.stack.length };
    } else if (name === 'hyperedge' || name === 'port' || name === 'endpoint') {
      if (!this.warnedElements.has(name)) {
        this.warnedElements.add(name);
        this.builder.warn('unsupported-element', this.file, position, WARNINGS.unsupportedElement(name));
      }
    }
  }

  private appendText(text: string): void {
    if (this.dataText !== null) {
      if (this.stack.length === this.dataText.depth) this.dataText.text += text;
      else if (this.labelText !== null && this.stack[this.stack.length - 1] === 'NodeLabel') this.labelText += text;
    } else if (this.defaultText !== null) {
      this.defaultText.text += text;
    }
  }

  private close(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    const depth = this.stack.length;
    this.stack.pop();
    const data = this.dataText;
    if (data !== null) {
      if (depth === data.depth) this.closeData(data);
      else if (name === 'NodeLabel' && this.labelText !== null) {
        const owner = this.owners[this.owners.length - 1];
        if (owner !== undefined && owner.yedLabel === null && this.labelText.trim() !== '') {
          owner.yedLabel = this.labelText.trim();
        }
        this.labelText = null;
      }
      return;
    }
    if (name === 'default' && this.defaultText !== null && this.currentKey !== null) {
      const key = this.currentKey;
      const { text, position } = this.defaultText;
      key.defaultValue = { value: this.parseValue(text, key.type, key.name, position), position };
      this.defaultText = null;
    } else if (name === 'key') {
      this.currentKey = null;
    } else if (this.owners.length > 1 && this.owners[this.owners.length - 1]?.depth === depth) {
      const owner = this.owners.pop();
      if (owner?.kind === 'node') this.finishNode(owner);
      else if (owner?.kind === 'edge') this.finishEdge(owner);
    }
  }

  private declareKey(tag: SaxesTagPlain, position: SourcePosition): void {
    if (this.keys.size >= MAX_GRAPHML_KEYS) {
      this.fail(position, EXPECTED.graphml.keyCount(MAX_GRAPHML_KEYS), RECEIVED.keyCount(this.keys.size + 1));
    }
    const id = this.requireAttribute(tag.attributes, 'id', 'key', position);
    const type = tag.attributes['attr.type'] ?? 'string';
    if (!KEY_TYPES.has(type)) this.fail(position, EXPECTED.graphml.keyType, RECEIVED.text(type));
    const domain = tag.attributes['for'] ?? 'all';
    if (!KEY_DOMAINS.has(domain)) this.fail(position, EXPECTED.graphml.keyDomain, RECEIVED.text(domain));
    const declaration: KeyDeclaration = {
      id,
      name: tag.attributes['attr.name'] ?? id,
      type: type as KeyType,
      domain: domain as KeyDomain,
      defaultValue: null,
    };
    this.keys.set(id, declaration);
    this.currentKey = declaration;
  }

  private openGraph(tag: SaxesTagPlain, position: SourcePosition, parent: string): void {
    if (parent !== 'graphml') this.fail(position, EXPECTED.graphml.flatGraph, RECEIVED.nestedGraph);
    this.graphCount++;
    if (this.graphCount > 1) this.fail(position, EXPECTED.graphml.singleGraph, RECEIVED.secondGraphElement);
    if (tag.attributes['edgedefault'] === 'directed') this.warnDirected(position);
    this.graph = {
      kind: 'graph',
      depth: this.stack.length,
      position,
      attributes: tag.attributes,
      data: new Map(),
      yedLabel: null,
    };
    this.owners = [this.graph];
  }

  private openOwner(kind: 'node' | 'edge', tag: SaxesTagPlain, position: SourcePosition): void {
    if (kind === 'edge' && tag.attributes['directed'] === 'true') this.warnDirected(position);
    this.owners.push({
      kind,
      depth: this.stack.length,
      position,
      attributes: tag.attributes,
      data: new Map(),
      yedLabel: null,
    });
  }

  private warnDirected(position: SourcePosition): void {
    if (this.warnedDirected) return;
    this.warnedDirected = true;
    this.builder.warn('directed-edges', this.file, position, WARNINGS.directedEdges);
  }

  private closeData(data: DataInProgress): void {
    this.dataText = null;
    this.labelText = null;
    const owner = this.owners[this.owners.length - 1];
    // Structured data (yEd graphics) carries no value of its own; its label was taken from <y:NodeLabel>.
    if (owner === undefined || data.hasElements) return;
    const key = this.keys.get(data.keyId);
    if (key === undefined) {
      this.builder.warn('undeclared-key', this.file, data.position, WARNINGS.undeclaredKey(data.keyId));
    }
    const type = key?.type ?? 'string';
    const name = key?.name ?? data.keyId;
    // An empty typed value means "not given" (the key's default, if any, applies).
    if (type !== 'string' && data.text.trim() === '') return;
    const value = this.parseValue(data.text, type, name, data.position);
    if (owner.data.has(data.keyId)) {
      this.builder.warn(
        'repeated-key',
        this.file,
        data.position,
        WARNINGS.repeatedKey(name, RECEIVED.element(owner.kind)),
      );
      return;
    }
    owner.data.set(data.keyId, { value, position: data.position });
  }

  private parseValue(text: string, type: KeyType, name: string, position: SourcePosition): AttributeValue {
    if (type === 'string') return text;
    const trimmed = text.trim();
    if (type === 'boolean') {
      if (trimmed === 'true' || trimmed === '1') return true;
      if (trimmed === 'false' || trimmed === '0') return false;
      return this.fail(position, EXPECTED.graphml.typedValue(type, name), RECEIVED.text(trimmed));
    }
    const scan = scanDecimal(trimmed, 0);
    const isWhole = scan !== null && scan.end === trimmed.length;
    if (!isWhole || ((type === 'int' || type === 'long') && !scan.isInteger)) {
      return this.fail(position, EXPECTED.graphml.typedValue(type, name), RECEIVED.text(trimmed));
    }
    const value = Number(trimmed);
    if (!Number.isFinite(value)) this.fail(position, EXPECTED.finiteNumber, RECEIVED.number(trimmed));
    return value;
  }

  /** Values of an owner as [attribute name, value, position]: its data first, then applicable key defaults. */
  private namedValues(owner: Owner): [string, AttributeValue, SourcePosition][] {
    const values: [string, AttributeValue, SourcePosition][] = [];
    for (const [keyId, { value, position }] of owner.data) {
      values.push([this.keys.get(keyId)?.name ?? keyId, value, position]);
    }
    for (const key of this.keys.values()) {
      if (key.defaultValue === null || owner.data.has(key.id)) continue;
      if (key.domain === owner.kind || key.domain === 'all') {
        values.push([key.name, key.defaultValue.value, key.defaultValue.position]);
      }
    }
    return values;
  }

  /** A coordinate value as a number; string keys (yEd custom properties) must hold a decimal number. */
  private toNumber(found: FoundValue): number {
    if (typeof found.value === 'number') return found.value;
    const parsed = this.parseValue(String(found.value), 'double', found.name, found.position);
    return typeof parsed === 'number' ? parsed : Number.NaN;
  }

  private finishNode(owner: Owner): void {
    const id = this.requireAttribute(owner.attributes, 'id', 'node', owner.position);
    const attributes: Record<string, AttributeValue> = {};
    const found: Partial<Record<Exclude<NodeRole, 'attribute'>, FoundValue>> = {};
    for (const [name, value, position] of this.namedValues(owner)) {
      const role = NODE_ROLES.get(name.toLowerCase()) ?? 'attribute';
      if (role === 'attribute') {
        if (!hasOwnKey(attributes, name)) setOwnValue(attributes, name, value);
      } else {
        found[role] ??= { value, name, position };
      }
    }
    // x/y are drawing coordinates in most files; they stand for longitude/latitude only when the node has
    // neither a latitude nor a longitude, and are kept as attributes otherwise.
    const useXy = found.lat === undefined && found.lon === undefined;
    const latSource = useXy ? found.y : found.lat;
    const lonSource = useXy ? found.x : found.lon;
    for (const drawing of useXy ? [] : [found.x, found.y]) {
      if (drawing !== undefined && !hasOwnKey(attributes, drawing.name)) {
        setOwnValue(attributes, drawing.name, drawing.value);
      }
    }
    const lat = latSource === undefined ? null : checkLatitude(this.toNumber(latSource), this.file, latSource.position);
    const lon =
      lonSource === undefined ? null : checkLongitude(this.toNumber(lonSource), this.file, lonSource.position);
    const labelValue = found.label?.value;
    const label = labelValue !== undefined && String(labelValue).trim() !== '' ? String(labelValue) : owner.yedLabel;
    this.builder.addNode(
      {
        id,
        label,
        kind: found.kind === undefined ? null : String(found.kind.value),
        lat,
        lon,
        latName: latSource?.name ?? 'Latitude',
        lonName: lonSource?.name ?? 'Longitude',
        attributes,
        position: owner.position,
      },
      owner.position,
    );
  }

  private finishEdge(owner: Owner): void {
    const source = this.requireAttribute(owner.attributes, 'source', 'edge', owner.position);
    const target = this.requireAttribute(owner.attributes, 'target', 'edge', owner.position);
    const attributes: Record<string, AttributeValue> = {};
    let lengthKm: number | null = null;
    let medium: string | null = null;
    for (const [name, value, position] of this.namedValues(owner)) {
      const role: EdgeRole = EDGE_ROLES.get(name.toLowerCase()) ?? 'attribute';
      if (role === 'lengthKm' && lengthKm === null) {
        const length = this.toNumber({ value, name, position });
        if (!(length > 0)) this.fail(position, EXPECTED.positiveLength, RECEIVED.number(String(length)));
        lengthKm = length;
      } else if (role === 'medium' && medium === null) {
        medium = String(value);
      } else if (!hasOwnKey(attributes, name)) {
        setOwnValue(attributes, name, value);
      }
    }
    this.builder.addLink(
      {
        id: owner.attributes['id'] ?? null,
        source,
        target,
        medium,
        lengthKm,
        attributes,
        line: owner.position.line,
        column: owner.position.column,
      },
      { sourceField: 'source', source: owner.position, targetField: 'target', target: owner.position },
    );
  }
}

/**
 * Parses GraphML text into an {@link ImportedGraph}. Node keys named (case-insensitively) `label`/`name`,
 * `latitude`/`lat`, `longitude`/`lon`/`lng`/`long` and `kind` fill the node's fields; `x`/`y` keys count as
 * longitude/latitude only for a node with neither latitude nor longitude; yEd `<y:NodeLabel>` text is the
 * fallback label.
 * Edge keys `lengthKm` and `medium` fill the link's fields. Other keys become attributes under their `attr.name`.
 * Throws {@link ImportError} for XML that is not well-formed, a root other than `<graphml>`, no or several
 * `<graph>` elements, nested graphs, values that do not match their key type, missing ids or ends, duplicate
 * node ids and edges naming unknown nodes.
 */
export function parseGraphml(text: string, options: GraphmlParseOptions = {}): ParsedGraph {
  const file = options.fileName ?? 'input.graphml';
  if (text.trim() === '') {
    throw new ImportError(file, { line: 1, column: 1 }, EXPECTED.graphml.root, RECEIVED.emptyFile);
  }
  return new GraphmlReader(text, file).read();
}
