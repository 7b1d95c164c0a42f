// validateTopology: checks a parsed topology file completely (structure with zod, then ids, references,
// quantities and failure parameters) and reports every problem at once, each located by line and field path.
//
//   source document ──zod per entry──> entries ──ids, references, quantities──> TopologyModel | diagnostics

import { z } from 'zod';
import {
  buildCsrTopology,
  countServedEndpoints,
  countServiceEndpoints,
  isReachExact,
  labelTopologyComponents,
  type CompiledService,
} from '../../engine/index.ts';
import { DiagnosticCollector, isRecord } from '../diagnostic-collector.ts';
import { greatCircleKm } from '../geo.ts';
import { checkDistinctIds } from '../internal/check-distinct-ids.ts';
import { MESSAGES } from '../messages.ts';
import { parseQuantity, runWithQuantityParser, type QuantityOutcome } from '../quantity.ts';
import { formatPath, type Diagnostic } from '../scenario-error.ts';
import type { SourceDocument } from '../source-document.ts';
import { resolveEventProbability, resolveFailureProbability, type FailureShape } from './failure-parameters.ts';
import { resolveLinkRoutes } from './resolve-routes.ts';
import { selectElements } from './select-elements.ts';
import { parseBitRateGbps, parseDelayMs } from './traffic-quantities.ts';
import {
  compileService,
  expandService,
  createServiceCompileContext,
  SERVICE_ENTRY_FIELDS,
  validateServiceEntry,
} from './services/topology-service-kinds.ts';
import type { ServiceCheck } from './services/topology-service-kind.ts';
import { resolveRecovery, resolveTimeDistribution, TIME_DISTRIBUTION_FIELDS } from './time-fields.ts';
import {
  DEFAULT_ATTACK_COST,
  DEFAULT_EVENT_HOURS,
  DEFAULT_REPAIR_HOURS,
  type ModelCrew,
  type ModelLink,
  type ModelNode,
  type ModelRiskGroup,
  type ModelService,
  type TopologyModel,
} from './topology-model.ts';
import type { TimeDistribution } from '../../engine/index.ts';
import {
  crewSchema,
  linkDefaultsSchema,
  linkSchema,
  LINK_MEDIA,
  nodeDefaultsSchema,
  nodeSchema,
  riskGroupSchema,
  selectorSchema,
  serviceSchema,
  TOPOLOGY_FORMAT,
  type FailureParameters,
  type CrewEntry,
  type LinkEntry,
  type NodeEntry,
  type RiskGroupEntry,
} from './topology-schema.ts';

type Path = Array<string | number>;

/** Every field name the topology format knows, for "did you mean" suggestions. */
export const TOPOLOGY_FIELDS: readonly string[] = [
  ...new Set([
    'format', 'name', 'description', 'illustrative', 'defaults', 'nodes', 'links', 'riskGroups', 'services', 'crews',
    ...Object.keys(nodeSchema.shape),
    ...Object.keys(linkSchema.shape),
    ...Object.keys(riskGroupSchema.shape),
    ...Object.keys(selectorSchema.shape),
    ...Object.keys(crewSchema.shape),
    ...TIME_DISTRIBUTION_FIELDS,
    'staggered',
    'crew',
    ...SERVICE_ENTRY_FIELDS,
  ]),
];

const skeletonSchema = z.strictObject(
  {
    $schema: z.string({ error: 'a text (the path or URL of a JSON Schema)' }).optional(),
    format: z.literal(TOPOLOGY_FORMAT, { error: `"${TOPOLOGY_FORMAT}"` }),
    name: z.string({ error: 'a text' }).min(1, { error: 'a text (not empty)' }),
    description: z.string({ error: 'a text' }).optional(),
    illustrative: z.boolean({ error: 'true or false' }).optional(),
    defaults: z
      .strictObject(
        {
          nodes: z.record(z.string(), z.unknown(), { error: 'a mapping from node kind to failure parameters' }).optional(),
          links: z.record(z.string(), z.unknown(), { error: 'a mapping from medium to failure parameters' }).optional(),
        },
        { error: 'a mapping with nodes and links' },
      )
      .optional(),
    nodes: z.array(z.unknown(), { error: 'a list of nodes' }).min(1, { error: 'a list of at least 1 node' }),
    links: z.array(z.unknown(), { error: 'a list of links' }),
    riskGroups: z.array(z.unknown(), { error: 'a list of risk groups' }).optional(),
    services: z.array(z.unknown(), { error: 'a list of services' }).optional(),
    crews: z.array(z.unknown(), { error: 'a list of repair crews' }).optional(),
  },
  { error: 'a topology (mapping with format, name, nodes and links)' },
);

/** Outcome of validation: the model and its warnings, or every diagnostic. */
export type TopologyValidation =
  | { readonly kind: 'ok'; readonly model: TopologyModel; readonly warnings: readonly Diagnostic[] }
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[] };

/**
 * Validates a parsed topology file and resolves it into a TopologyModel.
 * Reports all problems, not just the first; warnings (perfect elements, isolated nodes, disconnected service
 * endpoints) never stop validation.
 */
export function validateTopology(source: SourceDocument): Promise<TopologyValidation> {
  return runWithQuantityParser(() => checkTopology(source));
}

function checkTopology(source: SourceDocument): TopologyValidation {
  const collector = new DiagnosticCollector(source);
  const root = source.value;
  if (isRecord(root) && root.format !== undefined && root.format !== TOPOLOGY_FORMAT && typeof root.format === 'string') {
    collector.error(['format'], MESSAGES.unknownFormat(TOPOLOGY_FORMAT, root.format));
    return { kind: 'invalid', diagnostics: collector.diagnostics };
  }
  collector.check(skeletonSchema, root, [], TOPOLOGY_FIELDS);
  const file = isRecord(root) ? root : {};
  const model = buildTopologyModel(collector, file);
  if (collector.errorCount > 0 || model === null) return { kind: 'invalid', diagnostics: collector.diagnostics };
  return { kind: 'ok', model, warnings: collector.diagnostics.filter((d) => d.severity === 'warning') };
}

function listAt(file: Record<string, unknown>, key: string): unknown[] {
  const value = file[key];
  return Array.isArray(value) ? value : [];
}

function buildTopologyModel(collector: DiagnosticCollector, file: Record<string, unknown>): TopologyModel | null {
  const defaults = readDefaults(collector, file);
  const seenIds = new Map<string, string>();
  const claimId = (id: string, path: Path): boolean => {
    const first = seenIds.get(id);
    if (first !== undefined) {
      collector.error([...path, 'id'], MESSAGES.duplicateId(id, first));
      return false;
    }
    seenIds.set(id, formatPath(path));
    return true;
  };

  const nodeEntries: Array<{ entry: NodeEntry; path: Path }> = [];
  // Ids of nodes whose entries are invalid still count as known, so one bad node does not cascade into
  // "unknown node" errors at every link and service that names it.
  const invalidNodeIds = new Set<string>();
  listAt(file, 'nodes').forEach((raw, i) => {
    const entry = collector.check(nodeSchema, raw, ['nodes', i], TOPOLOGY_FIELDS);
    if (entry !== null && claimId(entry.id, ['nodes', i])) nodeEntries.push({ entry, path: ['nodes', i] });
    else if (entry === null && isRecord(raw) && typeof raw.id === 'string') invalidNodeIds.add(raw.id);
  });
  const nodes: ModelNode[] = [];
  for (const { entry, path } of nodeEntries) {
    // A site is on the map with both coordinates or with neither; one alone is a typo that would drop it silently.
    if ((entry.lat === undefined) !== (entry.lon === undefined)) {
      const missing = entry.lat === undefined ? 'lat' : 'lon';
      collector.error([...path, missing], `${missing === 'lat' ? 'a latitude' : 'a longitude'}: a node with ${missing === 'lat' ? 'lon' : 'lat'} needs both coordinates`);
    }
    const failure = resolveElementFailure(collector, path, entry, [defaults.nodes.get(entry.kind), defaults.nodes.get('*')], null, null, 'node', entry.id);
    nodes.push({
      id: entry.id,
      name: entry.name ?? entry.id,
      kind: entry.kind,
      lat: entry.lat ?? null,
      lon: entry.lon ?? null,
      attributes: entry.attributes ?? {},
      failureProbability: failure.failureProbability,
      repairHours: failure.repairHours,
      timeToRepair: failure.timeToRepair,
      failureShape: failure.failureShape,
      attackCost: failure.attackCost,
    });
  }
  const nodeById = new Map(nodes.map((n) => [n.id, n]));

  let links: ModelLink[] = [];
  const linkPaths = new Map<string, Path>();
  const linkEntries = new Map<string, { entry: LinkEntry; path: Path }>();
  const degree = new Map<string, number>();
  listAt(file, 'links').forEach((raw, i) => {
    const path: Path = ['links', i];
    const entry = collector.check(linkSchema, raw, path, TOPOLOGY_FIELDS);
    if (entry === null || !claimId(entry.id, path)) return;
    linkEntries.set(entry.id, { entry, path });
    const link = resolveLink(collector, path, entry, nodeById, invalidNodeIds, defaults.links);
    if (link === null) return;
    links.push(link);
    linkPaths.set(link.id, path);
    degree.set(link.from, (degree.get(link.from) ?? 0) + 1);
    degree.set(link.to, (degree.get(link.to) ?? 0) + 1);
  });
  for (const { entry, path } of nodeEntries) {
    if (!degree.has(entry.id) && nodes.length > 1) collector.warning(path, MESSAGES.isolatedNode(entry.id));
  }
  // Layers: logical links' routes over physical links; then the service graph's links first, physical links last
  // (the element order: the engine numbers physical links after the service graph's).
  links = resolveLinkRoutes(collector, links, linkEntries) ?? links;
  links = [...links.filter((l) => l.physical !== true), ...links.filter((l) => l.physical === true)];
  const serviceLinks = links.filter((l) => l.physical !== true);

  const crews = resolveCrews(collector, listAt(file, 'crews'), { nodes, links });

  const riskGroups: ModelRiskGroup[] = [];
  listAt(file, 'riskGroups').forEach((raw, i) => {
    const path: Path = ['riskGroups', i];
    const entry = collector.check(riskGroupSchema, raw, path, TOPOLOGY_FIELDS);
    if (entry === null || !claimId(entry.id, path)) return;
    const group = resolveRiskGroup(collector, path, entry, { nodes, links, crews });
    if (group !== null) riskGroups.push(group);
  });

  const resolved = resolveServices(collector, listAt(file, 'services'), nodeById, invalidNodeIds, serviceLinks, linkPaths);
  if (collector.errorCount > 0) return null;
  warnDisconnectedServices(collector, resolved.services, resolved.entryPaths, nodes, serviceLinks);
  // Each entry, then the services it stands for besides itself (a traffic matrix's demands), in entry order.
  const services = resolved.services.flatMap((service) => expandService(service));
  return {
    name: typeof file.name === 'string' ? file.name : '',
    description: typeof file.description === 'string' ? file.description : '',
    illustrative: file.illustrative === true,
    nodes,
    links,
    riskGroups,
    services,
    crews,
  };
}


interface Defaults {
  nodes: Map<string, FailureParameters>;
  links: Map<string, FailureParameters>;
}

function readDefaults(collector: DiagnosticCollector, file: Record<string, unknown>): Defaults {
  const result: Defaults = { nodes: new Map(), links: new Map() };
  const defaults = isRecord(file.defaults) ? file.defaults : {};
  for (const [group, schema] of [
    ['nodes', nodeDefaultsSchema],
    ['links', linkDefaultsSchema],
  ] as const) {
    const table = isRecord(defaults[group]) ? defaults[group] : {};
    for (const [key, raw] of Object.entries(table)) {
      const path: Path = ['defaults', group, key];
      // Link defaults are per medium: any other key would never apply to a link.
      if (group === 'links' && key !== '*' && !(LINK_MEDIA as readonly string[]).includes(key)) {
        collector.error(path, `a medium (one of ${LINK_MEDIA.join(', ')}) or * for every link; "${key}" applies to no link`);
        continue;
      }
      const entry = collector.check<FailureParameters>(schema, raw, path, TOPOLOGY_FIELDS);
      if (entry === null) continue;
      // Check the block on its own, so a bad default is reported once, at the default.
      const probe = resolveFailureProbability(entry, entry.cutRate !== undefined ? 1 : null, group === 'links' ? (key === '*' ? 'fibre' : key) : null);
      if (probe.kind === 'error') collector.error([...path, probe.field], probe.message);
      else result[group].set(key, entry);
    }
  }
  return result;
}

function resolveElementFailure(
  collector: DiagnosticCollector,
  path: Path,
  own: FailureParameters,
  fallbacks: ReadonlyArray<FailureParameters | undefined>,
  lengthKm: number | null,
  medium: string | null,
  kind: 'node' | 'link',
  id: string,
  warnPerfect = true,
): ResolvedElementFailure {
  const candidates = [own, ...fallbacks].filter((p): p is FailureParameters => p !== undefined);
  const attackCost = candidates.find((p) => p.attackCost !== undefined)?.attackCost ?? DEFAULT_ATTACK_COST;
  const none = { failureProbability: 0, repairHours: DEFAULT_REPAIR_HOURS, timeToRepair: null, failureShape: null, attackCost };
  for (let c = 0; c < candidates.length; c++) {
    const outcome = resolveFailureProbability(candidates[c], lengthKm, medium);
    if (outcome.kind === 'none') continue;
    if (outcome.kind === 'error') {
      // Errors in a default are reported at the default; here only the element's own block, or a missing length.
      if (c === 0 || outcome.message === MESSAGES.cutRateNeedsLength()) collector.error(c === 0 ? [...path, ...outcome.field.split('.')] : [...path, 'lengthKm'], outcome.message);
      return none;
    }
    if (outcome.failureProbability === 0 && kind === 'link') collector.warning(path, MESSAGES.zeroProbability(kind, id));
    const repairHours = outcome.repairHours !== undefined && outcome.repairHours !== null && outcome.repairHours > 0 ? outcome.repairHours : DEFAULT_REPAIR_HOURS;
    return {
      failureProbability: outcome.failureProbability,
      repairHours,
      timeToRepair: outcome.repair ?? null,
      failureShape: outcome.failure ?? null,
      attackCost,
    };
  }
  if (warnPerfect) collector.warning(path, MESSAGES.perfectElement(kind, id));
  return none;
}

/** An element's failure model as validated: q, the repair time (mean and distribution), the failure shape. */
interface ResolvedElementFailure {
  readonly failureProbability: number;
  readonly repairHours: number;
  readonly timeToRepair: TimeDistribution | null;
  readonly failureShape: FailureShape | null;
  readonly attackCost: number;
}

function resolveLink(
  collector: DiagnosticCollector,
  path: Path,
  entry: LinkEntry,
  nodeById: ReadonlyMap<string, ModelNode>,
  invalidNodeIds: ReadonlySet<string>,
  linkDefaults: ReadonlyMap<string, FailureParameters>,
): ModelLink | null {
  let ok = true;
  const a = nodeById.get(entry.from);
  const b = nodeById.get(entry.to);
  if (a === undefined) {
    if (!invalidNodeIds.has(entry.from)) collector.error([...path, 'from'], MESSAGES.unknownNode(entry.from));
    ok = false;
  }
  if (b === undefined) {
    if (!invalidNodeIds.has(entry.to)) collector.error([...path, 'to'], MESSAGES.unknownNode(entry.to));
    ok = false;
  }
  if (entry.from === entry.to) {
    collector.error([...path, 'to'], MESSAGES.selfLoop(entry.from));
    ok = false;
  }
  let lengthKm: number | null = null;
  if (entry.lengthKm !== undefined) {
    const parsed = parseQuantity(entry.lengthKm, 'lengthKm');
    if (parsed.kind === 'error') {
      collector.error([...path, 'lengthKm'], parsed.message);
      ok = false;
    } else if (!(parsed.value > 0)) {
      collector.error([...path, 'lengthKm'], MESSAGES.expected('a positive number', entry.lengthKm));
      ok = false;
    } else lengthKm = parsed.value;
  } else if (a?.lat != null && a.lon !== null && b?.lat != null && b.lon !== null) {
    lengthKm = greatCircleKm(a.lat, a.lon, b.lat, b.lon);
  }
  const capacityGbps = resolveTrafficField(collector, path, 'capacity', entry.capacity, parseBitRateGbps);
  const delayMs = resolveTrafficField(collector, path, 'delay', entry.delay, (v) => parseDelayMs(v, false));
  if (capacityGbps === undefined || delayMs === undefined) ok = false;
  if (!ok) return null;
  // A logical link (routed over physical links) fails by its route; its own parameters, if any, are its equipment's,
  // and no default applies (the defaults describe cables, which its route already counts).
  const logical = entry.over !== undefined;
  const failure = resolveElementFailure(
    collector,
    path,
    entry,
    logical ? [] : [linkDefaults.get(entry.medium), linkDefaults.get('*')],
    lengthKm,
    entry.medium,
    'link',
    entry.id,
    !logical,
  );
  return {
    id: entry.id,
    from: entry.from,
    to: entry.to,
    medium: entry.medium,
    lengthKm,
    capacityGbps: capacityGbps ?? null,
    delayMs: delayMs ?? null,
    attributes: entry.attributes ?? {},
    ...(entry.layer === 'physical' ? { physical: true } : {}),
    failureProbability: failure.failureProbability,
    repairHours: failure.repairHours,
    timeToRepair: failure.timeToRepair,
    failureShape: failure.failureShape,
    attackCost: failure.attackCost,
  };
}

/** A link's optional traffic quantity: null when absent, undefined when reported as invalid. */
function resolveTrafficField(
  collector: DiagnosticCollector,
  path: Path,
  field: string,
  value: number | string | undefined,
  parse: (value: number | string) => QuantityOutcome,
): number | null | undefined {
  if (value === undefined) return null;
  const parsed = parse(value);
  if (parsed.kind === 'ok') return parsed.value;
  collector.error([...path, field], parsed.message);
  return undefined;
}

/**
 * Resolves the repair crews: their response times, and the elements each repairs (an element may have one crew
 * only; a later crew selecting it is an error at its `repairs`).
 */
function resolveCrews(
  collector: DiagnosticCollector,
  rawCrews: unknown[],
  model: { nodes: readonly ModelNode[]; links: readonly ModelLink[] },
): ModelCrew[] {
  const crews: ModelCrew[] = [];
  const seen = new Map<string, string>();
  const crewOf = new Map<string, string>();
  const known = new Set([...model.nodes.map((n) => n.id), ...model.links.map((l) => l.id)]);
  rawCrews.forEach((raw, i) => {
    const path: Path = ['crews', i];
    const entry: CrewEntry | null = collector.check(crewSchema, raw, path, TOPOLOGY_FIELDS);
    if (entry === null) return;
    const first = seen.get(entry.id);
    if (first !== undefined) {
      collector.error([...path, 'id'], MESSAGES.duplicateId(entry.id, first));
      return;
    }
    seen.set(entry.id, formatPath(path));
    let ok = true;
    const response = resolveTimeDistribution(entry.response, true);
    if (response.kind === 'error') {
      collector.error([...path, 'response', ...response.path], response.message);
      ok = false;
    }
    const selectors = Array.isArray(entry.repairs) ? entry.repairs : [entry.repairs];
    selectors.forEach((selector, s) => {
      const selectorPath: Path = Array.isArray(entry.repairs) ? [...path, 'repairs', s] : [...path, 'repairs'];
      checkDistinctIds(collector, [...selectorPath, 'ids'], selector.ids ?? [], (id, k) => {
        if (!known.has(id)) {
          collector.error([...selectorPath, 'ids', k], MESSAGES.unknownElement(id));
          ok = false;
        }
      });
    });
    if (!ok || response.kind !== 'ok') return;
    const elements = selectElements(model, entry.repairs);
    if (elements.length === 0) collector.warning([...path, 'repairs'], `crew "${entry.id}" repairs no node or link`);
    for (const id of elements) {
      const other = crewOf.get(id);
      if (other !== undefined) {
        collector.error([...path, 'repairs'], `element "${id}" is already repaired by crew "${other}" (each element has one crew)`);
        return;
      }
    }
    for (const id of elements) crewOf.set(id, entry.id);
    crews.push({
      id: entry.id,
      name: entry.name ?? entry.id,
      description: entry.description ?? '',
      count: entry.count,
      response: response.distribution,
      elements,
    });
  });
  return crews;
}

/**
 * Resolves one risk-group entry against the model's nodes and links; reports unknown ids and probability
 * problems at their paths. Also used for the extra risk groups of a study.
 */
export function resolveRiskGroup(
  collector: DiagnosticCollector,
  path: Path,
  entry: RiskGroupEntry,
  model: { nodes: readonly ModelNode[]; links: readonly ModelLink[]; crews: readonly ModelCrew[] },
): ModelRiskGroup | null {
  const known = new Set([...model.nodes.map((n) => n.id), ...model.links.map((l) => l.id)]);
  const selectors = Array.isArray(entry.select) ? entry.select : [entry.select];
  let ok = true;
  selectors.forEach((selector, s) => {
    const selectorPath: Path = Array.isArray(entry.select) ? [...path, 'select', s] : [...path, 'select'];
    checkDistinctIds(collector, [...selectorPath, 'ids'], selector.ids ?? [], (id, k) => {
      if (!known.has(id)) {
        collector.error([...selectorPath, 'ids', k], MESSAGES.unknownElement(id));
        ok = false;
      }
    });
  });
  const probability = resolveEventProbability(entry);
  if (probability.kind === 'error') {
    collector.error([...path, ...probability.field.split('.')], probability.message);
    ok = false;
  }
  const recovery = resolveRecovery(entry.recovery, new Set(model.crews.map((c) => c.id)));
  if (recovery.kind === 'error') {
    collector.error([...path, 'recovery', ...recovery.path], recovery.message);
    ok = false;
  }
  if (!ok || probability.kind !== 'ok' || recovery.kind !== 'ok') return null;
  const members = selectElements(model, entry.select);
  if (members.length === 0) collector.warning([...path, 'select'], MESSAGES.emptyRiskGroup(entry.id));
  return {
    id: entry.id,
    name: entry.name ?? entry.id,
    description: entry.description ?? '',
    eventProbability: probability.failureProbability,
    durationHours: probability.duration?.meanHours ?? DEFAULT_EVENT_HOURS,
    duration: probability.duration,
    recovery: recovery.recovery,
    memberFailureProbability: entry.memberFailureProbability ?? 1,
    members,
  };
}

function resolveServices(
  collector: DiagnosticCollector,
  rawServices: unknown[],
  nodeById: ReadonlyMap<string, ModelNode>,
  invalidNodeIds: ReadonlySet<string>,
  links: readonly ModelLink[],
  linkPaths: ReadonlyMap<string, Path>,
): { services: ModelService[]; entryPaths: Path[] } {
  const services: ModelService[] = [];
  const entryPaths: Path[] = [];
  const seen = new Map<string, string>();
  const linkFacts = links.map((l) => ({ id: l.id, capacityGbps: l.capacityGbps ?? null, delayMs: l.delayMs ?? null, lengthKm: l.lengthKm }));
  // One report per link and field, however many services need it.
  const reportedLinkFields = new Set<string>();
  rawServices.forEach((raw, i) => {
    const path: Path = ['services', i];
    const entry = collector.check(serviceSchema, raw, path, TOPOLOGY_FIELDS);
    if (entry === null) return;
    const first = seen.get(entry.id);
    if (first !== undefined) {
      collector.error([...path, 'id'], MESSAGES.duplicateId(entry.id, first));
      return;
    }
    seen.set(entry.id, `services[${i}]`);
    const check: ServiceCheck = {
      nodeIds(field, ids) {
        let ok = true;
        const local = new Set<string>();
        ids.forEach((id, k) => {
          if (!nodeById.has(id)) {
            if (!invalidNodeIds.has(id)) collector.error([...path, field, k], MESSAGES.unknownNode(id));
            ok = false;
          } else if (local.has(id)) {
            collector.error([...path, field, k], MESSAGES.duplicateEndpoint(id));
            ok = false;
          }
          local.add(id);
        });
        return ok;
      },
      nodeId(field, id) {
        if (nodeById.has(id)) return true;
        if (!invalidNodeIds.has(id)) collector.error([...path, ...field], MESSAGES.unknownNode(id));
        return false;
      },
      error(field, message) {
        collector.error([...path, ...(typeof field === 'string' ? [field] : field)], message);
      },
      links: linkFacts,
      linkError(linkId, field, message) {
        const key = `${linkId}\u0000${field}`;
        if (reportedLinkFields.has(key)) return;
        reportedLinkFields.add(key);
        collector.error([...(linkPaths.get(linkId) ?? ['links']), field], message);
      },
      linkWarning(linkId, field, message) {
        const key = `${linkId}\u0000${field}`;
        if (reportedLinkFields.has(key)) return;
        reportedLinkFields.add(key);
        collector.warning([...(linkPaths.get(linkId) ?? ['links']), field], message);
      },
    };
    const common = { id: entry.id, name: entry.name ?? entry.id, description: entry.description ?? '', target: entry.target ?? null };
    const service = validateServiceEntry(entry, common, check);
    if (service === null) return;
    services.push(service);
    entryPaths.push(path);
    // The services an entry stands for besides itself (a traffic matrix's demands) claim their generated ids.
    for (const part of expandService(service).slice(1)) {
      const taken = seen.get(part.id);
      if (taken !== undefined) {
        collector.error([...path, 'id'], MESSAGES.duplicateId(part.id, taken));
        continue;
      }
      seen.set(part.id, `services[${i}]`);
    }
  });
  return { services, entryPaths };
}

/** Warns about services that are down with nothing failed (endpoints in different parts of the network). */
function warnDisconnectedServices(
  collector: DiagnosticCollector,
  services: readonly ModelService[],
  paths: readonly Path[],
  nodes: readonly ModelNode[],
  links: readonly ModelLink[],
): void {
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
  const known = links.filter((l) => nodeIndex.has(l.from) && nodeIndex.has(l.to));
  const topology = buildCsrTopology(
    nodes.length,
    known.map((l) => nodeIndex.get(l.from) ?? 0),
    known.map((l) => nodeIndex.get(l.to) ?? 0),
  );
  const nothingDown = new Uint8Array(nodes.length + known.length);
  const root = new Int32Array(nodes.length);
  labelTopologyComponents(topology, nothingDown, root);
  const nodeIndices = (ids: readonly string[]): Uint32Array => Uint32Array.from(ids.map((id) => nodeIndex.get(id) ?? 0));
  const context = createServiceCompileContext(topology, known);
  services.forEach((service, i) => {
    const compiled = compileService(service, nodeIndices, context);
    if (countServedEndpoints(compiled, nothingDown, root) < countServiceEndpoints(compiled)) {
      const connected = isReachExact(compiled) || !isIntactReachable(compiled, root);
      collector.warning(
        paths[i],
        connected ? MESSAGES.disconnectedEndpoints(service.id) : MESSAGES.unmetWhenIntact(service.id, service.kind),
      );
    }
  });
}

/** True when some `from` node of a traffic-aware service shares a component with a `to` node in the intact network. */
function isIntactReachable(service: CompiledService, root: Int32Array): boolean {
  if (!('from' in service) || !('to' in service)) return true;
  for (const f of service.from) for (const t of service.to) if (root[f] === root[t]) return true;
  return false;
}
