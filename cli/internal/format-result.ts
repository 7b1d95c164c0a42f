// Text tables for the terminal: the baseline scenario's services in detail, then a service-by-scenario matrix.

import type { Interval, ResultDocument, ScenarioResult } from '../../app/index.ts';

/** Availability as a percentage with enough decimals to show two significant digits of the unavailability. */
export function formatAvailability(availability: number): string {
  const u = 1 - availability;
  const decimals = u <= 0 ? 6 : Math.min(12, Math.max(3, -Math.floor(Math.log10(u)) - 1));
  return `${(availability * 100).toFixed(decimals)}%`;
}

/** A probability in compact scientific notation, e.g. 4.8e-6. */
export function formatProbability(p: number): string {
  if (p === 0) return '0';
  if (p >= 0.01) return p.toFixed(3);
  const [mantissa, exponent] = p.toExponential(1).split('e');
  return `${mantissa}e${Number(exponent)}`;
}

/** Downtime per year in readable units. */
export function formatDowntime(minutes: number): string {
  if (minutes < 1) return `${(minutes * 60).toFixed(minutes * 60 < 10 ? 2 : 1)} s`;
  if (minutes < 120) return `${minutes.toFixed(1)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

function formatInterval(i: Interval): string {
  return `[${formatProbability(i.lower)}, ${formatProbability(i.upper)}]`;
}

/**
 * A plain-text table: the first `leftColumns` columns left-aligned (names), the rest right-aligned (figures),
 * a rule under the header, two spaces between columns.
 */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, leftColumns = 1): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Detail table of one scenario: one row per service. */
export function formatScenarioTable(_doc: ResultDocument, scenario: ScenarioResult): string {
  const rows = scenario.services.map((s) => [
    s.serviceId,
    formatAvailability(s.availability.estimate),
    formatProbability(s.unavailability.estimate),
    formatInterval(s.unavailability),
    formatDowntime(s.downtimeMinutesPerYear.estimate),
    s.nines.estimate.toFixed(1),
    s.relativeError === null ? '-' : `${(s.relativeError * 100).toFixed(1)}%`,
    s.estimator,
    s.targetStatus ?? '-',
  ]);
  return renderTable(
    ['service', 'availability', 'unavail.', '95% CI (unavail.)', 'downtime/yr', 'nines', 'rel.err', 'estimator', 'target'],
    rows,
  );
}

/** Availability in percent with four decimals for the matrix: 99.9715, 27.6760, 0.0000. */
function formatPercentCompact(availability: number): string {
  return (availability * 100).toFixed(4);
}

/**
 * Service-by-scenario matrix of availability in percent: rows are services (ids), columns are scenarios by
 * number, with a legend, so the table stays readable at any number of scenarios.
 */
export function formatScenarioMatrix(doc: ResultDocument): string {
  const header = ['service \\ scenario', ...doc.scenarios.map((_, i) => `#${i + 1}`)];
  const rows = doc.model.services.map((svc) => [
    svc.id,
    ...doc.scenarios.map((scenario) => {
      const e = scenario.services.find((x) => x.serviceId === svc.id);
      return e === undefined || e.samples === 0 ? '-' : formatPercentCompact(e.availability.estimate);
    }),
  ]);
  const legend = doc.scenarios.map((s, i) => `  #${i + 1} ${s.id}: ${s.name}`);
  return [renderTable(header, rows), '', ...legend].join('\n');
}

/** The whole terminal summary of a result. */
export function formatResultSummary(doc: ResultDocument): string {
  const parts: string[] = [];
  const m = doc.manifest;
  parts.push(
    `${doc.model.name}${doc.model.illustrative ? ' (ILLUSTRATIVE model, not the real network)' : ''}` +
      `\nseed ${m.seed}, batch size ${m.batchSize}, ${m.workers} worker(s)${m.partial ? ', PARTIAL result' : ''}`,
  );
  for (const scenario of doc.scenarios.slice(0, 1)) {
    parts.push(`\nScenario ${scenario.id}: ${scenario.name} (${scenario.samples.toLocaleString('en-US')} samples, stopped by ${scenario.stoppedBy})`);
    parts.push(formatScenarioTable(doc, scenario));
  }
  if (doc.scenarios.length > 1) {
    parts.push('\nAvailability (%) by scenario');
    parts.push(formatScenarioMatrix(doc));
    const attackLines = doc.scenarios.flatMap((scenario) =>
      (scenario.attack ?? [])
        .filter((a) => a.disconnects && a.elements.length > 0)
        .map((a) => `  ${scenario.id} / ${a.serviceId}: ${a.elements.join(' + ')} (cost ${a.cost}, ${a.strategy === 'optimal' && a.proven ? 'proven minimum cost' : `${a.strategy} strategy`})`),
    );
    if (attackLines.length > 0) parts.push('\nAttacks that take a service down on their own', ...attackLines);
  }
  return parts.join('\n');
}
