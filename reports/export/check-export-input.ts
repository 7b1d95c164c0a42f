// Checks the parts of a result document the exports read beyond what checkResultDocument covers: coordinates in
// WGS84 range, cut sets and attacks well formed, and every element and service id they name known to the model.
// A drill that names an element the model does not have would send an exercise team after the wrong cable.

import { isServiceKind, SERVICE_KIND_NAMES, type ResultDocument } from '../../engine/index.ts';
import { ReportInputError, type ResultDocumentProblem } from '../report-errors.ts';

type Json = unknown;

/** "'a', 'b' or 'c'": the service kinds the engine knows. */
function describeKnownKinds(): string {
  const quoted = SERVICE_KIND_NAMES.map((kind) => `'${kind}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: Json): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Collects problems with their field paths. */
class ExportInputChecker {
  readonly problems: ResultDocumentProblem[] = [];

  report(path: string, expected: string, value: Json): void {
    this.problems.push({ path, expected, received: describe(value) });
  }

  array(value: Json, path: string): readonly Json[] {
    if (Array.isArray(value)) return value;
    this.report(path, 'an array', value);
    return [];
  }

  record(value: Json, path: string): Record<string, Json> | null {
    if (isRecord(value)) return value;
    this.report(path, 'an object', value);
    return null;
  }

  string(value: Json, path: string): void {
    if (typeof value !== 'string') this.report(path, 'a string', value);
  }

  finite(value: Json, path: string, nullable = false): void {
    if (nullable && value === null) return;
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.report(path, nullable ? 'a finite number or null' : 'a finite number', value);
  }

  boolean(value: Json, path: string): void {
    if (typeof value !== 'boolean') this.report(path, 'true or false', value);
  }

  /** A number in [lo, hi] (both included) or null. */
  rangeOrNull(value: Json, path: string, lo: number, hi: number, what: string): void {
    if (value === null) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi)
      this.report(path, `${what} in [${lo}, ${hi}] or null`, value);
  }

  /** A list of ids, each one of `known`. */
  knownIds(value: Json, path: string, known: ReadonlySet<string>, what: string): void {
    this.array(value, path).forEach((id, i) => {
      if (typeof id !== 'string' || !known.has(id)) this.report(`${path}[${i}]`, what, id);
    });
  }
}

/**
 * Checks what the GeoJSON and drill exports read, on a document that has passed checkResultDocument.
 * @param file the file name used in messages
 * @throws ReportInputError listing every problem found
 */
export function checkExportInput(doc: ResultDocument, file: string): ResultDocument {
  const c = new ExportInputChecker();
  const raw = doc as unknown as Record<string, Json>;
  const model = raw.model as Record<string, Json>;
  const sites = c.array(model.sites, 'model.sites');
  const links = c.array(model.links, 'model.links');
  const services = c.array(model.services, 'model.services');
  const groups = c.array(model.riskGroups, 'model.riskGroups');
  const idsOf = (items: readonly Json[]) =>
    new Set(items.flatMap((item) => (isRecord(item) && typeof item.id === 'string' ? [item.id] : [])));
  const elementIds = new Set([...idsOf(sites), ...idsOf(links), ...idsOf(groups)]);
  const serviceIds = idsOf(services);
  const elementWhat = 'a site, link or risk-group id of model';
  const serviceWhat = 'a service id of model.services';

  sites.forEach((s, i) => {
    const site = c.record(s, `model.sites[${i}]`);
    if (site === null) return;
    c.string(site.kind, `model.sites[${i}].kind`);
    c.rangeOrNull(site.lat, `model.sites[${i}].lat`, -90, 90, 'a latitude');
    c.rangeOrNull(site.lon, `model.sites[${i}].lon`, -180, 180, 'a longitude');
    const attributes = c.record(site.attributes, `model.sites[${i}].attributes`);
    for (const [key, value] of Object.entries(attributes ?? {})) {
      if (!['string', 'number', 'boolean'].includes(typeof value))
        c.report(`model.sites[${i}].attributes.${key}`, 'a text, number or true/false', value);
    }
  });
  links.forEach((l, i) => {
    if (!isRecord(l)) return;
    c.finite(l.lengthKm, `model.links[${i}].lengthKm`, true);
  });
  services.forEach((s, i) => {
    if (!isRecord(s)) return;
    if (!isServiceKind(s.kind)) c.report(`model.services[${i}].kind`, describeKnownKinds(), s.kind);
  });
  groups.forEach((g, i) => {
    if (!isRecord(g)) return;
    c.finite(g.eventProbability, `model.riskGroups[${i}].eventProbability`);
  });

  c.array(raw.scenarios, 'scenarios').forEach((s, i) => {
    if (!isRecord(s)) return;
    c.string(s.description, `scenarios[${i}].description`);
    if (s.attack !== null) {
      c.array(s.attack, `scenarios[${i}].attack`).forEach((a, j) => {
        const path = `scenarios[${i}].attack[${j}]`;
        const attack = c.record(a, path);
        if (attack === null) return;
        if (typeof attack.serviceId !== 'string' || !serviceIds.has(attack.serviceId))
          c.report(`${path}.serviceId`, serviceWhat, attack.serviceId);
        c.string(attack.strategy, `${path}.strategy`);
        c.knownIds(attack.elements, `${path}.elements`, elementIds, elementWhat);
        c.finite(attack.cost, `${path}.cost`);
        c.boolean(attack.disconnects, `${path}.disconnects`);
        c.boolean(attack.proven, `${path}.proven`);
      });
    }
    c.array(s.services, `scenarios[${i}].services`).forEach((e, j) => {
      if (!isRecord(e)) return;
      if (typeof e.serviceId !== 'string' || !serviceIds.has(e.serviceId))
        c.report(`scenarios[${i}].services[${j}].serviceId`, serviceWhat, e.serviceId);
      if (!Array.isArray(e.importance)) return;
      e.importance.forEach((entry, k) => {
        if (!isRecord(entry)) return;
        const kind = entry.elementKind;
        if (kind !== 'node' && kind !== 'link' && kind !== 'group') {
          c.report(`scenarios[${i}].services[${j}].importance[${k}].elementKind`, "'node', 'link' or 'group'", kind);
        }
      });
    });
  });

  if (raw.cutSets !== null) {
    const cutSets = raw.cutSets as Record<string, Json>;
    c.finite(cutSets.maxOrder, 'cutSets.maxOrder');
    c.array(cutSets.services, 'cutSets.services').forEach((s, i) => {
      const path = `cutSets.services[${i}]`;
      const service = c.record(s, path);
      if (service === null) return;
      if (typeof service.serviceId !== 'string' || !serviceIds.has(service.serviceId))
        c.report(`${path}.serviceId`, serviceWhat, service.serviceId);
      c.boolean(service.truncated, `${path}.truncated`);
      c.array(service.cutSets, `${path}.cutSets`).forEach((cs, j) => {
        const cut = c.record(cs, `${path}.cutSets[${j}]`);
        if (cut === null) return;
        c.finite(cut.order, `${path}.cutSets[${j}].order`);
        c.knownIds(cut.elements, `${path}.cutSets[${j}].elements`, elementIds, elementWhat);
      });
    });
  }

  if (c.problems.length > 0) throw new ReportInputError(file, c.problems);
  return doc;
}
