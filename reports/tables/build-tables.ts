// Builds every report table from a result document (and an optional baseline): the brief's services and weak spots,
// the events and sabotage tables of the main report, the figures behind each chart with their confidence intervals,
// and reference tables (scenarios, attacks, cut sets, sites, links, risk groups, manifest) for the appendix.

import type { ResultDocument, ScenarioResult } from '../../engine/index.ts';
import { diffAgainstBaseline } from '../internal/baseline-diff.ts';
import { judgeDifference } from '../internal/comparison-verdict.ts';
import { ELEMENT_KIND_NAMES, createElementLabeler, type ElementLabeler } from '../internal/element-labels.ts';
import {
  MINUTES_PER_YEAR,
  formatAvailability,
  formatDateTime,
  formatDowntime,
  formatDurationBin,
  formatNumber,
} from '../internal/format.ts';
import {
  attributableDowntime,
  describeAttackerHeading,
  describeEvent,
  findEventExposure,
  findPrimaryScenario,
  isClearlyWorse,
  READING_TEXT,
  readScenario,
} from '../internal/scenario-reading.ts';
import {
  ATTACK_QUALITY_TEXT,
  CRITICALITY_CLASS_LABELS,
  attackQuality,
  classifyCriticality,
  findCheapestAttacks,
  findMissedAttack,
  findSinglePoints,
  rankByCriticality,
  rankWeakSpots,
  type CheapAttack,
} from '../internal/weak-spots.ts';
import { MAX_PRINTED_ROWS, type CellValue, type ReportTable } from './report-table.ts';

type Row = CellValue[];

/** How many weak spots the brief lists. */
export const BRIEF_WEAK_SPOT_COUNT = 5 as const;


function isLong(rows: readonly Row[]): boolean {
  return rows.length > MAX_PRINTED_ROWS;
}

/** Short words for an attack's quality in a table cell. */
const ATTACK_QUALITY_SHORT: Readonly<Record<ReturnType<typeof attackQuality>, string>> = {
  proven: 'proven',
  'best-found': 'not proven',
  heuristic: 'heuristic',
};

/** "cost 2 (proven)": an attack as a compact table cell; the elements are in the CSV and the sabotage section. */
export function describeAttackCell(attack: CheapAttack['attack']): string {
  return `cost ${formatNumber(attack.cost, 3)} (${ATTACK_QUALITY_SHORT[attackQuality(attack)]})`;
}

function buildServicesTable(doc: ResultDocument): ReportTable | null {
  const primary = findPrimaryScenario(doc);
  if (primary === null) return null;
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const cheapest = findCheapestAttacks(doc);
  const anyAttack = doc.scenarios.some((s) => readScenario(doc, s) === 'attack');
  const rows: Row[] = primary.services.map((e) => {
    const target = targets.get(e.serviceId) ?? null;
    const attack = cheapest.get(e.serviceId);
    return [
      labeler.serviceName(e.serviceId),
      target,
      e.availability,
      e.downtimeMinutesPerYear,
      target === null ? null : (1 - target) * MINUTES_PER_YEAR,
      e.targetStatus ?? 'no target',
      attack === undefined ? (anyAttack ? 'none modelled' : null) : describeAttackCell(attack.attack),
      attack === undefined ? null : attack.attack.cost,
      attack === undefined ? null : attack.attack.elements.map((id) => labeler.labelOf(id).label).join(' + '),
      attack === undefined ? null : labeler.scenarioName(attack.scenarioId),
    ];
  });
  return {
    name: 'services',
    title: `Services in normal operation (${primary.name})`,
    description:
      'Availability and expected downtime over a year with 95% confidence intervals, the downtime the target allows, ' +
      'the verdict (met only when the whole interval clears the target) and the cheapest modelled attack that takes ' +
      'the service down on its own.',
    columns: [
      { header: 'Service', format: 'text' },
      { header: 'Target', format: 'target' },
      { header: 'Availability', format: 'availability' },
      { header: 'Downtime per year', format: 'downtime', unit: 'min/yr' },
      { header: 'Allowed', format: 'downtime', unit: 'min/yr' },
      { header: 'Verdict', format: 'status' },
      { header: 'Cheapest attack', format: 'text' },
      { header: 'Attack cost', format: 'number', csvOnly: true },
      { header: 'Attacked elements', format: 'text', csvOnly: true },
      { header: 'Attack scenario', format: 'text', csvOnly: true },
    ],
    rows,
    section: 'brief-services',
    collapsed: false,
    groupBy: [],
  };
}

/** "10 services, up to 1.5 h/yr each": how widely a weak spot's downtime spreads. */
function describeSpread(effects: ReturnType<typeof rankWeakSpots>[number]['effects']): string {
  const [largest] = effects;
  if (largest === undefined) return '—';
  if (effects.length === 1) return '1 service';
  return `${effects.length}, up to ${formatDowntime(largest.minutesPerYear.estimate).replace('/yr', '')} each`;
}

/** Every affected service with its minutes, for the CSV. */
function listEffects(labeler: ElementLabeler, effects: ReturnType<typeof rankWeakSpots>[number]['effects']): string {
  return effects
    .map((e) => `${labeler.serviceName(e.serviceId)}: ${formatDowntime(e.minutesPerYear.estimate)}`)
    .join('; ');
}

function buildWeakSpotsTable(doc: ResultDocument): ReportTable | null {
  const spots = rankWeakSpots(doc, BRIEF_WEAK_SPOT_COUNT);
  if (spots.length === 0) return null;
  const labeler = createElementLabeler(doc);
  return {
    name: 'weak-spots',
    title: 'The weak spots that matter most',
    description:
      'Elements and risk groups ranked by the downtime per year in which their failure was critical, summed over ' +
      'services (service-minutes): the downtime that making them fail-proof would avoid.',
    columns: [
      { header: 'Rank', format: 'integer' },
      { header: 'Weak spot', format: 'text' },
      { header: 'Id', format: 'text', csvOnly: true },
      { header: 'Kind', format: 'text', csvOnly: true },
      { header: 'Downtime it causes', format: 'downtime', unit: 'service-min/yr' },
      { header: 'Services affected', format: 'text' },
      { header: 'Single point of failure for services', format: 'text' },
      { header: 'Downtime per service', format: 'text', csvOnly: true },
      { header: 'Single point of failure for', format: 'text', csvOnly: true },
    ],
    rows: spots.map((spot, index): Row => {
      const label = labeler.labelOf(spot.elementId);
      return [
        index + 1,
        `${label.label} (${ELEMENT_KIND_NAMES[label.kind]})`,
        spot.elementId,
        ELEMENT_KIND_NAMES[label.kind],
        spot.totalMinutesPerYear,
        describeSpread(spot.effects),
        spot.singlePointFor.length === 0 ? 'no' : `for ${spot.singlePointFor.length}`,
        listEffects(labeler, spot.effects),
        spot.singlePointFor.map((id) => labeler.serviceName(id)).join('; '),
      ];
    }),
    section: 'brief-weak-spots',
    collapsed: false,
    groupBy: [],
  };
}

function buildSinglePointsTable(doc: ResultDocument): ReportTable | null {
  if (doc.cutSets === null) return null;
  const labeler = createElementLabeler(doc);
  return {
    name: 'single-points',
    title: 'Single points of failure per service',
    description: `From an exhaustive search of cut sets up to order ${doc.cutSets.maxOrder}; a service’s own sites are left out.`,
    columns: [
      { header: 'Service', format: 'text' },
      { header: 'Single points of failure', format: 'text' },
      { header: 'Ids', format: 'text', csvOnly: true },
      { header: 'Search complete', format: 'boolean' },
    ],
    rows: findSinglePoints(doc).map((s): Row => [
      labeler.serviceName(s.serviceId),
      s.elements.length === 0
        ? 'none'
        : s.elements
            .map((id) => `${labeler.labelOf(id).label} (${ELEMENT_KIND_NAMES[labeler.labelOf(id).kind]})`)
            .join('; '),
      s.elements.join(' + '),
      !s.truncated,
    ]),
    section: 'weak-spots',
    collapsed: false,
    groupBy: [],
  };
}

function buildEventsTable(doc: ResultDocument): ReportTable | null {
  const labeler = createElementLabeler(doc);
  const primary = findPrimaryScenario(doc);
  const normal = new Map((primary?.services ?? []).map((e) => [e.serviceId, e]));
  const rows: Row[] = doc.scenarios
    .filter((s) => readScenario(doc, s) === 'conditional')
    .flatMap((scenario) => {
      const exposure = findEventExposure(doc, scenario);
      return scenario.services
        .filter((e) => isClearlyWorse(e, normal.get(e.serviceId) ?? null))
        .sort((a, b) => a.availability.estimate - b.availability.estimate)
        .map((e): Row => [
          describeEvent(doc, scenario),
          labeler.serviceName(e.serviceId),
          e.availability,
          normal.get(e.serviceId)?.availability ?? null,
          exposure === null ? null : exposure.minutesPerYear,
          exposure === null ? null : attributableDowntime(exposure, e),
        ]);
    });
  if (rows.length === 0) return null;
  return {
    name: 'events',
    title: 'Services clearly affected while an event lasts',
    description:
      'Availability while the forced event is in progress (conditional, not over a year), next to normal operation; ' +
      'how long per year the event is in progress; and its share of annual downtime (event time × conditional ' +
      'unavailability), which the normal-operation figures already include.',
    columns: [
      { header: 'Event', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Availability while it lasts', format: 'availability' },
      { header: 'Normal operation', format: 'availability' },
      { header: 'Event time per year', format: 'downtime', unit: 'min/yr' },
      { header: 'Share of annual downtime', format: 'downtime', unit: 'min/yr' },
    ],
    rows,
    section: 'events',
    collapsed: isLong(rows),
    groupBy: [0],
  };
}

function sabotageCell(scenario: ScenarioResult, serviceId: string, cheapest: ReadonlyMap<string, CheapAttack>): string {
  const plans = scenario.attack ?? [];
  const attack = plans.find((a) => a.serviceId === serviceId);
  const spent = Math.max(0, ...plans.filter((a) => a.disconnects).map((a) => a.cost));
  const missed = attack === undefined ? null : findMissedAttack(attack, cheapest, spent);
  const missedText = missed === null ? '' : `; a cost-${formatNumber(missed.attack.cost, 3)} attack exists`;
  if (attack !== undefined && attack.disconnects) {
    return `taken down, cost ${formatNumber(attack.cost, 3)} (${ATTACK_QUALITY_SHORT[attackQuality(attack)]}${missedText})`;
  }
  const estimate = scenario.services.find((e) => e.serviceId === serviceId);
  const availability = estimate === undefined ? '—' : `${formatAvailability(estimate.availability.estimate)} available`;
  return missed === null ? availability : `${availability} (heuristic${missedText})`;
}

function buildSabotageTable(doc: ResultDocument): ReportTable | null {
  const attacks = doc.scenarios.filter((s) => readScenario(doc, s) === 'attack');
  if (attacks.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const cheapest = findCheapestAttacks(doc);
  return {
    name: 'sabotage',
    title: 'What each attacker achieves',
    description:
      'Per sabotage scenario: whether the attack alone takes the service down and at what cost (proven minimum, or ' +
      'heuristic when found by a greedy search, with any cheaper attack another scenario proved), else the ' +
      'availability under attack (attack plus random failures).',
    columns: [
      { header: 'Service', format: 'text' },
      ...attacks.map((s) => ({ header: describeAttackerHeading(s), format: 'text' as const })),
    ],
    rows: doc.model.services.map((service): Row => [
      labeler.serviceName(service.id),
      ...attacks.map((scenario) => sabotageCell(scenario, service.id, cheapest)),
    ]),
    section: 'sabotage',
    collapsed: false,
    groupBy: [],
  };
}

function buildServiceEstimatesTable(doc: ResultDocument): ReportTable {
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const rows: Row[] = doc.scenarios.flatMap((scenario) => {
    const reading = readScenario(doc, scenario);
    // Downtime per year only means something over a year (a year with the event included), not while an event is
    // forced; a target verdict only in normal operation.
    const annual = reading === 'annual';
    const yearly = annual || reading === 'event-year';
    return scenario.services.map((e): Row => [
      scenario.name,
      labeler.serviceName(e.serviceId),
      READING_TEXT[reading],
      e.availability,
      e.unavailability,
      yearly ? e.downtimeMinutesPerYear : null,
      e.nines,
      targets.get(e.serviceId) ?? null,
      annual ? e.targetStatus : null,
      e.relativeError,
      e.estimator,
      e.samples,
    ]);
  });
  return {
    name: 'service-estimates',
    title: 'Availability per scenario and service',
    description:
      'Every estimate with its 95% confidence interval. Only normal-operation figures hold over a year and are ' +
      'judged against the target; the others hold while the event lasts, in a year the event strikes (time ' +
      'simulation) or under attack, as the column Figures hold says.',
    columns: [
      { header: 'Scenario', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Figures hold', format: 'text' },
      { header: 'Availability', format: 'availability' },
      { header: 'Unavailability', format: 'probability' },
      { header: 'Downtime per year', format: 'downtime', unit: 'min/yr' },
      { header: 'Nines', format: 'nines', csvOnly: true },
      { header: 'Target', format: 'target' },
      { header: 'Target status', format: 'status' },
      { header: 'Relative error', format: 'percent', csvOnly: true },
      { header: 'Estimator', format: 'text', csvOnly: true },
      { header: 'Samples', format: 'integer', csvOnly: true },
    ],
    rows,
    section: 'tables',
    collapsed: isLong(rows),
    groupBy: [0],
  };
}

/** A traffic matrix's demand service id: `<matrix>/<from>:<to>` (scenarios/topology/services/traffic-service.ts). */
function isDemandOfMatrix(doc: ResultDocument, serviceId: string): boolean {
  const slash = serviceId.lastIndexOf('/');
  if (slash < 0) return false;
  const matrix = serviceId.slice(0, slash);
  return doc.model.services.some((s) => s.id === matrix && s.kind === 'traffic');
}

/**
 * The fraction of traffic served per scenario, for every service that reports one, with its 95% interval: whole
 * traffic matrices and capacity services (`perDemand` false), or each demand of a matrix (`perDemand` true).
 */
function buildTrafficServedTable(doc: ResultDocument, perDemand: boolean): ReportTable | null {
  const labeler = createElementLabeler(doc);
  const kinds = new Map(doc.model.services.map((s) => [s.id, s.kind]));
  const rows: Row[] = doc.scenarios.flatMap((scenario) =>
    scenario.services.flatMap((e): Row[] =>
      e.demandServed === undefined || isDemandOfMatrix(doc, e.serviceId) !== perDemand
        ? []
        : [[scenario.name, labeler.serviceName(e.serviceId), kinds.get(e.serviceId) ?? '', e.demandServed, e.availability, e.samples]],
    ),
  );
  if (rows.length === 0) return null;
  return {
    name: perDemand ? 'traffic-served-per-demand' : 'traffic-served',
    title: perDemand ? 'Fraction of traffic served per scenario and demand' : 'Fraction of traffic served per scenario',
    description: perDemand
      ? 'Each demand of each traffic matrix: the expected fraction of its volume carried, with its 95% interval, ' +
        'next to the probability that it is carried in full.'
      : 'The expected fraction of each traffic matrix (all its demands) and of each capacity demand that is ' +
        'carried, with its 95% interval (traffic: a Bernstein bound valid for any sample count; ' +
        'docs/statistics.md), next to the probability that it is carried in full (availability).',
    columns: [
      { header: 'Scenario', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Kind', format: 'text', csvOnly: true },
      { header: 'Traffic served', format: 'availability' },
      { header: 'Served in full', format: 'availability' },
      { header: 'Samples', format: 'integer', csvOnly: true },
    ],
    rows,
    section: 'tables',
    collapsed: isLong(rows),
    groupBy: [0],
  };
}

function buildConvergenceTable(doc: ResultDocument): ReportTable | null {
  const labeler = createElementLabeler(doc);
  const rows: Row[] = doc.scenarios.flatMap((scenario) =>
    scenario.services.flatMap((e) =>
      e.convergence.map((p): Row => [scenario.name, labeler.serviceName(e.serviceId), p.samples, p.unavailability]),
    ),
  );
  if (rows.length === 0) return null;
  return {
    name: 'convergence',
    title: 'Convergence of the estimates',
    description: 'Unavailability with its 95% confidence interval after each merged batch prefix.',
    columns: [
      { header: 'Scenario', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Samples', format: 'integer' },
      { header: 'Unavailability', format: 'probability' },
    ],
    rows,
    section: 'precision',
    collapsed: true,
    groupBy: [0, 1],
  };
}

function buildImportanceTable(doc: ResultDocument): ReportTable | null {
  const labeler = createElementLabeler(doc);
  const rows: Row[] = doc.scenarios.flatMap((scenario) =>
    scenario.services.flatMap((e) =>
      rankByCriticality(e.importance ?? []).map((entry, index): Row => [
        scenario.name,
        labeler.serviceName(e.serviceId),
        index + 1,
        labeler.labelOf(entry.elementId).label,
        entry.elementId,
        ELEMENT_KIND_NAMES[entry.elementKind],
        entry.criticality,
        entry.birnbaum,
        entry.riskAchievementWorth,
        entry.riskReductionWorth,
        entry.fussellVesely,
      ]),
    ),
  );
  if (rows.length === 0) return null;
  return {
    name: 'importance',
    title: 'Importance of elements and risk groups',
    description: 'Per service, elements ranked by criticality importance; all measures with 95% confidence intervals.',
    columns: [
      { header: 'Scenario', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Rank', format: 'integer' },
      { header: 'Element', format: 'text' },
      { header: 'Id', format: 'text', csvOnly: true },
      { header: 'Kind', format: 'text' },
      { header: 'Criticality importance', format: 'percent' },
      { header: 'Birnbaum importance', format: 'number' },
      { header: 'Risk achievement worth', format: 'number' },
      { header: 'Risk reduction worth', format: 'number', csvOnly: true },
      { header: 'Fussell-Vesely', format: 'percent', csvOnly: true },
    ],
    rows,
    section: 'tables',
    collapsed: isLong(rows),
    groupBy: [0, 1],
  };
}

function buildCutSetsTable(doc: ResultDocument): ReportTable | null {
  if (doc.cutSets === null) return null;
  const labeler = createElementLabeler(doc);
  const endpoints = new Map(doc.model.services.map((s) => [s.id, new Set(s.endpoints)]));
  const rows: Row[] = doc.cutSets.services.flatMap((service) =>
    service.cutSets.map((cut): Row => [
      labeler.serviceName(service.serviceId),
      cut.order,
      cut.elements.map((id) => labeler.labelOf(id).label).join(' + '),
      cut.elements.join(' + '),
      cut.order === 1 && cut.elements.every((id) => endpoints.get(service.serviceId)?.has(id) ?? false),
      !service.truncated,
    ]),
  );
  return {
    name: 'cut-sets',
    title: `Minimal cut sets up to order ${doc.cutSets.maxOrder}`,
    description:
      'Sets of elements whose simultaneous failure takes the service down; order 1 means a single point of failure.',
    columns: [
      { header: 'Service', format: 'text' },
      { header: 'Order', format: 'integer' },
      { header: 'Elements', format: 'text' },
      { header: 'Ids', format: 'text', csvOnly: true },
      { header: 'Own endpoint', format: 'boolean' },
      { header: 'Search complete', format: 'boolean' },
    ],
    rows,
    section: 'tables',
    collapsed: isLong(rows),
    groupBy: [0],
  };
}

function buildAttacksTable(doc: ResultDocument): ReportTable | null {
  const labeler = createElementLabeler(doc);
  const rows: Row[] = doc.scenarios.flatMap((scenario) =>
    (scenario.attack ?? []).map((a): Row => {
      const estimate = scenario.services.find((e) => e.serviceId === a.serviceId);
      return [
        scenario.name,
        labeler.serviceName(a.serviceId),
        a.strategy,
        a.elements.length === 0
          ? 'random choice per sample'
          : a.elements.map((id) => labeler.labelOf(id).label).join(' + '),
        a.cost,
        a.disconnects,
        a.elements.length === 0 ? null : ATTACK_QUALITY_TEXT[attackQuality(a)],
        estimate?.availability ?? null,
      ];
    }),
  );
  if (rows.length === 0) return null;
  return {
    name: 'attacks',
    title: 'Attacks in sabotage scenarios',
    description:
      'The adversary’s plan per service, its cost, whether it alone cuts the service off, and the availability under attack.',
    columns: [
      { header: 'Scenario', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Strategy', format: 'text' },
      { header: 'Elements attacked', format: 'text' },
      { header: 'Cost', format: 'number' },
      { header: 'Cuts off alone', format: 'boolean' },
      { header: 'Cost is the', format: 'text' },
      { header: 'Availability under attack', format: 'availability' },
    ],
    rows,
    section: 'tables',
    collapsed: isLong(rows),
    groupBy: [0],
  };
}

function buildComparisonTable(doc: ResultDocument): ReportTable | null {
  const comparison = doc.comparison;
  if (comparison === null) return null;
  const labeler = createElementLabeler(doc);
  const rows: Row[] = comparison.scenarios.flatMap((scenario) =>
    scenario.services.map((s): Row => [
      labeler.scenarioName(scenario.scenarioId),
      labeler.serviceName(s.serviceId),
      s.baseAvailability,
      s.planAvailability,
      s.difference,
      {
        estimate: s.difference.estimate * MINUTES_PER_YEAR,
        lower: s.difference.lower * MINUTES_PER_YEAR,
        upper: s.difference.upper * MINUTES_PER_YEAR,
      },
      judgeDifference(s.difference),
      s.varianceReduction,
    ]),
  );
  return {
    name: 'comparison',
    title: `Plan “${comparison.plan.name}” against base “${comparison.base.name}”`,
    description:
      'Availability of base and plan, and the paired difference (plan − base) with its 95% confidence interval.',
    columns: [
      { header: 'Scenario', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Base availability', format: 'availability' },
      { header: 'Plan availability', format: 'availability' },
      { header: 'Difference (plan − base)', format: 'difference' },
      { header: 'Downtime avoided', format: 'downtime', unit: 'min/yr' },
      { header: 'Verdict', format: 'status' },
      { header: 'Variance reduction by pairing', format: 'number', csvOnly: true },
    ],
    rows,
    section: 'comparison',
    collapsed: isLong(rows),
    groupBy: [0],
  };
}

function buildTimeSimulationTables(doc: ResultDocument): ReportTable[] {
  const simulation = doc.timeSimulation;
  if (simulation === null) return [];
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const summary: ReportTable = {
    name: 'time-simulation',
    title: `Outages over ${simulation.years} simulated years`,
    description:
      'Expected outages and downtime per year with 95% confidence intervals, and the downtime each target allows.',
    columns: [
      { header: 'Service', format: 'text' },
      { header: 'Outages per year', format: 'number' },
      { header: 'Expected downtime', format: 'downtime', unit: 'min/yr' },
      { header: 'Allowed by target', format: 'downtime', unit: 'min/yr' },
    ],
    rows: simulation.services.map((s): Row => {
      const target = targets.get(s.serviceId) ?? null;
      return [
        labeler.serviceName(s.serviceId),
        s.outagesPerYear,
        s.downtimeMinutesPerYear,
        target === null ? null : (1 - target) * MINUTES_PER_YEAR,
      ];
    }),
    section: 'time',
    collapsed: false,
    groupBy: [],
  };
  const histogram: ReportTable = {
    name: 'outage-durations',
    title: 'Outage durations',
    description: 'Number of simulated outages per duration bin [from, to) and the implied outages per year.',
    columns: [
      { header: 'Service', format: 'text' },
      { header: 'Duration', format: 'text' },
      { header: 'From', format: 'number', unit: 'h', csvOnly: true },
      { header: 'To', format: 'number', unit: 'h', csvOnly: true },
      { header: 'Outages simulated', format: 'integer' },
      { header: 'Outages per year', format: 'number' },
    ],
    rows: simulation.services.flatMap((s) =>
      s.durationHistogram.counts.map((count, i): Row => {
        const from = s.durationHistogram.edgesHours[i] ?? 0;
        const to = s.durationHistogram.edgesHours[i + 1] ?? from;
        return [
          labeler.serviceName(s.serviceId),
          formatDurationBin(from, to),
          from,
          to,
          count,
          count / simulation.years,
        ];
      }),
    ),
    section: 'tables',
    collapsed: true,
    groupBy: [0],
  };
  return [summary, ...buildTimeScenarioTables(doc), histogram];
}

/**
 * Every simulated scenario's figures per service (how often, how long, whether a year passes without an outage),
 * and the repair crews' load in the first scenario; absent in documents written before engine 0.4.0.
 */
function buildTimeScenarioTables(doc: ResultDocument): ReportTable[] {
  const scenarios = doc.timeSimulation?.scenarios;
  if (scenarios === undefined || scenarios.length === 0) return [];
  const labeler = createElementLabeler(doc);
  const rows: Row[] = scenarios.flatMap((scenario) =>
    scenario.services.map((s): Row => [
      labeler.scenarioName(scenario.scenarioId),
      labeler.serviceName(s.serviceId),
      s.downtimeMinutesPerYear,
      s.outagesPerYear,
      s.probabilityOutageOver15Hours ?? null,
      s.probabilityNoOutageInYear ?? null,
      s.p95OutageHours ?? null,
      s.worstYear === undefined ? null : s.worstYear.downtimeMinutes,
    ]),
  );
  const tables: ReportTable[] = [
    {
      name: 'time-scenarios',
      title: 'Outages per scenario over simulated years',
      description:
        'Per scenario and service: downtime and outages per year, the share of outages longer than 15 h, the chance ' +
        'that a whole year passes without any outage, the 95th percentile of the outage duration, and the worst ' +
        'year simulated; 95% confidence intervals.',
      columns: [
        { header: 'Scenario', format: 'text' },
        { header: 'Service', format: 'text' },
        { header: 'Downtime', format: 'downtime', unit: 'min/yr' },
        { header: 'Outages per year', format: 'number' },
        { header: 'Outages over 15 h', format: 'percent' },
        { header: 'No outage in a year', format: 'percent' },
        { header: '95th percentile outage', format: 'number', unit: 'h' },
        { header: 'Worst year', format: 'downtime', unit: 'min' },
      ],
      rows,
      section: 'time',
      collapsed: isLong(rows),
      groupBy: [0],
    },
  ];
  const first = scenarios[0];
  if (first.crews.length > 0) {
    const crews = new Map((doc.timeSimulation?.crews ?? []).map((c) => [c.id, c]));
    tables.push({
      name: 'repair-crews',
      title: `Repair crews (${labeler.scenarioName(first.scenarioId)})`,
      description:
        'Who repairs what, how fast: each crew’s teams, response time, repairs per year, the share of team-time ' +
        'spent responding or working, and the mean and longest wait for a free team; 95% confidence intervals.',
      columns: [
        { header: 'Crew', format: 'text' },
        { header: 'Teams', format: 'integer' },
        { header: 'Response', format: 'text' },
        { header: 'Elements repaired', format: 'integer' },
        { header: 'Repairs per year', format: 'number' },
        { header: 'Utilisation', format: 'percent' },
        { header: 'Mean wait', format: 'number', unit: 'h' },
        { header: 'Longest wait', format: 'number', unit: 'h' },
      ],
      rows: first.crews.map((c): Row => [
        c.name,
        c.size,
        crews.get(c.crewId)?.response.description ?? '',
        crews.get(c.crewId)?.elements.length ?? null,
        c.jobsPerYear,
        c.utilisation,
        c.meanWaitHours,
        c.longestWaitHours,
      ]),
      section: 'time',
      collapsed: false,
      groupBy: [],
    });
  }
  return tables;
}

function buildBaselineTable(doc: ResultDocument, baseline: ResultDocument): ReportTable {
  const labeler = createElementLabeler(doc);
  const scenarios = new Map(doc.scenarios.map((s) => [s.id, s]));
  // The one comparison with the baseline: scenarios in both that read the same way, services in both.
  const rows: Row[] = diffAgainstBaseline(doc, baseline).changes.flatMap((c): Row[] => {
    const scenario = scenarios.get(c.scenarioId);
    if (scenario === undefined) return [];
    // Normal operation in full; elsewhere only changes beyond the uncertainty (the CSV of every estimate has all).
    if (readScenario(doc, scenario) !== 'annual' && c.verdict !== 'better' && c.verdict !== 'worse') return [];
    return [
      [
        scenario.name,
        labeler.serviceName(c.serviceId),
        c.previous.availability,
        c.current.availability,
        c.previous.downtimeMinutesPerYear,
        c.current.downtimeMinutesPerYear,
        c.verdict,
      ],
    ];
  });
  return {
    name: 'baseline-changes',
    title: `Changes since “${baseline.manifest.study?.name ?? baseline.model.name}”`,
    description:
      'Previous and current availability in normal operation, and elsewhere the changes beyond the uncertainty; a ' +
      'change counts when the 95% intervals do not overlap. Downtime is per year in normal operation only.',
    columns: [
      { header: 'Scenario', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Previous availability', format: 'availability' },
      { header: 'Current availability', format: 'availability' },
      { header: 'Previous downtime', format: 'downtime', unit: 'min/yr' },
      { header: 'Current downtime', format: 'downtime', unit: 'min/yr' },
      { header: 'Change', format: 'status' },
    ],
    rows,
    section: 'changes',
    collapsed: isLong(rows),
    groupBy: [0],
  };
}

function buildScenariosTable(doc: ResultDocument): ReportTable {
  const labeler = createElementLabeler(doc);
  return {
    name: 'scenarios',
    title: 'Scenarios',
    description: 'What each scenario assumes, how many samples it took and why sampling stopped.',
    columns: [
      { header: 'Id', format: 'text' },
      { header: 'Name', format: 'text' },
      { header: 'Description', format: 'text' },
      { header: 'Forced down', format: 'text' },
      { header: 'Samples', format: 'integer' },
      { header: 'Batches', format: 'integer' },
      { header: 'Stopped by', format: 'text' },
    ],
    rows: doc.scenarios.map((s): Row => [
      s.id,
      s.name,
      s.description,
      s.forced.map((id) => labeler.labelOf(id).label).join(', '),
      s.samples,
      s.batches,
      s.stoppedBy,
    ]),
    section: 'tables',
    collapsed: false,
    groupBy: [],
  };
}

function buildSitesTable(doc: ResultDocument): ReportTable {
  const classes = classifyCriticality(doc);
  return {
    name: 'sites',
    title: 'Sites',
    description: 'Sites with their coordinates (WGS84); sites without coordinates are not on the maps.',
    columns: [
      { header: 'Id', format: 'text' },
      { header: 'Name', format: 'text' },
      { header: 'Kind', format: 'text' },
      { header: 'Latitude', format: 'number', unit: '°' },
      { header: 'Longitude', format: 'number', unit: '°' },
      { header: 'On map', format: 'boolean' },
      { header: 'Criticality', format: 'text' },
    ],
    rows: doc.model.sites.map((s): Row => [
      s.id,
      s.name,
      s.kind,
      s.lat,
      s.lon,
      s.lat !== null && s.lon !== null,
      CRITICALITY_CLASS_LABELS[classes.get(s.id)?.elementClass ?? 'other'],
    ]),
    section: 'tables',
    collapsed: doc.model.sites.length > MAX_PRINTED_ROWS,
    groupBy: [],
  };
}

function buildLinksTable(doc: ResultDocument): ReportTable {
  const labeler = createElementLabeler(doc);
  return {
    name: 'links',
    title: 'Links',
    description: 'Links with their medium, length and steady-state failure probability in the baseline model.',
    columns: [
      { header: 'Id', format: 'text' },
      { header: 'From', format: 'text' },
      { header: 'To', format: 'text' },
      { header: 'Medium', format: 'text' },
      { header: 'Length', format: 'number', unit: 'km' },
      { header: 'Failure probability', format: 'probability' },
    ],
    rows: doc.model.links.map((l): Row => [
      l.id,
      labeler.labelOf(l.from).label,
      labeler.labelOf(l.to).label,
      l.medium,
      l.lengthKm,
      l.failureProbability,
    ]),
    section: 'tables',
    collapsed: doc.model.links.length > MAX_PRINTED_ROWS,
    groupBy: [],
  };
}

function buildRiskGroupsTable(doc: ResultDocument): ReportTable | null {
  if (doc.model.riskGroups.length === 0) return null;
  const labeler = createElementLabeler(doc);
  return {
    name: 'risk-groups',
    title: 'Risk groups (common causes)',
    description: 'Events that take several elements down together, with their probability per scenario.',
    columns: [
      { header: 'Id', format: 'text' },
      { header: 'Name', format: 'text' },
      { header: 'Event probability', format: 'probability' },
      { header: 'Members', format: 'text' },
    ],
    rows: doc.model.riskGroups.map((g): Row => [
      g.id,
      g.name,
      g.eventProbability,
      g.members.map((id) => labeler.labelOf(id).label).join(', '),
    ]),
    section: 'tables',
    collapsed: doc.model.riskGroups.length > MAX_PRINTED_ROWS,
    groupBy: [],
  };
}

/** The run's manifest as field/value rows: what was run, on what, with which seed and budget. */
export function buildManifestTable(doc: ResultDocument): ReportTable {
  const m = doc.manifest;
  const rows: Array<[string, CellValue]> = [
    ['Tool', `${m.tool} ${m.engineVersion}`],
    ['Finished', formatDateTime(m.createdAt)],
    ['Command', m.command.join(' ')],
    ['Model', `${m.model.name} (${m.model.source})`],
    ['Model SHA-256', m.model.sha256],
    ['Study', m.study === null ? null : `${m.study.name} (${m.study.source})`],
    ['Study SHA-256', m.study?.sha256 ?? null],
    ['Plan SHA-256', m.planSha256],
    ['Seed', m.seed],
    ['Batch size', m.batchSize],
    ['Samples', doc.scenarios.map((s) => `${s.name}: ${s.samples}`).join('; ')],
    ['Estimators', [...new Set(doc.scenarios.flatMap((s) => s.services.map((e) => e.estimator)))].join(', ')],
    ['Workers', m.workers],
    [
      'Stopping rule',
      `relative error ${m.stopping.relativeError ?? 'none'}, at most ${m.stopping.maxSamples} samples, time limit ${m.stopping.maxTimeSeconds === null ? 'none' : `${m.stopping.maxTimeSeconds} s`}`,
    ],
    ['Partial result', m.partial],
    ['Shard', m.shard === null ? null : `${m.shard.index} of ${m.shard.count}`],
    ['Illustrative model', doc.model.illustrative],
    ['Result format version', doc.resultVersion],
  ];
  return {
    name: 'manifest',
    title: 'Manifest',
    description: 'How this result was produced, for re-running and comparing.',
    columns: [
      { header: 'Field', format: 'text' },
      { header: 'Value', format: 'number' },
    ],
    rows: rows.map(([field, value]) => [field, value]),
    section: 'manifest',
    collapsed: false,
    groupBy: [],
  };
}

/**
 * Builds all tables of a report, in reading order (each names its section).
 * @param baseline an earlier analysis; adds the "baseline-changes" table
 */
export function buildTables(doc: ResultDocument, baseline: ResultDocument | null = null): ReportTable[] {
  return [
    buildServicesTable(doc),
    buildWeakSpotsTable(doc),
    buildSinglePointsTable(doc),
    buildEventsTable(doc),
    buildSabotageTable(doc),
    baseline === null ? null : buildBaselineTable(doc, baseline),
    ...buildTimeSimulationTables(doc),
    buildComparisonTable(doc),
    buildConvergenceTable(doc),
    buildServiceEstimatesTable(doc),
    buildTrafficServedTable(doc, false),
    buildTrafficServedTable(doc, true),
    buildImportanceTable(doc),
    buildCutSetsTable(doc),
    buildAttacksTable(doc),
    buildScenariosTable(doc),
    buildSitesTable(doc),
    buildLinksTable(doc),
    buildRiskGroupsTable(doc),
    buildManifestTable(doc),
  ].filter((t): t is ReportTable => t !== null);
}
