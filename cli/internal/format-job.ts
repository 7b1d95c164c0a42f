// Terminal text of the other job kinds: a time simulation's outage table, a comparison's paired differences, and
// a cut-set listing. Printing only; every figure comes from the result document or the analysis.

import type {
  Comparison,
  CutSetAnalysis,
  Interval,
  ResultDocument,
  TimeCrewResult,
  TimeScenarioResult,
  TopologyModel,
} from '../../app/index.ts';
import { formatAvailability, formatDowntime, renderTable } from './format-result.ts';

/** A rate or count with three significant digits, e.g. 1.43, 0.0214, 219. */
function formatRate(x: number): string {
  if (x === 0) return '0';
  if (x >= 1000) return x.toFixed(0);
  return Number(x.toPrecision(3)).toString();
}

/** A duration in hours in readable units. */
function formatDurationHours(hours: number | null): string {
  if (hours === null) return '-';
  return formatDowntime(hours * 60);
}

/** A probability as a percentage with up to three significant digits: 27.5%, 0.52%, 0%. */
function formatPercent(p: number): string {
  if (p === 0) return '0%';
  if (p === 1) return '100%';
  const percent = p * 100;
  return `${percent >= 10 ? percent.toFixed(1) : Number(percent.toPrecision(2)).toString()}%`;
}

/** An estimate with its 95% interval in one cell: "8.1 h [6.5 h, 9.7 h]". */
function withInterval(i: Interval | null | undefined, format: (x: number) => string): string {
  if (i === null || i === undefined) return '-';
  return `${format(i.estimate)} [${format(i.lower)}, ${format(i.upper)}]`;
}

/** How a scenario's forced events were simulated, in words. */
function describeForcedEvents(scenario: TimeScenarioResult): string {
  if (scenario.forcedEvents === 'start') return ', forced events at the start of every year';
  if (scenario.forcedEvents === 'throughout') return ', forced events in progress all the time';
  if (scenario.forcedEvents === 'arrivals')
    return `, forced events arriving ${formatRate(scenario.forcedEventsPerYear ?? 0)} per year`;
  return '';
}

/** The crews of one scenario: utilisation and waits. */
function formatCrews(crews: readonly TimeCrewResult[]): string {
  const rows = crews.map((c) => [
    c.name,
    String(c.size),
    withInterval(c.jobsPerYear, formatRate),
    withInterval(c.utilisation, formatPercent),
    withInterval(c.meanWaitHours, (h) => formatDurationHours(h)),
    c.longestWaitHours === null ? '-' : formatDurationHours(c.longestWaitHours),
  ]);
  return renderTable(
    ['crew', 'members', 'jobs/yr [95% CI]', 'utilisation [95% CI]', 'mean wait [95% CI]', 'longest wait'],
    rows,
  );
}

/**
 * Text tables of a time simulation: per scenario, one row per service with downtime and outages per year, the
 * share of outages longer than 15 h, P(no outage in a year) and the 95th percentile of the outage duration, every
 * figure with its 95% interval; then the crews of the first scenario.
 */
export function formatTimeSimulation(doc: ResultDocument): string {
  const simulation = doc.timeSimulation;
  if (simulation === null) {
    const { maxTimeSeconds } = doc.manifest.stopping;
    return doc.scenarios.some((s) => s.stoppedBy === 'max-time') && maxTimeSeconds !== null
      ? `no simulated year finished: the first batch (${doc.manifest.batchSize} simulated years) takes longer than ` +
          `--max-time ${maxTimeSeconds} s; give more time or fewer years per batch (--years-per-batch)`
      : 'no simulated year finished';
  }
  const names = new Map(doc.scenarios.map((s) => [s.id, s]));
  const scenarios: readonly TimeScenarioResult[] =
    simulation.scenarios ??
    (doc.scenarios[0] === undefined
      ? []
      : [
          {
            scenarioId: doc.scenarios[0].id,
            years: simulation.years,
            forcedEvents: 'none',
            forcedEventsPerYear: null,
            services: simulation.services,
            crews: [],
          },
        ]);
  const lines = [
    `Time simulation over ${simulation.years} simulated years per scenario (seed ${doc.manifest.seed}); every figure with its 95% interval.`,
    'P(no outage in a year): the share of years with the service up throughout ("never out" held).',
  ];
  for (const scenario of scenarios) {
    const result = names.get(scenario.scenarioId);
    const stopped = result === undefined ? '' : `, stopped by ${result.stoppedBy}`;
    lines.push(
      '',
      `Scenario "${result?.name ?? scenario.scenarioId}" [${scenario.scenarioId}]: ${scenario.years} years${describeForcedEvents(scenario)}${stopped}`,
    );
    const rows = scenario.services.map((s) => [
      s.serviceId,
      withInterval(s.downtimeMinutesPerYear, formatDowntime),
      withInterval(s.outagesPerYear, formatRate),
      withInterval(s.probabilityOutageOver15Hours, formatPercent),
      withInterval(s.probabilityNoOutageInYear, formatPercent),
      withInterval(s.p95OutageHours, (h) => formatDurationHours(h)),
      s.worstYear === undefined ? '-' : formatDowntime(s.worstYear.downtimeMinutes),
    ]);
    lines.push(
      renderTable(
        [
          'service',
          'downtime/yr [95% CI]',
          'outages/yr [95% CI]',
          'P(outage > 15 h)',
          'P(no outage in a year)',
          'p95 outage',
          'worst year',
        ],
        rows,
      ),
    );
  }
  const first = scenarios[0];
  if (first !== undefined && first.crews.length > 0) {
    lines.push(
      '',
      `Repair crews in scenario "${first.scenarioId}" (every scenario's in result.json):`,
      formatCrews(first.crews),
    );
  }
  return lines.join('\n');
}

/** Text tables of a comparison in time: per scenario and service, the paired downtime difference per year. */
function formatTimeComparison(doc: ResultDocument, c: Comparison): string {
  const lines = [
    `Comparison in time: ${c.plan.name} (plan) against ${c.base.name} (base), ${c.years ?? 0} paired simulated years per scenario`,
    '(common random numbers: the same failures where an element exists in both; difference = plan - base).',
  ];
  const header = [
    'scenario',
    'service',
    'base downtime/yr',
    'plan downtime/yr',
    'difference/yr',
    '95% CI (paired)',
    'P(no outage) base -> plan',
    'var. reduction',
    'verdict',
  ];
  const rows = c.scenarios.flatMap((s) =>
    s.services.flatMap((x) => {
      const t = x.time;
      if (t === undefined) return [];
      const d = t.downtimeMinutesPerYear.difference;
      const signed = (m: number): string => `${m > 0 ? '+' : m < 0 ? '-' : ''}${formatDowntime(Math.abs(m))}`;
      return [
        [
          s.scenarioId,
          x.serviceId,
          formatDowntime(t.downtimeMinutesPerYear.base.estimate),
          formatDowntime(t.downtimeMinutesPerYear.plan.estimate),
          signed(d.estimate),
          `[${signed(d.lower)}, ${signed(d.upper)}]`,
          `${formatPercent(t.probabilityNoOutageInYear.base.estimate)} -> ${formatPercent(t.probabilityNoOutageInYear.plan.estimate)}`,
          x.varianceReduction === null ? '-' : `${x.varianceReduction.toFixed(1)}x`,
          d.lower > 0 ? 'more downtime' : d.upper < 0 ? 'less downtime' : 'no clear change',
        ],
      ];
    }),
  );
  lines.push(renderTable(header, rows, 2));
  const stopped = new Map(doc.scenarios.map((s) => [s.id, s]));
  for (const s of c.scenarios) {
    const scenario = stopped.get(s.scenarioId);
    if (scenario !== undefined)
      lines.push(
        `${s.scenarioId}: ${scenario.samples.toLocaleString('en-US')} paired years, stopped by ${scenario.stoppedBy}`,
      );
  }
  return lines.join('\n');
}

function formatSigned(x: number): string {
  const sign = x > 0 ? '+' : x < 0 ? '-' : '±';
  const a = Math.abs(x);
  return a === 0 ? '0' : `${sign}${a < 1e-3 ? a.toExponential(1) : a.toFixed(4)}`;
}

/** Text table of a comparison document. */
export function formatComparison(doc: ResultDocument): string {
  const c = doc.comparison;
  if (c === null) return '';
  if (c.kind === 'time') return formatTimeComparison(doc, c);
  const lines = [`Comparison: ${c.plan.name} (plan) against ${c.base.name} (base), paired by common random numbers`];
  const stopped = new Map(doc.scenarios.map((s) => [s.id, s]));
  const header = ['scenario', 'service', 'base', 'plan', 'difference', '95% CI (paired)', 'var. reduction', 'verdict'];
  const rows = c.scenarios.flatMap((s) =>
    s.services.map((x) => [
      s.scenarioId,
      x.serviceId,
      formatAvailability(x.baseAvailability.estimate),
      formatAvailability(x.planAvailability.estimate),
      formatSigned(x.difference.estimate),
      `[${formatSigned(x.difference.lower)}, ${formatSigned(x.difference.upper)}]`,
      x.varianceReduction === null ? '-' : `${x.varianceReduction.toFixed(1)}x`,
      x.difference.lower > 0 ? 'better' : x.difference.upper < 0 ? 'worse' : 'no clear change',
    ]),
  );
  lines.push(renderTable(header, rows, 2));
  const samples = c.scenarios.map((s) => {
    const scenario = stopped.get(s.scenarioId);
    return scenario === undefined
      ? ''
      : `${s.scenarioId}: ${scenario.samples.toLocaleString('en-US')} paired samples, stopped by ${scenario.stoppedBy}`;
  });
  lines.push('', ...samples.filter((x) => x !== ''));
  return lines.join('\n');
}

function describeElement(topology: TopologyModel, id: string): string {
  const node = topology.nodes.find((n) => n.id === id);
  if (node !== undefined) return `${node.name} [node ${id}]`;
  const link = topology.links.find((l) => l.id === id);
  if (link !== undefined) return `${link.medium} link ${link.from} - ${link.to} [${id}]`;
  const group = topology.riskGroups.find((g) => g.id === id);
  return group !== undefined ? `${group.name} [risk group ${id}]` : id;
}

/** Layers: ": takes down circuits a and b (working and protection routes)" for a member that cuts logical links. */
function describeLayerEffect(analysis: CutSetAnalysis, id: string): string {
  const effect = analysis.layerEffects?.find((e) => e.element === id);
  if (effect === undefined) return '';
  const links = effect.links.map((l) => `${l.linkId} (${l.protected ? 'working and protection routes' : 'its route'})`);
  const list = links.length === 1 ? links[0] : `${links.slice(0, -1).join(', ')} and ${links[links.length - 1]}`;
  return `: takes down ${links.length === 1 ? 'logical link' : 'logical links'} ${list}`;
}

/** Text listing of a cut-set analysis, names first. */
export function formatCutSets(analysis: CutSetAnalysis, topology: TopologyModel): string {
  const lines: string[] = [];
  for (const service of analysis.services) {
    const name = topology.services.find((s) => s.id === service.serviceId)?.name ?? service.serviceId;
    const spofs = service.cutSets.filter((c) => c.order === 1);
    lines.push(`${name} [${service.serviceId}]`);
    lines.push(`  single points of failure (${spofs.length}):`);
    for (const c of spofs) lines.push(`    - ${describeElement(topology, c.elements[0])}${describeLayerEffect(analysis, c.elements[0])}`);
    for (let order = 2; order <= analysis.maxOrder; order++) {
      const sets = service.cutSets.filter((c) => c.order === order);
      lines.push(
        `  minimal cut sets of order ${order} (${sets.length}${service.truncated && order === analysis.maxOrder ? ', truncated' : ''}):`,
      );
      for (const c of sets.slice(0, 25))
        lines.push(`    - ${c.elements.map((e) => describeElement(topology, e)).join(' + ')}`);
      if (sets.length > 25) lines.push(`    ... ${sets.length - 25} more (--json lists all)`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
