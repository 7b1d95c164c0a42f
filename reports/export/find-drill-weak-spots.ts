// The weak spots worth a live drill, read from a result document: single points of failure (order-1 cut sets of
// sites and links), the cheapest sabotage cuts (attacks that alone disconnect a service) and the most critical risk
// groups (criticality importance of groups, else groups that are order-1 cut sets). Each kind is ranked on its own.

import type { ResultDocument, ScenarioResult } from '../../engine/index.ts';
import { createElementLabeler, type ElementLabeler } from '../internal/element-labels.ts';
import { findDisconnectingAttacks } from '../internal/weak-spots.ts';

/** An element a drill takes down. */
export interface InjectedElement {
  readonly id: string;
  readonly kind: 'node' | 'link' | 'group';
  /** Human name: a site's name, "A–B" for a link, a risk group's name. */
  readonly label: string;
  /** Baseline failure probability of a link or event probability of a risk group, in [0, 1]; null for a site. */
  readonly probability: number | null;
  /** Members of a risk group (all taken down together); empty for a site or link. */
  readonly members: readonly string[];
}

/** A single point of failure: one site or link whose loss alone takes services down. */
export interface SinglePointWeakSpot {
  readonly kind: 'single-point-of-failure';
  readonly injected: readonly [InjectedElement];
  /** Services it alone takes down, excluding services it is an endpoint of; model order. */
  readonly serviceIds: readonly string[];
}

/** A sabotage cut: the elements an adversary attacks, which alone take services down. */
export interface SabotageWeakSpot {
  readonly kind: 'sabotage-cut';
  readonly injected: readonly InjectedElement[];
  /** Services the attack disconnects; model order. */
  readonly serviceIds: readonly string[];
  /** Scenarios whose adversary chose this cut; document order. */
  readonly scenarioIds: readonly string[];
  /** Attack cost (number of elements, or sum of attackCost), > 0. */
  readonly cost: number;
  readonly strategy: 'random' | 'betweenness' | 'greedy' | 'optimal';
  /** True when every attack behind the cut was proven optimal. */
  readonly proven: boolean;
}

/** A critical risk group: a common-cause event whose members all go down at once. */
export interface RiskGroupWeakSpot {
  readonly kind: 'risk-group';
  readonly injected: readonly [InjectedElement];
  /** Services with positive criticality of the group (importance basis) or that it alone takes down; model order. */
  readonly serviceIds: readonly string[];
  /** 'importance': ranked by criticality importance; 'cut-sets': an order-1 cut set (no group importance computed). */
  readonly basis: 'importance' | 'cut-sets';
  /** Highest criticality estimate over its services, or null on the cut-set basis. */
  readonly maxCriticality: number | null;
}

/** A weak spot a drill can test. */
export type DrillWeakSpot = SinglePointWeakSpot | SabotageWeakSpot | RiskGroupWeakSpot;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The element to inject for an id, or null for an id the model does not know (checkExportInput reports those). */
function injectedElement(doc: ResultDocument, labeler: ElementLabeler, id: string): InjectedElement | null {
  const label = labeler.labelOf(id);
  if (label.kind === 'unknown') return null;
  const link = label.kind === 'link' ? doc.model.links.find((l) => l.id === id) : undefined;
  const group = label.kind === 'group' ? doc.model.riskGroups.find((g) => g.id === id) : undefined;
  return {
    id,
    kind: label.kind,
    label: label.label,
    probability: link?.failureProbability ?? group?.eventProbability ?? null,
    members: group?.members ?? [],
  };
}

/** Highest criticality estimate of an element over the given services in a scenario, or -1 without importance. */
function maxCriticalityOf(scenario: ScenarioResult | null, elementId: string, serviceIds: readonly string[]): number {
  let best = -1;
  for (const estimate of scenario?.services ?? []) {
    if (!serviceIds.includes(estimate.serviceId)) continue;
    for (const entry of estimate.importance ?? [])
      if (entry.elementId === elementId) best = Math.max(best, entry.criticality.estimate);
  }
  return best;
}

/** Order-1 cut sets per element id → services (model order), excluding services the element is an endpoint of. */
function singlePointServices(doc: ResultDocument): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const service of doc.model.services) {
    const own = new Set(service.endpoints);
    const cuts = doc.cutSets?.services.find((s) => s.serviceId === service.id)?.cutSets ?? [];
    for (const cut of cuts) {
      if (cut.order !== 1 || own.has(cut.elements[0])) continue;
      const list = result.get(cut.elements[0]) ?? [];
      if (!list.includes(service.id)) list.push(service.id);
      result.set(cut.elements[0], list);
    }
  }
  return result;
}

/**
 * Single points of failure among sites and links, most services first, then highest criticality in `scenario`,
 * then most likely (links' failure probability), then id.
 */
function findSinglePointSpots(
  doc: ResultDocument,
  labeler: ElementLabeler,
  scenario: ScenarioResult | null,
): SinglePointWeakSpot[] {
  const ranked: Array<{ spot: SinglePointWeakSpot; criticality: number }> = [];
  for (const [id, serviceIds] of singlePointServices(doc)) {
    const element = injectedElement(doc, labeler, id);
    if (element === null || element.kind === 'group') continue;
    ranked.push({
      spot: { kind: 'single-point-of-failure', injected: [element], serviceIds },
      criticality: maxCriticalityOf(scenario, id, serviceIds),
    });
  }
  ranked.sort(
    (a, b) =>
      b.spot.serviceIds.length - a.spot.serviceIds.length ||
      b.criticality - a.criticality ||
      (b.spot.injected[0].probability ?? -1) - (a.spot.injected[0].probability ?? -1) ||
      compareIds(a.spot.injected[0].id, b.spot.injected[0].id),
  );
  return ranked.map((r) => r.spot);
}

/**
 * Disconnecting attacks grouped by their element set (the same cut found by several scenarios or for several
 * services is one drill), cheapest first, then most services, then first scenario.
 */
function findSabotageSpots(doc: ResultDocument, labeler: ElementLabeler): SabotageWeakSpot[] {
  const serviceOrder = new Map(doc.model.services.map((s, i) => [s.id, i]));
  const byCut = new Map<
    string,
    {
      elements: InjectedElement[];
      services: Set<string>;
      scenarios: string[];
      cost: number;
      strategy: SabotageWeakSpot['strategy'];
      proven: boolean;
      first: number;
    }
  >();
  findDisconnectingAttacks(doc).forEach(({ scenarioId, attack }, index) => {
    if (attack.elements.length === 0) return;
    const ids = [...new Set(attack.elements)].sort(compareIds);
    const elements = ids.map((id) => injectedElement(doc, labeler, id));
    if (elements.some((e) => e === null)) return;
    const key = ids.join('\u0000');
    const entry = byCut.get(key);
    if (entry === undefined) {
      byCut.set(key, {
        elements: elements as InjectedElement[],
        services: new Set([attack.serviceId]),
        scenarios: [scenarioId],
        cost: attack.cost,
        strategy: attack.strategy,
        proven: attack.proven,
        first: index,
      });
    } else {
      entry.services.add(attack.serviceId);
      if (!entry.scenarios.includes(scenarioId)) entry.scenarios.push(scenarioId);
      entry.cost = Math.min(entry.cost, attack.cost);
      entry.proven = entry.proven && attack.proven;
    }
  });
  const scenarioOrder = new Map(doc.scenarios.map((s, i) => [s.id, i]));
  return [...byCut.values()]
    .sort((a, b) => a.cost - b.cost || b.services.size - a.services.size || a.first - b.first)
    .map((entry) => ({
      kind: 'sabotage-cut' as const,
      injected: entry.elements,
      serviceIds: [...entry.services].sort((a, b) => (serviceOrder.get(a) ?? 0) - (serviceOrder.get(b) ?? 0)),
      scenarioIds: [...entry.scenarios].sort((a, b) => (scenarioOrder.get(a) ?? 0) - (scenarioOrder.get(b) ?? 0)),
      cost: entry.cost,
      strategy: entry.strategy,
      proven: entry.proven,
    }));
}

/**
 * Risk groups by criticality importance in `scenario` (highest first), or, when it has no group importance, risk
 * groups that are order-1 cut sets (most services first, then most likely).
 */
function findRiskGroupSpots(
  doc: ResultDocument,
  labeler: ElementLabeler,
  scenario: ScenarioResult | null,
): RiskGroupWeakSpot[] {
  const serviceOrder = new Map(doc.model.services.map((s, i) => [s.id, i]));
  const byGroup = new Map<string, { services: string[]; criticality: number }>();
  for (const estimate of scenario?.services ?? []) {
    for (const entry of estimate.importance ?? []) {
      if (entry.elementKind !== 'group') continue;
      const group = byGroup.get(entry.elementId) ?? { services: [], criticality: 0 };
      if (entry.criticality.estimate > 0 && !group.services.includes(estimate.serviceId))
        group.services.push(estimate.serviceId);
      group.criticality = Math.max(group.criticality, entry.criticality.estimate);
      byGroup.set(entry.elementId, group);
    }
  }
  if (byGroup.size > 0) {
    const spots: RiskGroupWeakSpot[] = [];
    for (const [id, group] of byGroup) {
      const element = injectedElement(doc, labeler, id);
      if (element === null || element.kind !== 'group' || group.services.length === 0) continue;
      const serviceIds = group.services.sort((a, b) => (serviceOrder.get(a) ?? 0) - (serviceOrder.get(b) ?? 0));
      spots.push({
        kind: 'risk-group',
        injected: [element],
        serviceIds,
        basis: 'importance',
        maxCriticality: group.criticality,
      });
    }
    return spots.sort(
      (a, b) => (b.maxCriticality ?? 0) - (a.maxCriticality ?? 0) || compareIds(a.injected[0].id, b.injected[0].id),
    );
  }
  const spots: RiskGroupWeakSpot[] = [];
  for (const [id, serviceIds] of singlePointServices(doc)) {
    const element = injectedElement(doc, labeler, id);
    if (element === null || element.kind !== 'group') continue;
    spots.push({ kind: 'risk-group', injected: [element], serviceIds, basis: 'cut-sets', maxCriticality: null });
  }
  return spots.sort(
    (a, b) =>
      b.serviceIds.length - a.serviceIds.length ||
      (b.injected[0].probability ?? 0) - (a.injected[0].probability ?? 0) ||
      compareIds(a.injected[0].id, b.injected[0].id),
  );
}

/** Key of the set of element ids a weak spot injects, to drop a cut already drilled under an earlier kind. */
function injectedKey(spot: DrillWeakSpot): string {
  return spot.injected
    .map((e) => e.id)
    .sort(compareIds)
    .join('\u0000');
}

/**
 * The weak spots to drill: at most `top` of each kind, in the order single points of failure, sabotage cuts, risk
 * groups; a sabotage cut identical to a chosen single point of failure is not repeated. Pure.
 * @param scenario the scenario whose importance ranks elements and groups (normally the baseline); null for none
 * @param top whole number >= 1
 */
export function findDrillWeakSpots(doc: ResultDocument, scenario: ScenarioResult | null, top: number): DrillWeakSpot[] {
  const labeler = createElementLabeler(doc);
  const chosen: DrillWeakSpot[] = [];
  const seen = new Set<string>();
  for (const candidates of [
    findSinglePointSpots(doc, labeler, scenario),
    findSabotageSpots(doc, labeler),
    findRiskGroupSpots(doc, labeler, scenario),
  ]) {
    let taken = 0;
    for (const spot of candidates) {
      if (taken === top) break;
      const key = injectedKey(spot);
      if (seen.has(key)) continue;
      seen.add(key);
      chosen.push(spot);
      taken++;
    }
  }
  return chosen;
}
