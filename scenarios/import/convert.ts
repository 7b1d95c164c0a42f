// Converts an ImportedGraph into a neverout topology document (format neverout-topology/1, docs/file-formats.md)
// and serialises it as YAML that parses back to the same object.

import assert from 'node:assert/strict';
import { Document } from 'yaml';
import {
  buildServiceDocumentFields,
  checkServiceOption,
  SERVICE_KIND_FIELDS,
  type ServiceDocumentFields,
  type ServiceOption,
} from '../topology/services/topology-service-kinds.ts';
import { ImportOptionsError } from './import-error.ts';
import type { AttributeValue, ImportWarning, ImportedGraph, ImportedNode } from './imported-graph.ts';
import {
  OPTION_ERRORS,
  OPTION_SERVICE_NAME,
  WARNINGS,
  YAML_HEADER_COMMENT,
  describeAllTerminalService,
  describeImport,
} from './messages.ts';
import { setOwnValue } from './internal/attribute-record.ts';
import { createImportWarning } from './internal/graph-builder.ts';
import { measureGreatCircleKm } from './internal/great-circle.ts';
import { IdAllocator, slugify } from './internal/readable-id.ts';

export const TOPOLOGY_FORMAT = 'neverout-topology/1';

/** Failure figures of a `defaults` entry, in the base units of docs/file-formats.md. */
export interface FailureFigures {
  /** In [0, 1] (both included). */
  readonly availability?: number;
  /** Fibre cuts per km per year (links only). */
  readonly cutRate?: number;
  /** Mean time to repair a cut, in hours (links only). */
  readonly repairTime?: number;
}

export interface TopologyDefaults {
  /** By node kind, `'*'` for any kind. */
  readonly nodes: Readonly<Record<string, FailureFigures>>;
  /** By link medium, `'*'` for any medium. */
  readonly links: Readonly<Record<string, FailureFigures>>;
}

export interface TopologyDocumentNode {
  readonly id: string;
  readonly name: string;
  /** `site`, `hyperedge` (a Zoo shared-medium node), `external` (a Zoo `Internal 0` peer) or the source's kind. */
  readonly kind: string;
  /** WGS84 degrees; present together with `lon` or not at all. */
  readonly lat?: number;
  readonly lon?: number;
  /** Source attributes plus `sourceId`, the node's id in the imported file. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface TopologyDocumentLink {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly medium: string;
  /** Positive, in km. */
  readonly lengthKm: number;
  /**
   * Source attributes plus `lengthKmSource` (`file`, `great-circle` or `default`) and, when the source named the
   * link, `sourceId`.
   */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** A service of an imported document: its id and name, its kind's fields, and its target if given. */
export type TopologyDocumentService = {
  readonly id: string;
  readonly name: string;
  readonly target?: number;
} & ServiceDocumentFields;

/** A plain object in the neverout topology format, ready for {@link serializeTopologyYaml}. */
export interface TopologyDocument {
  readonly format: typeof TOPOLOGY_FORMAT;
  readonly name: string;
  readonly description: string;
  readonly illustrative: boolean;
  readonly defaults: TopologyDefaults;
  readonly nodes: readonly TopologyDocumentNode[];
  readonly links: readonly TopologyDocumentLink[];
  readonly services: readonly TopologyDocumentService[];
}

/**
 * Generic public failure figures for a model with no measured data. They are planning values, not properties of
 * any imported network; replace them with the operator's own figures where known.
 */
export const GENERIC_FAILURE_DEFAULTS: TopologyDefaults = {
  nodes: {
    // 0.99999 ("five nines", about 5.3 min down per year): the conventional carrier-grade availability objective
    // for one network element. It goes back to the Bell System objective of at most 2 hours' downtime in 40
    // years for an electronic switching office (about 3 min per year; R. W. Downing, J. S. Nowak and
    // L. S. Tuomenoksa, "No. 1 Electronic Switching System", Bell System Technical Journal 43(5), 1964).
    // A whole site with its power and cooling may do worse.
    '*': { availability: 0.99999 },
    // A Topology Zoo hyperedge node stands for a shared medium, not equipment: its links carry the failures.
    hyperedge: { availability: 1 },
  },
  links: {
    // 2.13 cuts per 1000 km per year: Bellcore field data for conventional buried fibre cable, as tabulated in
    // Alcoa Fujikura Ltd., "Reliability of Fiber Optic Cable Systems" (2001), executive summary table.
    // 12 h mean time to repair a cut: a common planning value for splicing a buried cable (and the example in
    // docs/file-formats.md), not a measured figure; use the repair time of the operator's maintenance contract.
    fibre: { cutRate: 2.13 / 1000, repairTime: 12 },
  },
};

/** A service to create instead of the default all-terminal one; endpoints name nodes by id or source id. */
export type { ServiceOption };

/** Options of {@link importedGraphToTopologyDocument}; every field optional. */
export interface ConvertOptions {
  /** Topology name; default the imported graph's name. */
  readonly name?: string;
  /** Free text; default a description of the source file and of the defaults. */
  readonly description?: string;
  /** Marks a model that is not a real network; default false. */
  readonly illustrative?: boolean;
  /** Service to create; default all-terminal `connected` among all nodes except hyperedge and external ones. */
  readonly service?: ServiceOption;
  /**
   * Length in km (positive) given to links whose ends lack coordinates; default `'median'`, the median of the
   * great-circle lengths of the other links, or {@link FALLBACK_LENGTH_KM} when no link has both coordinates.
   */
  readonly defaultLengthKm?: number | 'median';
  /** Failure defaults; default {@link GENERIC_FAILURE_DEFAULTS}. */
  readonly defaults?: TopologyDefaults;
}

export interface ResolvedConvertOptions {
  readonly name: string | null;
  readonly description: string | null;
  readonly illustrative: boolean;
  readonly service: ServiceOption | null;
  readonly defaultLengthKm: number | 'median';
  readonly defaults: TopologyDefaults;
}

export const DEFAULT_CONVERT_OPTIONS: ResolvedConvertOptions = {
  name: null,
  description: null,
  illustrative: false,
  service: null,
  defaultLengthKm: 'median',
  defaults: GENERIC_FAILURE_DEFAULTS,
};

/** Default link length in km when no link of the graph has coordinates at both ends: a typical backbone span. */
export const FALLBACK_LENGTH_KM = 100;

/**
 * Shortest link length written, in km: co-located Zoo nodes (same city) would otherwise get length 0, which the
 * topology validator rejects and which would make the link never fail.
 */
export const MIN_LENGTH_KM = 1;

/** Id of the default service. */
export const ALL_TERMINAL_SERVICE_ID = 'all-terminal';

/** Id of a service given through options without its own id. */
export const OPTION_SERVICE_ID = 'service';

/** Node kinds that the default all-terminal service leaves out. */
const NON_TERMINAL_KINDS: ReadonlySet<string> = new Set(['hyperedge', 'external']);

/** Throws ImportOptionsError for option values that break their documented ranges. */
export function resolveConvertOptions(options: ConvertOptions = {}): ResolvedConvertOptions {
  const resolved: ResolvedConvertOptions = {
    name: options.name ?? DEFAULT_CONVERT_OPTIONS.name,
    description: options.description ?? DEFAULT_CONVERT_OPTIONS.description,
    illustrative: options.illustrative ?? DEFAULT_CONVERT_OPTIONS.illustrative,
    service: options.service ?? DEFAULT_CONVERT_OPTIONS.service,
    defaultLengthKm: options.defaultLengthKm ?? DEFAULT_CONVERT_OPTIONS.defaultLengthKm,
    defaults: options.defaults ?? DEFAULT_CONVERT_OPTIONS.defaults,
  };
  const length = resolved.defaultLengthKm;
  if (length !== 'median' && !(Number.isFinite(length) && length > 0)) {
    throw new ImportOptionsError('defaultLengthKm', OPTION_ERRORS.positiveNumber('defaultLengthKm', length));
  }
  const problem = resolved.service === null ? null : checkServiceOption(resolved.service);
  if (problem !== null) {
    const path = `service.${problem.field}`;
    const message =
      problem.rule === 'positive-number'
        ? OPTION_ERRORS.positiveNumber(path, problem.value)
        : OPTION_ERRORS.positiveInteger(path, problem.value);
    throw new ImportOptionsError(path, message);
  }
  return resolved;
}

/** Rounds a length to whole metres, so YAML shows `62.114`, not 17 digits. */
function roundKm(lengthKm: number): number {
  return Math.round(lengthKm * 1000) / 1000;
}

/** Truthy Zoo flag: `1`, `true` or `"1"`. */
function isSet(value: AttributeValue | undefined): boolean {
  return value === 1 || value === true || value === '1' || value === 'true';
}

function isUnset(value: AttributeValue | undefined): boolean {
  return value === 0 || value === false || value === '0' || value === 'false';
}

/** `hyperedge` for Zoo `hyperedge 1`, `external` for Zoo `Internal 0`, else the source's kind or `site`. */
function chooseKind(node: ImportedNode): string {
  if (node.kind !== null && node.kind.trim() !== '') return node.kind.trim();
  if (isSet(node.attributes['hyperedge'])) return 'hyperedge';
  if (isUnset(node.attributes['Internal'])) return 'external';
  return 'site';
}

/**
 * Source ids that carry no meaning: Topology Zoo integers (`12`), yEd and networkx GraphML ids (`n0`, `e12`).
 * Elements with such ids are named after their label (nodes) or their ends (links) instead.
 */
const GENERATED_ID_PATTERN = /^[A-Za-z]?-?[0-9]+$/;

function isMeaningfulId(id: string | null): id is string {
  return id !== null && !GENERATED_ID_PATTERN.test(id) && slugify(id) !== '';
}

/** Slug of a meaningful source id, else of the label, else `node-<id>` (`hyperedge-<id>` for hyperedges). */
function chooseNodeIdBase(node: ImportedNode, kind: string): string {
  if (isMeaningfulId(node.id)) return slugify(node.id);
  const fromLabel = node.label === null ? '' : slugify(node.label);
  if (fromLabel !== '') return fromLabel;
  const prefix = kind === 'hyperedge' ? 'hyperedge' : 'node';
  const fromId = slugify(node.id);
  return fromId === '' ? prefix : `${prefix}-${fromId}`;
}

/** Copies attributes after the given leading entries; a source attribute with a leading entry's name is dropped. */
function buildAttributes(
  leading: readonly (readonly [string, AttributeValue])[],
  source: Readonly<Record<string, AttributeValue>>,
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of leading) setOwnValue(attributes, key, value);
  const reserved = new Set(leading.map(([key]) => key));
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (!reserved.has(key) && value !== undefined) setOwnValue(attributes, key, value);
  }
  return attributes;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Maps option endpoint names (converted id or source id) to converted node ids. */
function resolveEndpoints(
  names: readonly string[],
  path: string,
  byId: ReadonlySet<string>,
  bySourceId: ReadonlyMap<string, string>,
): string[] {
  if (names.length === 0) throw new ImportOptionsError(path, OPTION_ERRORS.endpointsEmpty(path));
  return names.map((name, index) => {
    if (byId.has(name)) return name;
    const converted = bySourceId.get(name);
    if (converted === undefined) {
      throw new ImportOptionsError(`${path}[${index}]`, OPTION_ERRORS.endpoint(`${path}[${index}]`, name));
    }
    return converted;
  });
}

/**
 * Converts an imported graph into a neverout topology document.
 *
 * ```
 * nodes ──kind, readable unique id, name──> document nodes
 * links ──drop self-loops, id, medium, lengthKm (file | great-circle | default)──> document links
 * options.service or all-terminal over non-hyperedge, non-external nodes ──> services
 * ```
 *
 * Node ids are slugs of the source id when it is meaningful (`mindef_denhaag` → `mindef-denhaag`), else of the
 * label (Zoo node `12` labelled `Den Haag` → `den-haag`); repeats get `-2`, `-3`, and the source id is kept in
 * `attributes.sourceId`. Link ids are slugs of meaningful source ids, else `from--to` (parallel: `from--to--2`).
 * lengthKm is the haversine distance (rounded to metres, at least {@link MIN_LENGTH_KM}) when both ends have
 * coordinates, else the resolved `defaultLengthKm`. Warnings are returned, not printed.
 * Throws ImportOptionsError when an option is invalid or names no node.
 */
export function importedGraphToTopologyDocument(
  graph: ImportedGraph,
  options: ConvertOptions = {},
): { document: TopologyDocument; warnings: ImportWarning[] } {
  const resolved = resolveConvertOptions(options);
  const warnings: ImportWarning[] = [];
  const ids = new IdAllocator();

  const nodeIdBySource = new Map<string, string>();
  const coordinatesById = new Map<string, { lat: number; lon: number }>();
  const nodes: TopologyDocumentNode[] = graph.nodes.map((node) => {
    const kind = chooseKind(node);
    const id = ids.allocate(chooseNodeIdBase(node, kind));
    nodeIdBySource.set(node.id, id);
    const attributes = buildAttributes([['sourceId', node.id]], node.attributes);
    const name = node.label?.trim() || node.id;
    if (node.lat === null || node.lon === null) return { id, name, kind, attributes };
    coordinatesById.set(id, { lat: node.lat, lon: node.lon });
    return { id, name, kind, lat: node.lat, lon: node.lon, attributes };
  });

  interface LinkDraft {
    readonly id: string;
    readonly from: string;
    readonly to: string;
    readonly medium: string;
    readonly lengthKm: number | null;
    readonly lengthKmSource: 'file' | 'great-circle' | 'default';
    readonly sourceAttributes: Readonly<Record<string, AttributeValue>>;
    readonly sourceId: string | null;
    readonly position: { line: number; column: number };
  }
  const drafts: LinkDraft[] = [];
  for (const link of graph.links) {
    const position = { line: link.line, column: link.column };
    const from = nodeIdBySource.get(link.source);
    const to = nodeIdBySource.get(link.target);
    // The parsers check link ends against the nodes, so a miss here is a bug in the caller, not bad input.
    assert(from !== undefined && to !== undefined, `link end ${link.source} or ${link.target} names no node`);
    if (from === to) {
      warnings.push(
        createImportWarning('self-loop-dropped', graph.linksFileName, position, WARNINGS.selfLoopDropped(link.source)),
      );
      continue;
    }
    const id = isMeaningfulId(link.id) ? ids.allocate(slugify(link.id)) : ids.allocate(`${from}--${to}`, '--');
    const a = coordinatesById.get(from);
    const b = coordinatesById.get(to);
    let lengthKm: number | null = link.lengthKm;
    let lengthKmSource: LinkDraft['lengthKmSource'] = 'file';
    if (lengthKm === null && a !== undefined && b !== undefined) {
      lengthKmSource = 'great-circle';
      lengthKm = roundKm(measureGreatCircleKm(a.lat, a.lon, b.lat, b.lon));
      if (lengthKm < MIN_LENGTH_KM) {
        warnings.push(
          createImportWarning(
            'minimum-length',
            graph.linksFileName,
            position,
            WARNINGS.minimumLength(id, MIN_LENGTH_KM),
          ),
        );
        lengthKm = MIN_LENGTH_KM;
      }
    } else if (lengthKm === null) {
      lengthKmSource = 'default';
    }
    drafts.push({
      id,
      from,
      to,
      medium: link.medium?.trim() || 'fibre',
      lengthKm,
      lengthKmSource,
      sourceAttributes: link.attributes,
      sourceId: link.id,
      position,
    });
  }

  const defaultLengthKm =
    resolved.defaultLengthKm === 'median'
      ? roundKm(
          median(drafts.filter((d) => d.lengthKmSource === 'great-circle').map((d) => d.lengthKm ?? 0)) ??
            FALLBACK_LENGTH_KM,
        )
      : resolved.defaultLengthKm;
  const links: TopologyDocumentLink[] = drafts.map((draft) => {
    if (draft.lengthKm === null) {
      warnings.push(
        createImportWarning(
          'default-length',
          graph.linksFileName,
          draft.position,
          WARNINGS.defaultLength(draft.id, defaultLengthKm),
        ),
      );
    }
    const leading: [string, AttributeValue][] = [['lengthKmSource', draft.lengthKmSource]];
    if (draft.sourceId !== null) leading.unshift(['sourceId', draft.sourceId]);
    return {
      id: draft.id,
      from: draft.from,
      to: draft.to,
      medium: draft.medium,
      lengthKm: draft.lengthKm ?? defaultLengthKm,
      attributes: buildAttributes(leading, draft.sourceAttributes),
    };
  });

  const services = buildServices(resolved.service, nodes, nodeIdBySource, graph, warnings);
  const fileNames = graph.linksFileName === graph.fileName ? [graph.fileName] : [graph.fileName, graph.linksFileName];
  const document: TopologyDocument = {
    format: TOPOLOGY_FORMAT,
    name: resolved.name ?? graph.name,
    description: resolved.description ?? describeImport(fileNames, graph.format, graph.metadata),
    illustrative: resolved.illustrative,
    defaults: structuredClone(resolved.defaults),
    nodes,
    links,
    services,
  };
  return { document, warnings };
}

function buildServices(
  option: ServiceOption | null,
  nodes: readonly TopologyDocumentNode[],
  nodeIdBySource: ReadonlyMap<string, string>,
  graph: ImportedGraph,
  warnings: ImportWarning[],
): TopologyDocumentService[] {
  const byId = new Set(nodes.map((node) => node.id));
  const target = option?.target === undefined ? {} : { target: option.target };
  if (option !== null) {
    const fields = buildServiceDocumentFields(option, (field, ids) =>
      resolveEndpoints(ids, `service.${field}`, byId, nodeIdBySource),
    );
    return [{ id: option.id ?? OPTION_SERVICE_ID, name: option.name ?? OPTION_SERVICE_NAME, ...fields, ...target }];
  }
  const endpoints = nodes.filter((node) => !NON_TERMINAL_KINDS.has(node.kind)).map((node) => node.id);
  if (endpoints.length === 0) {
    warnings.push(
      createImportWarning('no-service-endpoints', graph.fileName, { line: 1, column: 1 }, WARNINGS.noServiceEndpoints),
    );
    return [];
  }
  return [
    {
      id: ALL_TERMINAL_SERVICE_ID,
      name: describeAllTerminalService(endpoints.length),
      kind: 'connected',
      endpoints,
    },
  ];
}

/** Key order of each part of the document in YAML; keys not listed follow in their own order. */
const KEY_ORDER = {
  document: ['format', 'name', 'description', 'illustrative', 'defaults', 'nodes', 'links', 'riskGroups', 'services'],
  node: ['id', 'name', 'kind', 'lat', 'lon', 'attributes'],
  link: ['id', 'from', 'to', 'medium', 'lengthKm', 'attributes'],
  service: ['id', 'name', 'kind', ...SERVICE_KIND_FIELDS, 'target'],
  figures: ['availability', 'mtbf', 'mttr', 'cutRate', 'repairTime', 'failureProbability', 'attackCost'],
} as const;

function orderKeys(value: object, order: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  const keys = [...order.filter((key) => Object.prototype.hasOwnProperty.call(source, key))];
  for (const key of Object.keys(source)) if (!order.includes(key)) keys.push(key);
  for (const key of keys) if (source[key] !== undefined) setOwnValue(result, key, source[key]);
  return result;
}

function orderFigures(byName: Readonly<Record<string, FailureFigures>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(byName)) {
    const figures = byName[key];
    if (figures !== undefined) setOwnValue(result, key, orderKeys(figures, KEY_ORDER.figures));
  }
  return result;
}

/**
 * Serialises a topology document as YAML with a fixed key order (format, name, description, illustrative,
 * defaults, nodes, links, services; inside each node `id, name, kind, lat, lon, attributes`), no line folding
 * and no anchors, so that `yaml.parse(serializeTopologyYaml(doc))` deep-equals `doc`.
 */
export function serializeTopologyYaml(document: TopologyDocument): string {
  const ordered = orderKeys(
    {
      ...document,
      defaults: { nodes: orderFigures(document.defaults.nodes), links: orderFigures(document.defaults.links) },
      nodes: document.nodes.map((node) => orderKeys(node, KEY_ORDER.node)),
      links: document.links.map((link) => orderKeys(link, KEY_ORDER.link)),
      services: document.services.map((service) => orderKeys(service, KEY_ORDER.service)),
    },
    KEY_ORDER.document,
  );
  const yaml = new Document(ordered, { aliasDuplicateObjects: false });
  yaml.commentBefore = YAML_HEADER_COMMENT;
  return yaml.toString({ lineWidth: 0 });
}
