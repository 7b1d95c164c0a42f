// Per-element facts the exports attach to sites, links and drills, read once from a result document: single points of
// failure per service, endpoint roles, risk-group membership, attacks and importance in one scenario.

import type { ImportanceEntry, ResultDocument, ScenarioResult } from '../../../engine/index.ts';

/** Facts about the elements of one document, looked up by element id. */
export interface ElementFacts {
  /** Services (ids, model order) for which the element alone is a minimal cut set, its own endpoints included. */
  singlePointFor(elementId: string): readonly string[];
  /** Services (ids, model order) that have the element as an endpoint. */
  endpointOf(elementId: string): readonly string[];
  /** Risk groups (ids, model order) that have the element as a member. */
  riskGroupsOf(elementId: string): readonly string[];
  /** Scenarios (ids, document order) whose adversary attacks the element, for any service. */
  attackedIn(elementId: string): readonly string[];
  /** The importance entry of the element for a service in the chosen scenario, or null when not computed. */
  importance(elementId: string, serviceId: string): ImportanceEntry | null;
}

function pushUnique(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/**
 * Reads the facts of every element.
 * @param scenario the scenario whose importance measures are used; null for none
 */
export function collectElementFacts(doc: ResultDocument, scenario: ScenarioResult | null): ElementFacts {
  const serviceOrder = new Map(doc.model.services.map((s, i) => [s.id, i]));
  const singles = new Map<string, string[]>();
  for (const service of doc.cutSets?.services ?? []) {
    for (const cut of service.cutSets) if (cut.order === 1) pushUnique(singles, cut.elements[0], service.serviceId);
  }
  for (const list of singles.values()) list.sort((a, b) => (serviceOrder.get(a) ?? 0) - (serviceOrder.get(b) ?? 0));
  const endpoints = new Map<string, string[]>();
  for (const service of doc.model.services) for (const id of service.endpoints) pushUnique(endpoints, id, service.id);
  const groups = new Map<string, string[]>();
  for (const group of doc.model.riskGroups) for (const id of group.members) pushUnique(groups, id, group.id);
  const attacked = new Map<string, string[]>();
  for (const s of doc.scenarios)
    for (const attack of s.attack ?? []) for (const id of attack.elements) pushUnique(attacked, id, s.id);
  const importance = new Map<string, ImportanceEntry>();
  for (const estimate of scenario?.services ?? []) {
    for (const entry of estimate.importance ?? [])
      importance.set(`${entry.elementId}\u0000${estimate.serviceId}`, entry);
  }
  const none: readonly string[] = [];
  return {
    singlePointFor: (id) => singles.get(id) ?? none,
    endpointOf: (id) => endpoints.get(id) ?? none,
    riskGroupsOf: (id) => groups.get(id) ?? none,
    attackedIn: (id) => attacked.get(id) ?? none,
    importance: (elementId, serviceId) => importance.get(`${elementId}\u0000${serviceId}`) ?? null,
  };
}
