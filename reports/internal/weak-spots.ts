// Weak spots read from a result document: single points of failure (order-1 cut sets), members of 2-element cut
// sets, the most critical elements and the cheapest disconnecting attacks. Shared by the summary, maps and tables.

import type { AttackSummary, ImportanceEntry, ResultDocument, ScenarioResult } from '../../engine/index.ts';

/** The first scenario with importance measures (normally the baseline), or null. */
export function findImportanceScenario(doc: ResultDocument): ScenarioResult | null {
  return doc.scenarios.find((s) => s.services.some((e) => e.importance !== null && e.importance.length > 0)) ?? null;
}

/** Importance entries of one service ranked by criticality importance (highest first; ties by id for determinism). */
export function rankByCriticality(entries: readonly ImportanceEntry[]): ImportanceEntry[] {
  return [...entries].sort(
    (a, b) =>
      b.criticality.estimate - a.criticality.estimate ||
      b.birnbaum.estimate - a.birnbaum.estimate ||
      (a.elementId < b.elementId ? -1 : a.elementId > b.elementId ? 1 : 0),
  );
}

/** Single points of failure of one service. */
export interface ServiceSinglePoints {
  readonly serviceId: string;
  /** Order-1 cut sets that are not the service's own endpoints (sorted ids): the actionable weak spots. */
  readonly elements: readonly string[];
  /** The service's own endpoints that are order-1 cut sets (inherent: a site is needed by its service). */
  readonly endpoints: readonly string[];
  /** True when cut-set enumeration stopped at a limit: the list may be incomplete. */
  readonly truncated: boolean;
}

/** Elements highlighted on the criticality map, in order of precedence (the first that applies wins). */
export type CriticalityClass = 'spof' | 'spof-group-member' | 'cut-2' | 'important' | 'endpoint' | 'other';

/** Legend text of each criticality class. */
export const CRITICALITY_CLASS_LABELS: Readonly<Record<CriticalityClass, string>> = {
  spof: 'Single point of failure',
  'spof-group-member': 'In a risk group that is a single point of failure',
  'cut-2': 'In a 2-element cut set',
  important: 'Among the 5 most critical elements',
  endpoint: 'Service endpoint',
  other: 'Other',
};

/** How many elements the "most critical" class takes, across all services. */
export const TOP_CRITICAL_COUNT = 5;

/** The classification of one element, with the reasons a tooltip or table shows. */
export interface ElementCriticality {
  readonly elementClass: CriticalityClass;
  readonly reasons: readonly string[];
}

/** The endpoints of every service, by service id. */
function endpointsByService(doc: ResultDocument): Map<string, ReadonlySet<string>> {
  return new Map(doc.model.services.map((s) => [s.id, new Set(s.endpoints)]));
}

/** Single points of failure per service from the cut-set analysis; empty when it is absent. */
export function findSinglePoints(doc: ResultDocument): ServiceSinglePoints[] {
  if (doc.cutSets === null) return [];
  const endpoints = endpointsByService(doc);
  return doc.cutSets.services.map((service) => {
    const own = endpoints.get(service.serviceId) ?? new Set<string>();
    const singles = service.cutSets.filter((c) => c.order === 1).flatMap((c) => c.elements);
    return {
      serviceId: service.serviceId,
      elements: [...new Set(singles.filter((id) => !own.has(id)))].sort(),
      endpoints: [...new Set(singles.filter((id) => own.has(id)))].sort(),
      truncated: service.truncated,
    };
  });
}

/** The most critical non-endpoint elements across services in the importance scenario, highest first. */
export function findMostCritical(
  doc: ResultDocument,
  count: number,
): Array<{ serviceId: string; elementId: string; criticality: number }> {
  const scenario = findImportanceScenario(doc);
  if (scenario === null) return [];
  const endpoints = endpointsByService(doc);
  const candidates = scenario.services.flatMap((estimate) =>
    rankByCriticality(estimate.importance ?? [])
      .filter((e) => !(endpoints.get(estimate.serviceId)?.has(e.elementId) ?? false))
      .map((e) => ({ serviceId: estimate.serviceId, elementId: e.elementId, criticality: e.criticality.estimate })),
  );
  const seen = new Set<string>();
  const result: Array<{ serviceId: string; elementId: string; criticality: number }> = [];
  const ranked = candidates.sort(
    (a, b) => b.criticality - a.criticality || (a.elementId < b.elementId ? -1 : a.elementId > b.elementId ? 1 : 0),
  );
  for (const candidate of ranked) {
    if (seen.has(candidate.elementId)) continue;
    seen.add(candidate.elementId);
    result.push(candidate);
    if (result.length === count) break;
  }
  return result;
}

/** A disconnecting attack and the scenario it belongs to. */
export interface CheapAttack {
  readonly scenarioId: string;
  readonly attack: AttackSummary;
}

/** Attacks that alone take their service down, cheapest first (ties: scenario order, then service id). */
export function findDisconnectingAttacks(doc: ResultDocument): CheapAttack[] {
  const attacks = doc.scenarios.flatMap((scenario) =>
    (scenario.attack ?? []).filter((a) => a.disconnects).map((attack) => ({ scenarioId: scenario.id, attack })),
  );
  return attacks.sort((a, b) => a.attack.cost - b.attack.cost);
}

/**
 * Classifies every site, link and risk group for the criticality map. Precedence: single point of failure, member of
 * a single-point risk group, member of a 2-element cut set, among the most critical, service endpoint, other.
 * @param maxGroupMembers members of single-point risk groups larger than this are not marked (a nationwide common
 *   mode colours the whole map and hides the local weak spots); default no limit
 */
export function classifyCriticality(
  doc: ResultDocument,
  maxGroupMembers = Number.POSITIVE_INFINITY,
): Map<string, ElementCriticality> {
  const reasons = new Map<string, string[]>();
  const classes = new Map<string, Set<CriticalityClass>>();
  const serviceName = new Map(doc.model.services.map((s) => [s.id, s.name]));
  const add = (id: string, elementClass: CriticalityClass, reason: string) => {
    const set = classes.get(id) ?? new Set<CriticalityClass>();
    set.add(elementClass);
    classes.set(id, set);
    const list = reasons.get(id) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(id, list);
  };
  const groups = new Map(doc.model.riskGroups.map((g) => [g.id, g]));
  for (const single of findSinglePoints(doc)) {
    const name = serviceName.get(single.serviceId) ?? single.serviceId;
    for (const id of single.elements) {
      add(id, 'spof', `single point of failure for ${name}`);
      const members = groups.get(id)?.members ?? [];
      if (members.length > maxGroupMembers) continue;
      for (const member of members)
        add(
          member,
          'spof-group-member',
          `in risk group ${groups.get(id)?.name ?? id}, a single point of failure for ${name}`,
        );
    }
  }
  for (const service of doc.cutSets?.services ?? []) {
    const name = serviceName.get(service.serviceId) ?? service.serviceId;
    for (const cut of service.cutSets) {
      if (cut.order !== 2) continue;
      for (const id of cut.elements) add(id, 'cut-2', `in a 2-element cut set of ${name}`);
    }
  }
  for (const top of findMostCritical(doc, TOP_CRITICAL_COUNT)) {
    add(
      top.elementId,
      'important',
      `among the ${TOP_CRITICAL_COUNT} most critical elements (${serviceName.get(top.serviceId) ?? top.serviceId})`,
    );
  }
  for (const service of doc.model.services) {
    for (const id of service.endpoints) add(id, 'endpoint', `endpoint of ${service.name}`);
  }
  const precedence: CriticalityClass[] = ['spof', 'spof-group-member', 'cut-2', 'important', 'endpoint'];
  const result = new Map<string, ElementCriticality>();
  for (const [id, set] of classes) {
    const elementClass = precedence.find((c) => set.has(c)) ?? 'other';
    result.set(id, { elementClass, reasons: reasons.get(id) ?? [] });
  }
  return result;
}
