// Text tables for the terminal: the baseline scenario's services in detail, then a service-by-scenario matrix.

import type { Interval, ResultDocument, ScenarioResult, ServiceEstimate } from '../../app/index.ts';

/** Availability as a percentage with enough decimals to show two significant digits of the unavailability. */
export function formatAvailability(availability: number): string {
  const u = 1 - availability;
  const decimals = u <= 0 ? 6 : Math.min(12, Math.max(3, -Math.floor(Math.log10(u)) - 1));
  return `${(availability * 100).toFixed(decimals)}%`;
}

/** A probability in compact scientific notation, e.g. 4.8e-6; `digits` significant digits below 0.01 (default 2). */
export function formatProbability(p: number, digits = 2): string {
  if (p === 0) return '0';
  if (p >= 0.01) return p.toFixed(digits + 1);
  const [mantissa, exponent] = p.toExponential(digits - 1).split('e');
  return `${mantissa}e${Number(exponent)}`;
}

/** Most significant digits an interval's bounds are given with. */
const MAX_INTERVAL_DIGITS = 6;

/**
 * Formats the bounds of an interval with the fewest digits (from `minDigits`) at which they read differently, so
 * that a narrow interval never prints as `[1.1e-5, 1.1e-5]`.
 */
function formatBounds(lower: number, upper: number, format: (x: number, digits: number) => string, minDigits: number): [string, string] {
  let digits = minDigits;
  while (digits < MAX_INTERVAL_DIGITS && lower !== upper && format(lower, digits) === format(upper, digits)) digits++;
  return [format(lower, digits), format(upper, digits)];
}

/** Downtime per year in readable units. */
export function formatDowntime(minutes: number): string {
  const unit = chooseDowntimeUnit(minutes);
  return `${formatInUnit(minutes, unit, minutes * 60 < 10 && unit.name === 's' ? 2 : 1)} ${unit.name}`;
}

interface DowntimeUnit {
  readonly name: string;
  readonly minutes: number;
}

function chooseDowntimeUnit(minutes: number): DowntimeUnit {
  if (minutes < 1) return { name: 's', minutes: 1 / 60 };
  if (minutes < 120) return { name: 'min', minutes: 1 };
  if (minutes < 48 * 60) return { name: 'h', minutes: 60 };
  return { name: 'd', minutes: 1440 };
}

function formatInUnit(minutes: number, unit: DowntimeUnit, decimals: number): string {
  return (minutes / unit.minutes).toFixed(decimals);
}

/** A downtime interval in the unit of its upper bound, e.g. `[11.9, 12.8] min`. */
export function formatDowntimeInterval(i: Interval): string {
  const unit = chooseDowntimeUnit(i.upper);
  const [lower, upper] = formatBounds(i.lower, i.upper, (x, digits) => formatInUnit(x, unit, digits - 1), 2);
  return `[${lower}, ${upper}] ${unit.name}`;
}

/** A nines interval, e.g. `[5.12, 5.18]`. */
export function formatNinesInterval(i: Interval): string {
  const [lower, upper] = formatBounds(i.lower, i.upper, (x, digits) => x.toFixed(digits - 1), 2);
  return `[${lower}, ${upper}]`;
}

/** An unavailability interval with as many digits as its bounds need to differ (at least 2, at most 6). */
export function formatUnavailabilityInterval(i: Interval): string {
  const [lower, upper] = formatBounds(i.lower, i.upper, formatProbability, 2);
  return `[${lower}, ${upper}]`;
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

/** A required availability as a percentage with all its nines: 99.999%, 99.99999999%. */
export function formatTarget(target: number): string {
  const u = 1 - target;
  const decimals = u <= 0 ? 0 : Math.min(12, Math.max(0, Math.ceil(-Math.log10(u) - 1e-9) - 2));
  return `${(target * 100).toFixed(decimals)}%`;
}

/** The verdict against the service's target, with the target: `met 99.99%`, `missed 99.999%`, `uncertain 99.9%`. */
function formatVerdict(estimate: ServiceEstimate, target: number | null): string {
  if (estimate.targetStatus === null || target === null) return '-';
  return `${estimate.targetStatus} ${formatTarget(target)}`;
}

/**
 * The availability of a service, honest about zero failures: with none observed the point estimate would read
 * 100%, so the lower bound of the interval is shown instead (`> 99.9997% (95%)`).
 */
function formatAvailabilityFigure(estimate: ServiceEstimate): string {
  if (estimate.unavailability.estimate === 0 && estimate.estimator !== 'deterministic' && estimate.unavailability.upper > 0) {
    return `> ${formatAvailability(estimate.availability.lower)}`;
  }
  return formatAvailability(estimate.availability.estimate);
}

/** The relative error, flagged when a relative-error target was set and this service did not reach it. */
function formatRelativeError(estimate: ServiceEstimate, target: number | null): string {
  const text = estimate.relativeError === null ? '-' : `${(estimate.relativeError * 100).toFixed(1)}%`;
  if (target === null || estimate.estimator === 'deterministic') return text;
  return estimate.relativeError === null || estimate.relativeError > target ? `${text} > ${(target * 100).toFixed(0)}%!` : text;
}

/** Detail table of one scenario: one row per service. */
export function formatScenarioTable(doc: ResultDocument, scenario: ScenarioResult): string {
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const precision = doc.manifest.stopping.relativeError;
  // Under the verdict rule each service stops on its own: a column says why.
  const perService = scenario.services.some((s) => s.stoppedBy !== undefined);
  const rows = scenario.services.map((s) => {
    const zero = s.unavailability.estimate === 0 && s.estimator !== 'deterministic' && s.unavailability.upper > 0;
    return [
      s.serviceId,
      formatAvailabilityFigure(s),
      zero ? `< ${formatProbability(s.unavailability.upper)}` : formatProbability(s.unavailability.estimate),
      formatUnavailabilityInterval(s.unavailability),
      zero ? `< ${formatDowntime(s.downtimeMinutesPerYear.upper)}` : formatDowntime(s.downtimeMinutesPerYear.estimate),
      formatDowntimeInterval(s.downtimeMinutesPerYear),
      zero ? `> ${s.nines.lower.toFixed(1)}` : s.nines.estimate.toFixed(1),
      formatNinesInterval(s.nines),
      formatRelativeError(s, precision),
      `${s.estimator} (${s.samples.toLocaleString('en-US')})`,
      formatVerdict(s, targets.get(s.serviceId) ?? null),
      ...(perService ? [s.stoppedBy ?? scenario.stoppedBy] : []),
    ];
  });
  return renderTable(
    [
      'service',
      'availability',
      'unavail.',
      '95% CI',
      'downtime/yr',
      '95% CI',
      'nines',
      '95% CI',
      'rel.err',
      'estimator (samples)',
      'target',
      ...(perService ? ['stopped by'] : []),
    ],
    rows,
  );
}

/**
 * Under the verdict rule: one line per service that sought a verdict and has none (its sequential interval still
 * contains the target when it stopped), or none.
 */
export function formatMissingVerdicts(doc: ResultDocument): string[] {
  if (doc.manifest.stopping.rule !== 'verdict') return [];
  // Conditional scenarios (forced events, attacks) seek no verdict: their figures are "given the event".
  return doc.scenarios.flatMap((scenario) =>
    scenario.services
      .filter((s) => s.stoppedBy !== undefined && s.targetStatus === 'uncertain' && scenario.forced.length === 0 && scenario.attack === null)
      .map(
        (s) =>
          `  ${scenario.id} / ${s.serviceId}: unavailability ${formatProbability(s.unavailability.estimate)} ` +
          `${formatUnavailabilityInterval(s.unavailability)} after ${s.samples.toLocaleString('en-US')} samples (stopped by ${s.stoppedBy ?? scenario.stoppedBy})`,
      ),
  );
}

/** One line per service that stopped short of the relative-error target, or none. */
export function formatUnmetPrecision(doc: ResultDocument): string[] {
  const target = doc.manifest.stopping.relativeError;
  if (target === null) return [];
  return doc.scenarios.flatMap((scenario) =>
    scenario.stoppedBy === 'relative-error' || scenario.stoppedBy === 'deterministic'
      ? []
      : scenario.services
          // A service that stopped by its verdict answered the question it was sampled for.
          .filter((s) => s.stoppedBy !== 'verdict' && (s.relativeError === null || s.relativeError > target))
          .map(
            (s) =>
              `  ${scenario.id} / ${s.serviceId}: relative error ${s.relativeError === null ? 'unknown (no failure seen)' : `${(s.relativeError * 100).toFixed(1)}%`} ` +
              `after ${s.samples.toLocaleString('en-US')} samples (stopped by ${s.stoppedBy ?? scenario.stoppedBy})`,
          ),
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
      if (e === undefined || e.samples === 0) return '-';
      // The flag says where the 95% interval lies against the target: below (!), across it (?), or above (none).
      // Only for scenarios without forced events or attacks: the others are conditional ("given the event"), and an
      // availability target is about a year of ordinary operation.
      const conditional = scenario.forced.length > 0 || scenario.attack !== null;
      const flag =
        svc.target === null || conditional ? ' ' : e.availability.upper < svc.target ? '!' : e.availability.lower < svc.target ? '?' : ' ';
      return `${formatPercentCompact(e.availability.estimate)}${flag}`;
    }),
  ]);
  const legend = doc.scenarios.map((s, i) => `  #${i + 1} ${s.id}: ${s.name}`);
  const flags = doc.model.services.some((s) => s.target !== null)
    ? [
        '  ! below the target with 95% confidence, ? the 95% interval includes the target (scenarios without forced',
        '  events or attacks; the others are conditional: the availability given the event or attack)',
      ]
    : [];
  return [renderTable(header, rows), '', ...flags, ...legend].join('\n');
}

/** A fraction in percent with three decimals for the served table: 99.938, 0.000. */
function formatServedPercent(fraction: number): string {
  return (fraction * 100).toFixed(3);
}

/** Where every served fraction's interval is kept when the terminal shows estimates only. */
const SERVED_INTERVALS_NOTE =
  "  95% intervals of every figure: the report's tables \"Fraction of traffic served per scenario\" (and per demand)" +
  '\n  and result.json (scenarios[].services[].demandServed)';

/**
 * The expected fraction of demand (capacity) or traffic (traffic matrices and their demands) served, for every
 * service that reports one: one row per service. With one scenario, the estimate and its 95% interval; with
 * several, a service-by-scenario table of estimates in percent (scenarios numbered as in
 * {@link formatScenarioMatrix}) and a note on where the intervals are. Empty when no service reports one.
 */
export function formatDemandServed(doc: ResultDocument): string {
  const servedIn = (scenario: ScenarioResult, serviceId: string): Interval | undefined =>
    scenario.services.find((x) => x.serviceId === serviceId)?.demandServed;
  const services = doc.model.services.filter((svc) => doc.scenarios.some((sc) => servedIn(sc, svc.id) !== undefined));
  if (services.length === 0) return '';
  if (doc.scenarios.length === 1) {
    const scenario = doc.scenarios[0];
    const rows = services.map((svc) => {
      const served = servedIn(scenario, svc.id);
      if (served === undefined) return [svc.id, '-', '-'];
      const bounds = `[${formatServedPercent(served.lower)}, ${formatServedPercent(served.upper)}]`;
      return [svc.id, formatServedPercent(served.estimate), bounds];
    });
    return renderTable(['service', 'served %', '95% CI'], rows);
  }
  const header = ['service \\ scenario', ...doc.scenarios.map((_, i) => `#${i + 1}`)];
  const rows = services.map((svc) => [
    svc.id,
    ...doc.scenarios.map((scenario) => {
      const served = servedIn(scenario, svc.id);
      return served === undefined ? '-' : formatServedPercent(served.estimate);
    }),
  ]);
  return [renderTable(header, rows), '', SERVED_INTERVALS_NOTE].join('\n');
}

/** Title of the served table. */
const SERVED_TITLE = 'Expected fraction of demand or traffic served (%), capacity and traffic services';

/** The whole terminal summary of a result. */
export function formatResultSummary(doc: ResultDocument): string {
  const parts: string[] = [];
  const m = doc.manifest;
  parts.push(
    `${doc.model.name}${doc.model.illustrative ? ' (ILLUSTRATIVE model, not the real network)' : ''}` +
      `\nseed ${m.seed}, batch size ${m.batchSize}, ${m.workers} worker(s)${m.partial ? ', PARTIAL result' : ''}`,
  );
  for (const scenario of doc.scenarios.slice(0, 1)) {
    const stopped =
      scenario.stoppedBy === 'services' ? 'stopped when every service had stopped, each by its own rule' : `stopped by ${scenario.stoppedBy}`;
    parts.push(`\nScenario ${scenario.id}: ${scenario.name} (${scenario.samples.toLocaleString('en-US')} samples, ${stopped})`);
    parts.push(formatScenarioTable(doc, scenario));
  }
  const demand = formatDemandServed(doc);
  if (demand.length > 0 && doc.scenarios.length === 1) parts.push(`\n${SERVED_TITLE}`, demand);
  if (doc.scenarios.length > 1) {
    parts.push('\nAvailability (%) by scenario');
    parts.push(formatScenarioMatrix(doc));
    if (demand.length > 0) parts.push(`\n${SERVED_TITLE}, by scenario as numbered above`, demand);
    const attackLines = doc.scenarios.flatMap((scenario) =>
      (scenario.attack ?? [])
        .filter((a) => a.disconnects && a.elements.length > 0)
        .map(
          (a) =>
            `  ${scenario.id} / ${a.serviceId}: ${a.elements.join(' + ')} (cost ${a.cost}, ` +
            `${a.strategy === 'optimal' && a.proven ? 'proven minimum cost' : `${a.strategy} strategy, heuristic: a cheaper attack may exist`})`,
        ),
    );
    if (attackLines.length > 0) parts.push('\nAttacks that take a service down on their own', ...attackLines);
  }
  if (m.stopping.rule === 'verdict') {
    const missing = formatMissingVerdicts(doc);
    parts.push(
      `\nStopping: verdict rule (a met/missed verdict is wrong with probability at most ${(((m.stopping.verdict?.alpha ?? 0.05) / 2) * 100).toFixed(1)}% ` +
        'per service, whenever the run stops; the intervals shown are the ordinary 95% ones)' +
        (missing.length === 0
          ? ''
          : `\nNO VERDICT for ${missing.length} service estimate(s): the target lies too close to the unavailability ` +
            'for the budget (raise --samples or --max-time):'),
      ...missing,
    );
  }
  const unmet = formatUnmetPrecision(doc);
  if (unmet.length > 0) {
    parts.push(
      `\nNOT REACHED: the relative-error target of ${((m.stopping.relativeError ?? 0) * 100).toFixed(1)}% for ${unmet.length} service estimate(s)` +
        ' (raise --samples or --max-time; the intervals above are honest, only wider than asked):',
      ...unmet,
    );
  }
  return parts.join('\n');
}
