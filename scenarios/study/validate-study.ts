// validateStudy: checks a parsed study file against the topology it names and reports every problem at once.
//
//   source document ──skeleton──> topology reference ──(caller loads topology)──> scenarios resolved ──> StudyModel

import { DiagnosticCollector, isRecord } from '../diagnostic-collector.ts';
import { checkDistinctIds } from '../internal/check-distinct-ids.ts';
import { MESSAGES } from '../messages.ts';
import { parseQuantity, runWithQuantityParser } from '../quantity.ts';
import type { Diagnostic } from '../scenario-error.ts';
import type { SourceDocument } from '../source-document.ts';
import { isAttackableLink } from '../topology/compile-model.ts';
import { resolveFailureProbability } from '../topology/failure-parameters.ts';
import { selectElements } from '../topology/select-elements.ts';
import type { ModelRiskGroup, TopologyModel } from '../topology/topology-model.ts';
import { riskGroupSchema, selectorSchema } from '../topology/topology-schema.ts';
import { resolveRiskGroup, TOPOLOGY_FIELDS } from '../topology/validate-topology.ts';
import type { ForcedEvents, ProbabilityOverride, SabotageSpec, StudyModel, StudyScenario } from './study-model.ts';
import {
  overrideSchema,
  sabotageSchema,
  scenarioSchema,
  simulationSchema,
  STUDY_FORMAT,
  studySchema,
  type ForcedEventsEntry,
} from './study-schema.ts';

type Path = Array<string | number>;

const STUDY_FIELDS: readonly string[] = [
  ...new Set([
    ...Object.keys(studySchema.shape),
    ...Object.keys(scenarioSchema.shape),
    ...Object.keys(sabotageSchema.shape),
    ...Object.keys(overrideSchema.shape),
    ...Object.keys(selectorSchema.shape),
    ...Object.keys(simulationSchema.shape),
    'arrivals',
    ...TOPOLOGY_FIELDS,
  ]),
];

/** How messages name the elements a sabotage `targets` value lets an attack pick from. */
const TARGET_NAMES: Readonly<Record<SabotageSpec['targets'], string>> = {
  links: 'links',
  nodes: 'nodes',
  all: 'nodes and links',
};

/**
 * How many elements an attack may pick from, by `targets` (as compilePlan's attacks: every node, and the links a
 * saboteur attacks itself), and how many logical links it may not (they go down through their routes).
 */
function countAttackableElements(
  topology: TopologyModel,
): Record<SabotageSpec['targets'], number> & { readonly logicalLinks: number } {
  const nodes = topology.nodes.length;
  const links = topology.links.filter(isAttackableLink).length;
  return { nodes, links, all: nodes + links, logicalLinks: topology.links.length - links };
}

/** Resolves a `forcedEvents` entry (checked by its schema); reports a bad rate at `path`. */
function resolveForcedEvents(
  collector: DiagnosticCollector,
  path: Path,
  entry: ForcedEventsEntry | undefined,
): ForcedEvents | null {
  if (entry === undefined) return null;
  if (entry === 'start' || entry === 'throughout') return { kind: entry };
  const rate = parseQuantity(entry.arrivals, 'ratePerYear');
  if (rate.kind === 'error') {
    collector.error([...path, 'arrivals'], rate.message);
    return null;
  }
  if (!(rate.value > 0 && Number.isFinite(rate.value))) {
    collector.error([...path, 'arrivals'], MESSAGES.expected('a positive rate per year', entry.arrivals));
    return null;
  }
  return { kind: 'arrivals', eventsPerYear: rate.value };
}

/** True when the parsed document declares itself a study (rather than a topology). */
export function isStudyDocument(value: unknown): boolean {
  return isRecord(value) && value.format === STUDY_FORMAT;
}

/** Reads just the study's topology reference, or reports why it cannot. */
export function readTopologyReference(source: SourceDocument): { kind: 'ok'; topology: string } | { kind: 'invalid'; diagnostics: Diagnostic[] } {
  const collector = new DiagnosticCollector(source);
  const root = source.value;
  if (isRecord(root) && typeof root.topology === 'string' && root.topology.length > 0) return { kind: 'ok', topology: root.topology };
  collector.check(studySchema, root, [], STUDY_FIELDS);
  if (collector.errorCount === 0) collector.error(['topology'], MESSAGES.expected('"default" or a path to a topology file', undefined));
  return { kind: 'invalid', diagnostics: collector.diagnostics };
}

export type StudyValidation =
  | { readonly kind: 'ok'; readonly study: StudyModel; readonly warnings: readonly Diagnostic[] }
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[] };

/** Validates a study against its (already validated) topology. */
export function validateStudy(source: SourceDocument, topology: TopologyModel): Promise<StudyValidation> {
  return runWithQuantityParser(() => checkStudy(source, topology));
}

function checkStudy(source: SourceDocument, topology: TopologyModel): StudyValidation {
  const collector = new DiagnosticCollector(source);
  const file = collector.check(studySchema, source.value, [], STUDY_FIELDS);
  const raw = isRecord(source.value) ? source.value : {};
  const elementIds = new Set([...topology.nodes.map((n) => n.id), ...topology.links.map((l) => l.id)]);
  const usedIds = new Set([...elementIds, ...topology.riskGroups.map((g) => g.id)]);

  const extraGroups: ModelRiskGroup[] = [];
  (Array.isArray(raw.riskGroups) ? raw.riskGroups : []).forEach((entryRaw, i) => {
    const path: Path = ['riskGroups', i];
    const entry = collector.check(riskGroupSchema, entryRaw, path, STUDY_FIELDS);
    if (entry === null) return;
    if (usedIds.has(entry.id)) {
      collector.error([...path, 'id'], MESSAGES.duplicateId(entry.id, 'the topology or an earlier risk group'));
      return;
    }
    usedIds.add(entry.id);
    const group = resolveRiskGroup(collector, path, entry, topology);
    if (group !== null) extraGroups.push(group);
  });
  const groupIds = new Set([...topology.riskGroups.map((g) => g.id), ...extraGroups.map((g) => g.id)]);
  const serviceIds = new Set(topology.services.map((s) => s.id));
  if (Array.isArray(raw.services)) {
    checkDistinctIds(collector, ['services'], raw.services, (id, i) => {
      if (!serviceIds.has(id)) collector.error(['services', i], MESSAGES.unknownService(id));
    });
  }
  const attackable = countAttackableElements(topology);

  const scenarios: StudyScenario[] = [];
  const scenarioIds = new Map<string, string>();
  (Array.isArray(raw.scenarios) ? raw.scenarios : []).forEach((entryRaw, i) => {
    const path: Path = ['scenarios', i];
    const entry = collector.check(scenarioSchema, entryRaw, path, STUDY_FIELDS);
    if (entry === null) return;
    const first = scenarioIds.get(entry.id);
    if (first !== undefined) {
      collector.error([...path, 'id'], MESSAGES.duplicateId(entry.id, first));
      return;
    }
    scenarioIds.set(entry.id, `scenarios[${i}]`);
    const forcedGroups: string[] = [];
    const forcedElements: string[] = [];
    checkDistinctIds(collector, [...path, 'force'], entry.force ?? [], (id, k) => {
      if (groupIds.has(id)) forcedGroups.push(id);
      else if (elementIds.has(id)) forcedElements.push(id);
      else collector.error([...path, 'force', k], MESSAGES.unknownElement(id));
    });
    const overrides: ProbabilityOverride[] = [];
    entry.overrides?.forEach((o, k) => {
      const overridePath: Path = [...path, 'overrides', k];
      const selectors = Array.isArray(o.select) ? o.select : [o.select];
      selectors.forEach((sel, s) => {
        const selPath: Path = Array.isArray(o.select) ? [...overridePath, 'select', s] : [...overridePath, 'select'];
        checkDistinctIds(collector, [...selPath, 'ids'], sel.ids ?? [], (id, m) => {
          if (!elementIds.has(id)) collector.error([...selPath, 'ids', m], MESSAGES.unknownElement(id));
        });
      });
      const { select, ...params } = o;
      const outcome = resolveFailureProbability(params, null, null);
      if (outcome.kind === 'error') collector.error([...overridePath, outcome.field], outcome.message);
      else if (outcome.kind === 'none') collector.error(overridePath, MESSAGES.missingField('failure parameters (availability, failureProbability or mtbf+mttr)'));
      else overrides.push({ elements: selectElements(topology, select), failureProbability: outcome.failureProbability });
    });
    let sabotage: SabotageSpec | null = null;
    if (entry.sabotage !== undefined) {
      const s = entry.sabotage;
      if ((s.budget === undefined) === (s.cost === undefined)) {
        collector.error([...path, 'sabotage', 'budget'], 'give either budget (number of elements) or cost, not both or neither');
      } else {
        sabotage = {
          budget: s.budget !== undefined ? { kind: 'count', count: s.budget } : { kind: 'cost', cost: s.cost ?? 0 },
          targets: s.targets ?? 'links',
          strategy: s.strategy ?? 'optimal',
        };
        // An attack of more elements than it may pick from cannot be made: the engine would attack fewer.
        const available = attackable[sabotage.targets];
        if (s.budget !== undefined && s.budget > available) {
          const logicalLinks = sabotage.targets !== 'nodes' && attackable.logicalLinks > 0;
          collector.error(
            [...path, 'sabotage', 'budget'],
            MESSAGES.sabotageBudgetTooLarge(s.budget, available, TARGET_NAMES[sabotage.targets], logicalLinks),
          );
        }
        if (sabotage.strategy === 'random' && sabotage.budget.kind === 'cost') {
          collector.error([...path, 'sabotage', 'strategy'], 'the random strategy needs a budget (number of elements), not a cost');
        }
      }
    }
    scenarios.push({
      id: entry.id,
      name: entry.name ?? entry.id,
      description: entry.description ?? '',
      forcedGroups,
      forcedElements,
      randomFailures: entry.randomFailures ?? true,
      sabotage,
      overrides,
      forcedEvents: resolveForcedEvents(collector, [...path, 'forcedEvents'], entry.forcedEvents),
    });
  });

  let maxTimeSeconds: number | null = null;
  if (file?.maxTime !== undefined) {
    const parsed = parseQuantity(file.maxTime, 'duration');
    if (parsed.kind === 'error') collector.error(['maxTime'], parsed.message);
    else maxTimeSeconds = parsed.value * 3600;
  }
  const simulation = file?.simulation;
  const forcedEvents = resolveForcedEvents(collector, ['simulation', 'forcedEvents'], simulation?.forcedEvents);
  if (collector.errorCount > 0 || file === null) return { kind: 'invalid', diagnostics: collector.diagnostics };
  return {
    kind: 'ok',
    warnings: collector.diagnostics.filter((d) => d.severity === 'warning'),
    study: {
      name: file.name,
      description: file.description ?? '',
      topology: file.topology,
      seed: file.seed === undefined ? null : String(file.seed),
      samples: file.samples ?? null,
      batchSize: file.batchSize ?? null,
      relativeError: file.relativeError ?? null,
      maxTimeSeconds,
      services: file.services ?? null,
      riskGroups: extraGroups,
      scenarios,
      simulation: {
        years: simulation?.years ?? null,
        yearsPerBatch: simulation?.yearsPerBatch ?? null,
        forcedEvents,
        compare: simulation?.compare ?? null,
      },
    },
  };
}
