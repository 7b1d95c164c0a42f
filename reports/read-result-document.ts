// Checks a result document (result.json) for the shape reports rely on, collecting every problem with its field
// path, so a wrong or damaged file fails with a clear message instead of a broken chart (app/result/read-result-file.ts
// reads the file and locates the problems in it).

import { RESULT_VERSION, type ResultDocument } from '../engine/index.ts';
import { ReportInputError, type ResultDocumentProblem } from './report-errors.ts';

type Json = unknown;

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'nothing (missing)';
  return typeof value;
}

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems while walking the document. */
class DocumentChecker {
  readonly problems: ResultDocumentProblem[] = [];

  report(path: string, expected: string, value: Json): void {
    this.problems.push({ path, expected, received: describe(value) });
  }

  object(value: Json, path: string): Record<string, Json> | null {
    if (isRecord(value)) return value;
    this.report(path, 'an object', value);
    return null;
  }

  array(value: Json, path: string): readonly Json[] | null {
    if (Array.isArray(value)) return value as readonly Json[];
    this.report(path, 'an array', value);
    return null;
  }

  string(value: Json, path: string): void {
    if (typeof value !== 'string') this.report(path, 'a string', value);
  }

  number(value: Json, path: string, nullable = false): void {
    if (nullable && value === null) return;
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.report(path, nullable ? 'a finite number or null' : 'a finite number', value);
  }

  boolean(value: Json, path: string): void {
    if (typeof value !== 'boolean') this.report(path, 'true or false', value);
  }

  /** An interval: finite numbers with lower <= estimate <= upper. */
  interval(value: Json, path: string): void {
    const o = this.object(value, path);
    if (o === null) return;
    for (const key of ['estimate', 'lower', 'upper']) this.number(o[key], `${path}.${key}`);
    const { estimate, lower, upper } = o;
    if (
      typeof estimate === 'number' &&
      typeof lower === 'number' &&
      typeof upper === 'number' &&
      !(lower <= estimate && estimate <= upper)
    ) {
      this.report(path, 'lower <= estimate <= upper', `${lower}, ${estimate}, ${upper}`);
    }
  }

  stringArray(value: Json, path: string): void {
    const items = this.array(value, path);
    items?.forEach((item, i) => this.string(item, `${path}[${i}]`));
  }
}

function checkEstimate(c: DocumentChecker, value: Json, path: string): void {
  const e = c.object(value, path);
  if (e === null) return;
  c.string(e.serviceId, `${path}.serviceId`);
  c.string(e.estimator, `${path}.estimator`);
  c.number(e.samples, `${path}.samples`);
  for (const key of ['availability', 'unavailability', 'downtimeMinutesPerYear', 'nines'])
    c.interval(e[key], `${path}.${key}`);
  c.number(e.relativeError, `${path}.relativeError`, true);
  if (
    e.targetStatus !== null &&
    e.targetStatus !== 'met' &&
    e.targetStatus !== 'missed' &&
    e.targetStatus !== 'uncertain'
  ) {
    c.report(`${path}.targetStatus`, "'met', 'missed', 'uncertain' or null", e.targetStatus);
  }
  if (e.precisionReached !== undefined && typeof e.precisionReached !== 'boolean') {
    c.report(`${path}.precisionReached`, 'a boolean when present', e.precisionReached);
  }
  c.array(e.convergence, `${path}.convergence`)?.forEach((p, i) => {
    const point = c.object(p, `${path}.convergence[${i}]`);
    if (point === null) return;
    c.number(point.samples, `${path}.convergence[${i}].samples`);
    c.interval(point.unavailability, `${path}.convergence[${i}].unavailability`);
  });
  if (e.importance !== null) {
    c.array(e.importance, `${path}.importance`)?.forEach((entry, i) => {
      const p = `${path}.importance[${i}]`;
      const o = c.object(entry, p);
      if (o === null) return;
      c.string(o.elementId, `${p}.elementId`);
      for (const key of ['birnbaum', 'criticality', 'riskAchievementWorth', 'riskReductionWorth', 'fussellVesely'])
        c.interval(o[key], `${p}.${key}`);
    });
  }
}

function checkModel(c: DocumentChecker, value: Json): void {
  const model = c.object(value, 'model');
  if (model === null) return;
  c.string(model.name, 'model.name');
  c.boolean(model.illustrative, 'model.illustrative');
  c.array(model.sites, 'model.sites')?.forEach((s, i) => {
    const site = c.object(s, `model.sites[${i}]`);
    if (site === null) return;
    c.string(site.id, `model.sites[${i}].id`);
    c.string(site.name, `model.sites[${i}].name`);
    c.number(site.lat, `model.sites[${i}].lat`, true);
    c.number(site.lon, `model.sites[${i}].lon`, true);
  });
  c.array(model.links, 'model.links')?.forEach((l, i) => {
    const link = c.object(l, `model.links[${i}]`);
    if (link === null) return;
    for (const key of ['id', 'from', 'to', 'medium']) c.string(link[key], `model.links[${i}].${key}`);
    c.number(link.failureProbability, `model.links[${i}].failureProbability`);
  });
  c.array(model.services, 'model.services')?.forEach((s, i) => {
    const service = c.object(s, `model.services[${i}]`);
    if (service === null) return;
    c.string(service.id, `model.services[${i}].id`);
    c.string(service.name, `model.services[${i}].name`);
    c.stringArray(service.endpoints, `model.services[${i}].endpoints`);
    c.number(service.target, `model.services[${i}].target`, true);
  });
  c.array(model.riskGroups, 'model.riskGroups')?.forEach((g, i) => {
    const group = c.object(g, `model.riskGroups[${i}]`);
    if (group === null) return;
    c.string(group.id, `model.riskGroups[${i}].id`);
    c.string(group.name, `model.riskGroups[${i}].name`);
    c.stringArray(group.members, `model.riskGroups[${i}].members`);
    // Optional (added later): absent in older documents, else a positive number or null.
    for (const key of ['eventsPerYear', 'meanDurationHours']) {
      const v = group[key];
      if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isFinite(v) && v > 0))
        c.report(`model.riskGroups[${i}].${key}`, 'a positive number, null or absent', v);
    }
  });
}

/** An interval or null (absent in older documents: not checked). */
function checkOptionalInterval(c: DocumentChecker, value: Json, path: string): void {
  if (value !== undefined && value !== null) c.interval(value, path);
}

/** One service's time figures; the fields added with engine 0.4.0 are checked when present. */
function checkTimeService(c: DocumentChecker, value: Json, path: string): void {
  const s = c.object(value, path);
  if (s === null) return;
  c.string(s.serviceId, `${path}.serviceId`);
  c.interval(s.outagesPerYear, `${path}.outagesPerYear`);
  c.interval(s.downtimeMinutesPerYear, `${path}.downtimeMinutesPerYear`);
  const histogram = c.object(s.durationHistogram, `${path}.durationHistogram`);
  if (histogram !== null) {
    c.array(histogram.edgesHours, `${path}.durationHistogram.edgesHours`)?.forEach((e, i) =>
      c.number(e, `${path}.durationHistogram.edgesHours[${i}]`),
    );
    c.array(histogram.counts, `${path}.durationHistogram.counts`)?.forEach((n, i) =>
      c.number(n, `${path}.durationHistogram.counts[${i}]`),
    );
  }
  for (const key of [
    'meanOutageHours',
    'p95OutageHours',
    'probabilityOutageOver4Hours',
    'probabilityOutageOver15Hours',
    'probabilityNoOutageInYear',
  ])
    checkOptionalInterval(c, s[key], `${path}.${key}`);
  if (s.worstYear !== undefined) {
    const worst = c.object(s.worstYear, `${path}.worstYear`);
    if (worst !== null) {
      c.number(worst.downtimeMinutes, `${path}.worstYear.downtimeMinutes`);
      c.number(worst.outages, `${path}.worstYear.outages`);
    }
  }
  if (s.longestOutageHours !== undefined) c.number(s.longestOutageHours, `${path}.longestOutageHours`, true);
}

/** The time-simulation section: its first scenario's services, and (engine 0.4.0) every scenario and the crews. */
function checkTimeSimulation(c: DocumentChecker, value: Json): void {
  const t = c.object(value, 'timeSimulation');
  if (t === null) return;
  c.number(t.years, 'timeSimulation.years');
  c.array(t.services, 'timeSimulation.services')?.forEach((s, i) =>
    checkTimeService(c, s, `timeSimulation.services[${i}]`),
  );
  if (t.scenarios !== undefined) {
    c.array(t.scenarios, 'timeSimulation.scenarios')?.forEach((v, i) => {
      const path = `timeSimulation.scenarios[${i}]`;
      const scenario = c.object(v, path);
      if (scenario === null) return;
      c.string(scenario.scenarioId, `${path}.scenarioId`);
      c.number(scenario.years, `${path}.years`);
      c.array(scenario.services, `${path}.services`)?.forEach((s, k) =>
        checkTimeService(c, s, `${path}.services[${k}]`),
      );
      c.array(scenario.crews, `${path}.crews`)?.forEach((w, k) => {
        const crew = c.object(w, `${path}.crews[${k}]`);
        if (crew === null) return;
        c.string(crew.crewId, `${path}.crews[${k}].crewId`);
        c.string(crew.name, `${path}.crews[${k}].name`);
        c.number(crew.size, `${path}.crews[${k}].size`);
        c.interval(crew.jobsPerYear, `${path}.crews[${k}].jobsPerYear`);
        c.interval(crew.utilisation, `${path}.crews[${k}].utilisation`);
        checkOptionalInterval(c, crew.meanWaitHours, `${path}.crews[${k}].meanWaitHours`);
        c.number(crew.longestWaitHours, `${path}.crews[${k}].longestWaitHours`, true);
      });
    });
  }
  if (t.crews !== undefined) {
    c.array(t.crews, 'timeSimulation.crews')?.forEach((w, k) => {
      const crew = c.object(w, `timeSimulation.crews[${k}]`);
      if (crew === null) return;
      c.string(crew.id, `timeSimulation.crews[${k}].id`);
      c.string(crew.name, `timeSimulation.crews[${k}].name`);
      c.stringArray(crew.elements, `timeSimulation.crews[${k}].elements`);
      const response = c.object(crew.response, `timeSimulation.crews[${k}].response`);
      if (response !== null) c.string(response.description, `timeSimulation.crews[${k}].response.description`);
    });
  }
}

/**
 * Checks that a parsed JSON value has the shape of a result document of this version, reporting every problem.
 * @param file the file name used in messages
 * @throws ReportInputError listing every problem found
 */
export function checkResultDocument(value: unknown, file: string): ResultDocument {
  const c = new DocumentChecker();
  const doc = c.object(value, '(document)');
  if (doc === null) throw new ReportInputError(file, c.problems);
  if (doc.resultVersion !== RESULT_VERSION) {
    c.report(
      'resultVersion',
      `${RESULT_VERSION} (this neverout reads result format version ${RESULT_VERSION})`,
      doc.resultVersion,
    );
    throw new ReportInputError(file, c.problems);
  }
  const manifest = c.object(doc.manifest, 'manifest');
  if (manifest !== null) {
    if (manifest.tool !== 'neverout') c.report('manifest.tool', '"neverout"', manifest.tool);
    for (const key of ['engineVersion', 'createdAt', 'seed', 'planSha256']) c.string(manifest[key], `manifest.${key}`);
    const model = c.object(manifest.model, 'manifest.model');
    if (model !== null) for (const key of ['name', 'source', 'sha256']) c.string(model[key], `manifest.model.${key}`);
    c.boolean(manifest.partial, 'manifest.partial');
    if (manifest.marking !== null) c.string(manifest.marking, 'manifest.marking');
  }
  checkModel(c, doc.model);
  c.array(doc.scenarios, 'scenarios')?.forEach((s, i) => {
    const scenario = c.object(s, `scenarios[${i}]`);
    if (scenario === null) return;
    c.string(scenario.id, `scenarios[${i}].id`);
    c.string(scenario.name, `scenarios[${i}].name`);
    c.number(scenario.samples, `scenarios[${i}].samples`);
    c.stringArray(scenario.forced, `scenarios[${i}].forced`);
    if (scenario.attack !== null) c.array(scenario.attack, `scenarios[${i}].attack`);
    // Optional (added later): absent in older documents.
    if (scenario.sabotage !== undefined && scenario.sabotage !== null) {
      const sabotage = c.object(scenario.sabotage, `scenarios[${i}].sabotage`);
      if (sabotage !== null) {
        c.number(sabotage.elementBudget, `scenarios[${i}].sabotage.elementBudget`, true);
        c.number(sabotage.costBudget, `scenarios[${i}].sabotage.costBudget`, true);
        c.string(sabotage.targets, `scenarios[${i}].sabotage.targets`);
        c.string(sabotage.strategy, `scenarios[${i}].sabotage.strategy`);
      }
    }
    c.array(scenario.services, `scenarios[${i}].services`)?.forEach((e, j) =>
      checkEstimate(c, e, `scenarios[${i}].services[${j}]`),
    );
  });
  for (const key of ['cutSets', 'comparison']) {
    if (doc[key] !== null) c.object(doc[key], key);
  }
  if (doc.timeSimulation !== null) checkTimeSimulation(c, doc.timeSimulation);
  if (c.problems.length > 0) throw new ReportInputError(file, c.problems);
  return value as ResultDocument;
}
