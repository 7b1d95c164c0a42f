// Builds every report table from a result document (and an optional baseline): the figures behind each chart with
// their confidence intervals, plus reference tables (scenarios, attacks, cut sets, sites, links, risk groups, manifest).

import type { ResultDocument } from '../../engine/index.ts';
import { judgeChange } from '../internal/baseline-diff.ts';
import { judgeDifference } from '../internal/comparison-verdict.ts';
import { ELEMENT_KIND_NAMES, createElementLabeler } from '../internal/element-labels.ts';
import { MINUTES_PER_YEAR, formatDateTime, formatDurationBin } from '../internal/format.ts';
import { CRITICALITY_CLASS_LABELS, classifyCriticality, rankByCriticality } from '../internal/weak-spots.ts';
import type { CellValue, ReportTable } from './report-table.ts';

type Row = CellValue[];

function buildServiceEstimatesTable(doc: ResultDocument): ReportTable {
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const rows: Row[] = doc.scenarios.flatMap((scenario) =>
    scenario.services.map((e) => [
      scenario.name,
      labeler.serviceName(e.serviceId),
      e.availability,
      e.unavailability,
      e.downtimeMinutesPerYear,
      e.nines,
      targets.get(e.serviceId) ?? null,
      e.targetStatus,
      e.relativeError,
      e.estimator,
      e.samples,
    ]),
  );
  return {
    name: 'service-estimates',
    title: 'Availability per scenario and service',
    description: 'Every estimate with its 95% confidence interval, the target and whether it is met.',
    columns: [
      { header: 'Scenario', format: 'text' },
      { header: 'Service', format: 'text' },
      { header: 'Availability', format: 'availability' },
      { header: 'Unavailability', format: 'probability' },
      { header: 'Expected downtime', format: 'downtime', unit: 'min/yr' },
      { header: 'Nines', format: 'nines', csvOnly: true },
      { header: 'Target', format: 'target' },
      { header: 'Target status', format: 'status' },
      { header: 'Relative error', format: 'percent', csvOnly: true },
      { header: 'Estimator', format: 'text', csvOnly: true },
      { header: 'Samples', format: 'integer', csvOnly: true },
    ],
    rows,
    placement: 'body',
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
    placement: 'collapsed',
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
    placement: 'body',
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
    placement: 'body',
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
        a.strategy === 'optimal' ? a.proven : null,
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
      { header: 'Proven optimal', format: 'boolean' },
      { header: 'Availability under attack', format: 'availability' },
    ],
    rows,
    placement: 'body',
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
    placement: 'body',
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
    placement: 'body',
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
    placement: 'appendix',
    groupBy: [0],
  };
  return [summary, histogram];
}

function buildBaselineTable(doc: ResultDocument, baseline: ResultDocument): ReportTable {
  const labeler = createElementLabeler(doc);
  const previousScenarios = new Map(baseline.scenarios.map((s) => [s.id, s]));
  const rows: Row[] = doc.scenarios.flatMap((scenario) =>
    scenario.services.flatMap((e): Row[] => {
      const previous = previousScenarios.get(scenario.id)?.services.find((p) => p.serviceId === e.serviceId);
      if (previous === undefined) return [];
      return [
        [
          scenario.name,
          labeler.serviceName(e.serviceId),
          previous.availability,
          e.availability,
          previous.downtimeMinutesPerYear,
          e.downtimeMinutesPerYear,
          judgeChange(previous, e),
        ],
      ];
    }),
  );
  return {
    name: 'baseline-changes',
    title: `Changes since “${baseline.manifest.study?.name ?? baseline.model.name}”`,
    description:
      'Previous and current availability per scenario and service; a change counts when the 95% intervals do not overlap.',
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
    placement: 'body',
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
    placement: 'body',
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
    placement: 'appendix',
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
    placement: 'appendix',
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
    placement: 'appendix',
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
    placement: 'body',
    groupBy: [],
  };
}

/**
 * Builds all tables of a report, in reading order.
 * @param baseline an earlier analysis; adds the "baseline-changes" table
 */
export function buildTables(doc: ResultDocument, baseline: ResultDocument | null = null): ReportTable[] {
  return [
    buildServiceEstimatesTable(doc),
    baseline === null ? null : buildBaselineTable(doc, baseline),
    buildImportanceTable(doc),
    buildCutSetsTable(doc),
    buildAttacksTable(doc),
    buildComparisonTable(doc),
    ...buildTimeSimulationTables(doc),
    buildScenariosTable(doc),
    buildConvergenceTable(doc),
    buildSitesTable(doc),
    buildLinksTable(doc),
    buildRiskGroupsTable(doc),
    buildManifestTable(doc),
  ].filter((t): t is ReportTable => t !== null);
}
