// Weak spots read from a result document: single points of failure (order-1 cut sets), members of 2-element cut
// sets, the most critical elements and the cheapest disconnecting attacks. Shared by the summary, maps and tables.

import type { AttackSummary, ImportanceEntry, Interval, ResultDocument, ScenarioResult } from '../../engine/index.ts';
import { MINUTES_PER_YEAR } from './format.ts';
import { readScenario } from './scenario-reading.ts';

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

/** One service's downtime caused by a weak spot. */
export interface WeakSpotEffect {
  readonly serviceId: string;
  /**
   * Minutes per year of the service's downtime in which this element's failure was critical: criticality
   * importance × unavailability × minutes per year, which equals Birnbaum importance × the element's failure
   * probability, i.e. the downtime avoided if the element never failed (unavailability is linear in each
   * element's failure probability). Bounds combine both 95% intervals (lower × lower, upper × upper).
   */
  readonly minutesPerYear: Interval;
}

/** A weak spot: an element or risk group, what its failures cost each service, and whether it is a single point. */
export interface WeakSpot {
  readonly elementId: string;
  /** Per service, largest first; empty when the run has no importance measures for it. */
  readonly effects: readonly WeakSpotEffect[];
  /** Sum of the effects' estimates over services, in service-minutes per year; null without importance data. */
  readonly totalMinutesPerYear: number | null;
  /** Services for which it is a single point of failure (not counting their own sites). */
  readonly singlePointFor: readonly string[];
}

/**
 * The weak spots that matter most: elements and risk groups (not a service's own sites) ranked by the downtime
 * their failures cause, summed over services, in the importance scenario. Single points of failure without
 * importance data follow, so a run without importance measures still names its single points.
 * @param count how many to return, >= 0
 */
export function rankWeakSpots(doc: ResultDocument, count: number): WeakSpot[] {
  const endpoints = endpointsByService(doc);
  const singlePointFor = new Map<string, string[]>();
  for (const single of findSinglePoints(doc)) {
    for (const id of single.elements) singlePointFor.set(id, [...(singlePointFor.get(id) ?? []), single.serviceId]);
  }
  const effects = new Map<string, WeakSpotEffect[]>();
  // Minutes per year only mean something in a normal-operation scenario, not while an event is forced.
  const scenario = findImportanceScenario(doc);
  const annual = scenario !== null && readScenario(doc, scenario) === 'annual' ? scenario : null;
  for (const estimate of annual?.services ?? []) {
    const u = estimate.unavailability;
    for (const entry of estimate.importance ?? []) {
      if (endpoints.get(estimate.serviceId)?.has(entry.elementId) ?? false) continue;
      const c = entry.criticality;
      const effect: WeakSpotEffect = {
        serviceId: estimate.serviceId,
        minutesPerYear: {
          estimate: c.estimate * u.estimate * MINUTES_PER_YEAR,
          lower: c.lower * u.lower * MINUTES_PER_YEAR,
          upper: c.upper * u.upper * MINUTES_PER_YEAR,
        },
      };
      if (effect.minutesPerYear.estimate <= 0 && !singlePointFor.has(entry.elementId)) continue;
      effects.set(entry.elementId, [...(effects.get(entry.elementId) ?? []), effect]);
    }
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ranked: WeakSpot[] = [...effects]
    .map(([elementId, list]) => ({
      elementId,
      effects: [...list].sort(
        (a, b) => b.minutesPerYear.estimate - a.minutesPerYear.estimate || byId(a.serviceId, b.serviceId),
      ),
      totalMinutesPerYear: list.reduce((sum, e) => sum + e.minutesPerYear.estimate, 0),
      singlePointFor: singlePointFor.get(elementId) ?? [],
    }))
    .sort(
      (a, b) =>
        (b.totalMinutesPerYear ?? 0) - (a.totalMinutesPerYear ?? 0) ||
        b.singlePointFor.length - a.singlePointFor.length ||
        byId(a.elementId, b.elementId),
    );
  const unranked: WeakSpot[] = [...singlePointFor]
    .filter(([id]) => !effects.has(id))
    .sort(([a, sa], [b, sb]) => sb.length - sa.length || byId(a, b))
    .map(([elementId, services]) => ({ elementId, effects: [], totalMinutesPerYear: null, singlePointFor: services }));
  return [...ranked, ...unranked].slice(0, Math.max(0, count));
}

/** How far an attack's cost can be trusted as the minimum. */
export type AttackQuality = 'proven' | 'best-found' | 'heuristic';

/** Reader's wording of each {@link AttackQuality}. */
export const ATTACK_QUALITY_TEXT: Readonly<Record<AttackQuality, string>> = {
  proven: 'proven minimum',
  'best-found': 'best found, not proven minimum',
  heuristic: 'heuristic: the true minimum may be lower',
};

/** The quality of an attack: proven only for an optimal strategy that proved it; greedy and others are heuristic. */
export function attackQuality(attack: AttackSummary): AttackQuality {
  if (attack.strategy === 'optimal') return attack.proven ? 'proven' : 'best-found';
  return 'heuristic';
}

/**
 * The cheapest modelled attack that alone takes each service down, over all sabotage scenarios: lowest cost first,
 * then proven before unproven, then scenario order. Services no attack takes down are absent.
 */
export function findCheapestAttacks(doc: ResultDocument): Map<string, CheapAttack> {
  const rank: Readonly<Record<AttackQuality, number>> = { proven: 0, 'best-found': 1, heuristic: 2 };
  const cheapest = new Map<string, CheapAttack>();
  for (const scenario of doc.scenarios) {
    for (const attack of scenario.attack ?? []) {
      if (!attack.disconnects) continue;
      const best = cheapest.get(attack.serviceId);
      if (
        best === undefined ||
        attack.cost < best.attack.cost ||
        (attack.cost === best.attack.cost && rank[attackQuality(attack)] < rank[attackQuality(best.attack)])
      ) {
        cheapest.set(attack.serviceId, { scenarioId: scenario.id, attack });
      }
    }
  }
  return cheapest;
}

/**
 * What a heuristic (or unproven) attack missed: a cheaper attack on the same service that another scenario found,
 * or, for a service it did not take down, any attack that costs no more than what this attacker spent on another
 * service (so it could have afforded it). Null when nothing cheaper is known or the attack is proven.
 * @param spent the most this attacker's scenario spent on any one service that it took down
 */
export function findMissedAttack(
  attack: AttackSummary,
  cheapest: ReadonlyMap<string, CheapAttack>,
  spent: number,
): CheapAttack | null {
  if (attackQuality(attack) === 'proven') return null;
  const best = cheapest.get(attack.serviceId);
  if (best === undefined || best.attack === attack) return null;
  if (attack.disconnects) return best.attack.cost < attack.cost ? best : null;
  return best.attack.cost <= spent ? best : null;
}
