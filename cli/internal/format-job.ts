// Terminal text of the other job kinds: a time simulation's outage table, a comparison's paired differences, and
// a cut-set listing. Printing only; every figure comes from the result document or the analysis.

import type { CutSetAnalysis, ResultDocument, TimeServiceFigures, TopologyModel } from '../../app/index.ts';
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

/** Text table of a time simulation: one row per service. */
export function formatTimeSimulation(doc: ResultDocument, figures: readonly TimeServiceFigures[]): string {
  const simulation = doc.timeSimulation;
  if (simulation === null) return 'no simulated year finished';
  const names = new Map(doc.model.services.map((s) => [s.id, s.name]));
  const scenario = doc.scenarios[0];
  const rows = simulation.services.map((s, i) => {
    const f = figures[i];
    return [
      names.get(s.serviceId) ?? s.serviceId,
      formatRate(s.outagesPerYear.estimate),
      `[${formatRate(s.outagesPerYear.lower)}, ${formatRate(s.outagesPerYear.upper)}]`,
      formatDurationHours(f?.meanOutageHours ?? null),
      f?.fractionOverOneHour === null || f === undefined ? '-' : `${(f.fractionOverOneHour * 100).toFixed(1)}%`,
      formatDowntime(s.downtimeMinutesPerYear.estimate),
      `[${formatDowntime(s.downtimeMinutesPerYear.lower)}, ${formatDowntime(s.downtimeMinutesPerYear.upper)}]`,
    ];
  });
  const stopped = scenario === undefined ? '' : `, stopped by ${scenario.stoppedBy}`;
  return [
    `Time simulation of scenario "${scenario?.name ?? '?'}" over ${simulation.years} simulated years (seed ${doc.manifest.seed}${stopped})`,
    renderTable(['service', 'outages/yr', '95% CI', 'mean outage', 'P(outage > 1 h)', 'downtime/yr', '95% CI'], rows),
  ].join('\n');
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
    return scenario === undefined ? '' : `${s.scenarioId}: ${scenario.samples.toLocaleString('en-US')} paired samples, stopped by ${scenario.stoppedBy}`;
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

/** Text listing of a cut-set analysis, names first. */
export function formatCutSets(analysis: CutSetAnalysis, topology: TopologyModel): string {
  const lines: string[] = [];
  for (const service of analysis.services) {
    const name = topology.services.find((s) => s.id === service.serviceId)?.name ?? service.serviceId;
    const spofs = service.cutSets.filter((c) => c.order === 1);
    lines.push(`${name} [${service.serviceId}]`);
    lines.push(`  single points of failure (${spofs.length}):`);
    for (const c of spofs) lines.push(`    - ${describeElement(topology, c.elements[0])}`);
    for (let order = 2; order <= analysis.maxOrder; order++) {
      const sets = service.cutSets.filter((c) => c.order === order);
      lines.push(
        `  minimal cut sets of order ${order} (${sets.length}${service.truncated && order === analysis.maxOrder ? ', truncated' : ''}):`,
      );
      for (const c of sets.slice(0, 25)) lines.push(`    - ${c.elements.map((e) => describeElement(topology, e)).join(' + ')}`);
      if (sets.length > 25) lines.push(`    ... ${sets.length - 25} more (--json lists all)`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
