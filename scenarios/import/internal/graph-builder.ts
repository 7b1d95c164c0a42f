// Shared back end of the three parsers: collects nodes, links and warnings, checks coordinates, duplicate node
// ids and link ends with the position of the offending element, and assembles the ImportedGraph.

import { ImportError, type SourcePosition } from '../import-error.ts';
import type {
  AttributeValue,
  ImportFormat,
  ImportWarning,
  ImportWarningCode,
  ImportedGraph,
  ImportedLink,
  ImportedNode,
  ParsedGraph,
} from '../imported-graph.ts';
import { EXPECTED, RECEIVED, WARNINGS, formatWarningMessage } from '../messages.ts';

/** Builds an {@link ImportWarning} with its formatted message. */
export function createImportWarning(
  code: ImportWarningCode,
  file: string,
  position: SourcePosition,
  text: string,
): ImportWarning {
  return {
    code,
    file,
    line: position.line,
    column: position.column,
    text,
    message: formatWarningMessage(file, position.line, position.column, text),
  };
}

/** Describes a number for a `received` text without quoting megabytes of digits. */
function describeNumber(value: number): string {
  return RECEIVED.number(String(value));
}

/** Returns `value` if it is a finite latitude in [-90, 90] degrees (bounds included), else throws ImportError. */
export function checkLatitude(value: number, file: string, position: SourcePosition): number {
  if (!Number.isFinite(value)) throw new ImportError(file, position, EXPECTED.finiteNumber, describeNumber(value));
  if (value < -90 || value > 90) throw new ImportError(file, position, EXPECTED.latitude, describeNumber(value));
  return value;
}

/** Returns `value` if it is a finite longitude in [-180, 180] degrees (bounds included), else throws ImportError. */
export function checkLongitude(value: number, file: string, position: SourcePosition): number {
  if (!Number.isFinite(value)) throw new ImportError(file, position, EXPECTED.finiteNumber, describeNumber(value));
  if (value < -180 || value > 180) throw new ImportError(file, position, EXPECTED.longitude, describeNumber(value));
  return value;
}

/** Fields of a node before the builder pairs its coordinates. */
export interface NodeDraft {
  readonly id: string;
  readonly label: string | null;
  readonly kind: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  /** Source names of the coordinate fields, for the half-pair warning (`Latitude`, `lat`, ...). */
  readonly latName: string;
  readonly lonName: string;
  readonly attributes: Record<string, AttributeValue>;
  readonly position: SourcePosition;
}

/** Where a link's two ends are written and under which field names (`source`/`target`, `from`/`to`). */
export interface LinkEndPositions {
  readonly sourceField: string;
  readonly source: SourcePosition;
  readonly targetField: string;
  readonly target: SourcePosition;
}

export class GraphBuilder {
  readonly warnings: ImportWarning[] = [];
  private readonly nodes: ImportedNode[] = [];
  private readonly nodeById = new Map<string, ImportedNode>();
  private readonly links: ImportedLink[] = [];
  /** Where each link's ends are written, for unknown-node errors. */
  private readonly endPositions: LinkEndPositions[] = [];

  constructor(
    readonly fileName: string,
    readonly linksFileName: string = fileName,
  ) {}

  warn(code: ImportWarningCode, file: string, position: SourcePosition, text: string): void {
    this.warnings.push(createImportWarning(code, file, position, text));
  }

  hasNode(id: string): boolean {
    return this.nodeById.has(id);
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  /**
   * Adds a node; throws ImportError at `idPosition` if its id is taken. A node with only one coordinate keeps
   * neither (with a warning), so `lat` and `lon` are null together.
   */
  addNode(draft: NodeDraft, idPosition: SourcePosition): void {
    if (this.nodeById.has(draft.id)) {
      const first = this.nodeById.get(draft.id);
      throw new ImportError(
        this.fileName,
        idPosition,
        EXPECTED.uniqueNodeId(draft.id),
        RECEIVED.repeatedId(draft.id, first?.line ?? 0),
      );
    }
    let lat = draft.lat;
    let lon = draft.lon;
    if ((lat === null) !== (lon === null)) {
      const [present, missing] = lat === null ? [draft.lonName, draft.latName] : [draft.latName, draft.lonName];
      this.warn(
        'half-coordinates',
        this.fileName,
        draft.position,
        WARNINGS.halfCoordinates(draft.id, present, missing),
      );
      lat = null;
      lon = null;
    }
    const node: ImportedNode = {
      id: draft.id,
      label: draft.label,
      kind: draft.kind,
      lat,
      lon,
      attributes: draft.attributes,
      line: draft.position.line,
      column: draft.position.column,
    };
    this.nodes.push(node);
    this.nodeById.set(node.id, node);
  }

  /** Adds a link; its ends are checked against the nodes in {@link build}, so nodes may come later in the file. */
  addLink(link: ImportedLink, ends: LinkEndPositions): void {
    this.links.push(link);
    this.endPositions.push(ends);
  }

  /** Ends of links in source order; used to create nodes when a CSV links table comes without a nodes table. */
  linkEnds(): { id: string; position: SourcePosition }[] {
    const ends: { id: string; position: SourcePosition }[] = [];
    this.links.forEach((link, index) => {
      const positions = this.endPositions[index];
      if (positions === undefined) return;
      ends.push({ id: link.source, position: positions.source }, { id: link.target, position: positions.target });
    });
    return ends;
  }

  /**
   * Checks that there is a node and that every link end names one, then returns the graph and warnings.
   * `graphPosition` locates the "no nodes" error (the `graph [` of GML, the `<graph>` of GraphML).
   */
  build(
    name: string,
    format: ImportFormat,
    metadata: Record<string, AttributeValue>,
    graphPosition: SourcePosition,
  ): ParsedGraph {
    if (this.nodes.length === 0) {
      throw new ImportError(this.fileName, graphPosition, EXPECTED.atLeastOneNode, RECEIVED.emptyGraph);
    }
    this.links.forEach((link, index) => {
      const positions = this.endPositions[index];
      if (positions === undefined) return;
      for (const [id, field, position] of [
        [link.source, positions.sourceField, positions.source],
        [link.target, positions.targetField, positions.target],
      ] as const) {
        if (!this.nodeById.has(id)) {
          throw new ImportError(this.linksFileName, position, EXPECTED.knownNode(field), RECEIVED.unknownNode(id));
        }
      }
    });
    const graph: ImportedGraph = {
      name,
      format,
      fileName: this.fileName,
      linksFileName: this.linksFileName,
      metadata,
      nodes: this.nodes,
      links: this.links,
    };
    return { graph, warnings: this.warnings };
  }
}

/** File name without directories and without its last extension, as a fallback graph name. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
