// Checks what the shape check of a result document (reports' checkResultDocument) leaves open: ids that must name one
// thing each, and counts that must be whole numbers agreeing with each other. A document that repeats a scenario id
// or claims more samples for a service than its scenario drew was edited or damaged, and its report would mislead.

import type { ResultDocument, TimeServiceResult } from '../../engine/index.ts';
import type { ResultDocumentProblem } from '../../reports/index.ts';

const WHOLE = 'a whole number >= 0';

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  return String(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Collects problems with their field paths, in the form read-result-file.ts locates. */
class CountChecker {
  readonly problems: ResultDocumentProblem[] = [];

  report(path: string, expected: string, value: unknown): void {
    this.problems.push({ path, expected, received: describe(value) });
  }

  /** A whole number >= 0 and at most `max` (included) when given; true when it is one. */
  count(value: unknown, path: string, max?: { value: number; what: string }): value is number {
    if (!isWholeNumber(value)) {
      this.report(path, WHOLE, value);
      return false;
    }
    if (max !== undefined && value > max.value) {
      this.report(path, `at most ${max.what} (${max.value})`, value);
      return false;
    }
    return true;
  }

  /** Each `items[i][key]` once; a repeat names the item that had it first (`what`: e.g. 'a scenario id'). */
  uniqueIds<K extends string>(
    items: ReadonlyArray<Readonly<Record<K, unknown>>>,
    path: string,
    key: K,
    what: string,
  ): void {
    const first = new Map<unknown, number>();
    items.forEach((item, i) => {
      const id = item[key];
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, i);
      else this.report(`${path}[${i}].${key}`, `${what} not used before (${path}[${earlier}].${key} has it)`, id);
    });
  }
}

/**
 * Checks the ids and counts of a result document that has passed checkResultDocument: scenario ids (static and time)
 * and model ids each used once, a scenario's estimates one per service; sample, batch, simulated-year and outage
 * counts whole numbers >= 0, no estimate with more samples than its scenario, convergence points in order and within
 * their estimate's samples, one histogram count per duration bin.
 * @returns every problem found (none: an empty list)
 */
export function checkResultCounts(doc: ResultDocument): ResultDocumentProblem[] {
  const c = new CountChecker();
  const { model } = doc;
  c.uniqueIds(model.sites, 'model.sites', 'id', 'a site id');
  c.uniqueIds(model.links, 'model.links', 'id', 'a link id');
  c.uniqueIds(model.services, 'model.services', 'id', 'a service id');
  c.uniqueIds(model.riskGroups, 'model.riskGroups', 'id', 'a risk-group id');
  c.uniqueIds(doc.scenarios, 'scenarios', 'id', 'a scenario id');

  doc.scenarios.forEach((scenario, i) => {
    const path = `scenarios[${i}]`;
    const withinScenario = c.count(scenario.samples, `${path}.samples`)
      ? { value: scenario.samples, what: `${path}.samples` }
      : undefined;
    // Every document this engine writes has it, but checkResultDocument does not require it: checked when present.
    const batches = (scenario as { batches?: unknown }).batches;
    // Every batch holds at least one sample.
    if (batches !== undefined) c.count(batches, `${path}.batches`, withinScenario);
    c.uniqueIds(scenario.services, `${path}.services`, 'serviceId', 'a service id');
    scenario.services.forEach((estimate, j) => {
      const at = `${path}.services[${j}]`;
      // A service counts the scenario's samples or a prefix of them (verdict rule); a rare-event estimator fewer.
      const withinEstimate = c.count(estimate.samples, `${at}.samples`, withinScenario)
        ? { value: estimate.samples, what: `${at}.samples` }
        : undefined;
      let previous = 0;
      estimate.convergence.forEach((point, k) => {
        const pointPath = `${at}.convergence[${k}].samples`;
        if (!c.count(point.samples, pointPath, withinEstimate)) return;
        if (point.samples < previous) {
          c.report(pointPath, `at least the samples of the point before (${previous})`, point.samples);
        }
        previous = point.samples;
      });
    });
  });

  const time = doc.timeSimulation;
  if (time !== null) {
    c.count(time.years, 'timeSimulation.years');
    const checkServices = (services: readonly TimeServiceResult[], path: string): void => {
      services.forEach((service, k) => {
        const at = `${path}[${k}]`;
        const { edgesHours, counts } = service.durationHistogram;
        counts.forEach((n, b) => c.count(n, `${at}.durationHistogram.counts[${b}]`));
        if (edgesHours.length > 0 && counts.length !== edgesHours.length - 1) {
          const bins = edgesHours.length - 1;
          c.report(
            `${at}.durationHistogram.counts`,
            `${bins} counts, one per bin between the ${bins + 1} edgesHours`,
            counts.length,
          );
        }
        if (service.worstYear !== undefined) c.count(service.worstYear.outages, `${at}.worstYear.outages`);
      });
    };
    checkServices(time.services, 'timeSimulation.services');
    if (time.scenarios !== undefined) {
      c.uniqueIds(time.scenarios, 'timeSimulation.scenarios', 'scenarioId', 'a scenario id');
      time.scenarios.forEach((scenario, i) => {
        c.count(scenario.years, `timeSimulation.scenarios[${i}].years`);
        checkServices(scenario.services, `timeSimulation.scenarios[${i}].services`);
      });
    }
  }
  return c.problems;
}
