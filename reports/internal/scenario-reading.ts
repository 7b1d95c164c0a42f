// How a scenario's figures must be read: a normal-operation scenario gives availability and downtime over a year; a
// forced scenario gives availability while its event lasts (conditional), never a year of downtime; a sabotage
// scenario gives what an attacker with its budget achieves; in a time simulation, a forced scenario whose event
// strikes at the start of every simulated year (or arrives as a process) gives a year in which the event strikes.
// Also each forced event's share of annual downtime.

import type { Interval, ResultDocument, ScenarioResult, ServiceEstimate } from '../../engine/index.ts';
import { MINUTES_PER_YEAR } from './format.ts';

/**
 * 'annual': nothing forced or attacked, figures hold over a year; 'conditional': elements or events forced down,
 * figures hold while they last; 'attack': an adversary acts (with or without forced elements); 'event-year': a time
 * simulation's forced scenario whose event strikes at the start of each simulated year or arrives as a process, so
 * figures hold over a year in which the event strikes (neither normal operation nor "while it lasts").
 */
export type ScenarioReading = 'annual' | 'conditional' | 'attack' | 'event-year';

/** How each reading of a scenario's figures is labelled in tables and charts. */
export const READING_TEXT: Readonly<Record<ScenarioReading, string>> = {
  annual: 'over a year',
  conditional: 'while the event lasts',
  attack: 'under attack',
  'event-year': 'in a year the event strikes',
};

/**
 * How the figures of a scenario of `doc` read (an empty attack list, as some documents write for "none", is no
 * attack).
 */
export function readScenario(doc: ResultDocument, scenario: ScenarioResult): ScenarioReading {
  if (scenario.attack !== null && scenario.attack.length > 0) return 'attack';
  if (scenario.forced.length === 0) return 'annual';
  const timed = doc.timeSimulation?.scenarios?.find((t) => t.scenarioId === scenario.id);
  return timed !== undefined && (timed.forcedEvents === 'start' || timed.forcedEvents === 'arrivals')
    ? 'event-year'
    : 'conditional';
}

/**
 * The scenario whose figures the report judges against the targets: the first normal-operation scenario
 * (normally "baseline"), or null when every scenario forces or attacks something.
 */
export function findPrimaryScenario(doc: ResultDocument): ScenarioResult | null {
  return doc.scenarios.find((s) => readScenario(doc, s) === 'annual') ?? null;
}

/** How long per year a forced event is in progress, and where that figure comes from. */
export interface EventExposure {
  /** The forced risk group or element. */
  readonly elementId: string;
  /** Events per year, or null when only a steady-state probability is known. */
  readonly eventsPerYear: number | null;
  /** Mean event duration in hours, or null when only a steady-state probability is known. */
  readonly meanDurationHours: number | null;
  /** Expected minutes per year during which the event is in progress, >= 0. */
  readonly minutesPerYear: number;
  /**
   * 'rate-duration': eventsPerYear × meanDurationHours; 'probability': the long-run fraction of time the event is in
   * progress (the steady-state probability of an alternating renewal process, λr / (1 + λr)) times a year.
   */
  readonly source: 'rate-duration' | 'probability';
}

/**
 * How long per year the event a conditional scenario forces is in progress. Only a scenario that forces exactly
 * one risk group or one link has such a figure: a site has no failure probability in the document, and several
 * forced elements together have no joint rate.
 * @returns null when the scenario forces nothing, several things, or something without a rate or probability
 */
export function findEventExposure(doc: ResultDocument, scenario: ScenarioResult): EventExposure | null {
  if (scenario.forced.length !== 1) return null;
  const elementId = scenario.forced[0] ?? '';
  const group = doc.model.riskGroups.find((g) => g.id === elementId);
  if (group !== undefined) {
    const rate = group.eventsPerYear ?? null;
    const duration = group.meanDurationHours ?? null;
    if (rate !== null && duration !== null && rate >= 0 && duration >= 0) {
      return {
        elementId,
        eventsPerYear: rate,
        meanDurationHours: duration,
        minutesPerYear: rate * duration * 60,
        source: 'rate-duration',
      };
    }
    return probabilityExposure(elementId, group.eventProbability);
  }
  const link = doc.model.links.find((l) => l.id === elementId);
  return link === undefined ? null : probabilityExposure(elementId, link.failureProbability);
}

function probabilityExposure(elementId: string, probability: number): EventExposure | null {
  if (!(probability > 0 && probability < 1)) return null;
  return {
    elementId,
    eventsPerYear: null,
    meanDurationHours: null,
    minutesPerYear: probability * MINUTES_PER_YEAR,
    source: 'probability',
  };
}

/**
 * A forced event's share of annual downtime: exposure (minutes per year in progress) × conditional unavailability,
 * with the unavailability's 95% interval carried through (the exposure is a model input, not an estimate).
 */
export function attributableDowntime(exposure: EventExposure, estimate: ServiceEstimate): Interval {
  const u = estimate.unavailability;
  return {
    estimate: exposure.minutesPerYear * u.estimate,
    lower: exposure.minutesPerYear * u.lower,
    upper: exposure.minutesPerYear * u.upper,
  };
}

/**
 * True when a scenario's estimate for a service is clearly worse than the primary scenario's: its unavailability
 * interval lies wholly above the primary one (non-overlapping 95% intervals). Without a primary scenario, any
 * unavailability above 0 counts.
 */
export function isClearlyWorse(estimate: ServiceEstimate, primary: ServiceEstimate | null): boolean {
  if (primary === null) return estimate.unavailability.estimate > 0;
  return estimate.unavailability.lower > primary.unavailability.upper;
}

/**
 * The event a conditional scenario forces, as a reader names it: the risk group's or element's name when it forces
 * exactly one, else the scenario's name.
 */
export function describeEvent(doc: ResultDocument, scenario: ScenarioResult): string {
  if (scenario.forced.length === 1) {
    const id = scenario.forced[0] ?? '';
    const group = doc.model.riskGroups.find((g) => g.id === id);
    if (group !== undefined) return group.name;
  }
  return scenario.name;
}

const TARGET_NOUNS: Readonly<Record<string, readonly [string, string, string]>> = {
  links: ['cut', 'link', 'links'],
  nodes: ['attack', 'site', 'sites'],
  sites: ['attack', 'site', 'sites'],
};

/**
 * The attacker of a sabotage scenario by budget: "who can cut 2 links", "with an effort budget of 25". Without the
 * document's optional `sabotage` field, the scenario's name stands in: "of “Saboteur with two cable cuts”".
 */
export function describeAttacker(scenario: ScenarioResult): string {
  const sabotage = scenario.sabotage ?? null;
  if (sabotage !== null && sabotage.elementBudget !== null) {
    const [verb, one, many] = TARGET_NOUNS[sabotage.targets] ?? ['attack', 'element', 'elements'];
    return `who can ${verb} ${sabotage.elementBudget} ${sabotage.elementBudget === 1 ? one : many}`;
  }
  if (sabotage !== null && sabotage.costBudget !== null) return `with an effort budget of ${sabotage.costBudget}`;
  return `of “${scenario.name}”`;
}

/** A short heading for a sabotage scenario's column: "Attacker who can cut 2 links", else the scenario's name. */
export function describeAttackerHeading(scenario: ScenarioResult): string {
  return (scenario.sabotage ?? null) === null ? scenario.name : `Attacker ${describeAttacker(scenario)}`;
}
