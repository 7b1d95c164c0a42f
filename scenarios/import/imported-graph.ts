// The neutral graph every importer (GML, GraphML, CSV) produces and the converter reads: plain data with the
// source line of each element, before ids are sanitised or failure defaults are chosen.

/** An attribute value as found in the source file; numbers are always finite. */
export type AttributeValue = string | number | boolean;

/** Source formats the importers understand. */
export type ImportFormat = 'gml' | 'graphml' | 'csv';

export interface ImportedNode {
  /** Identifier as written in the source (GML integers canonicalised: `+007` becomes `7`). Unique in the graph. */
  readonly id: string;
  /** Display label, or null when the source has none (the Topology Zoo writes a missing label as `"None"`). */
  readonly label: string | null;
  /** Kind given by the source (CSV `kind` column, GraphML `kind` key), or null to let the converter decide. */
  readonly kind: string | null;
  /** WGS84 latitude in degrees, in [-90, 90] (both included), or null; null exactly when `lon` is null. */
  readonly lat: number | null;
  /** WGS84 longitude in degrees, in [-180, 180] (both included), or null; null exactly when `lat` is null. */
  readonly lon: number | null;
  /** Every other attribute of the node; nested GML lists are flattened to dotted keys (`graphics.x`). */
  readonly attributes: Record<string, AttributeValue>;
  /** One-based line where the node starts. */
  readonly line: number;
  /** One-based column where the node starts. */
  readonly column: number;
}

export interface ImportedLink {
  /** Identifier given by the source (GraphML edge id, CSV `id` column), or null. */
  readonly id: string | null;
  /** Id of one end node; links are undirected. */
  readonly source: string;
  /** Id of the other end node. */
  readonly target: string;
  /** Medium given by the source (CSV `medium` column), or null to let the converter choose. */
  readonly medium: string | null;
  /** Length in km given by the source (CSV `lengthKm` column), a positive finite number, or null. */
  readonly lengthKm: number | null;
  readonly attributes: Record<string, AttributeValue>;
  /** One-based line where the link starts (in `linksFileName`). */
  readonly line: number;
  readonly column: number;
}

export interface ImportedGraph {
  /** Network name from the source (GML `Network` or `label`, GraphML graph id), or the file name stem. */
  readonly name: string;
  readonly format: ImportFormat;
  /** File holding the nodes (and, except for CSV, the links). */
  readonly fileName: string;
  /** File holding the links; equal to `fileName` for GML and GraphML. */
  readonly linksFileName: string;
  /** Graph-level attributes (GML `Network`, `GeoLocation`, `NetworkDate`, `Source`, ...). */
  readonly metadata: Record<string, AttributeValue>;
  /** In source order; at least one. */
  readonly nodes: readonly ImportedNode[];
  /** In source order; parallel links are kept, every end names a node of `nodes`. Self-loops are still present. */
  readonly links: readonly ImportedLink[];
}

/** Non-fatal findings, returned to the caller rather than printed. */
export type ImportWarningCode =
  | 'self-loop-dropped'
  | 'directed-edges'
  | 'repeated-key'
  | 'half-coordinates'
  | 'default-length'
  | 'minimum-length'
  | 'undeclared-key'
  | 'unsupported-element'
  | 'no-service-endpoints'
  | 'inferred-nodes';

export interface ImportWarning {
  readonly code: ImportWarningCode;
  readonly file: string;
  /** One-based line the warning refers to. */
  readonly line: number;
  readonly column: number;
  /** The warning alone, without its place. */
  readonly text: string;
  /** Full text, `file:line:column: warning text`. */
  readonly message: string;
}

/** What each parser returns. */
export interface ParsedGraph {
  readonly graph: ImportedGraph;
  readonly warnings: readonly ImportWarning[];
}
