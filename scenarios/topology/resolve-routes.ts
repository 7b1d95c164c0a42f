// Layers: resolves the routes of logical links (`over`, `protection`) over the physical links (`layer: physical`),
// given or computed (shortest, disjoint-shortest), and reports every mistake at its link, field and list position.
//
//   link entries ──given route: known, physical, not repeated, a path from `from` to `to`──> working route
//                ──shortest: Dijkstra over physical links by delay──> working route
//                ──protection: the same, and disjoint from the working route (disjoint-shortest: the working route's
//                  links removed; none left: say so)──> ModelLink.route

import type { DiagnosticCollector } from '../diagnostic-collector.ts';
import { MESSAGES } from '../messages.ts';
import type { ModelLink, ModelRoute } from './topology-model.ts';
import { ROUTE_DISJOINT_SHORTEST, ROUTE_SHORTEST, type LinkEntry } from './topology-schema.ts';

type Path = Array<string | number>;

/** One-way delay per km of fibre, in ms (5 µs/km), as the latency services use. */
const DELAY_MS_PER_KM = 0.005;
/** Weight of a physical link with neither a delay nor a length (one hop), in ms. */
const HOP_WEIGHT_MS = 1;

/**
 * The weight of a physical link for computed routes, in ms: its delay, else its length at 5 µs/km, else
 * HOP_WEIGHT_MS.
 */
export function routeWeightMs(link: ModelLink): number {
  if (link.delayMs !== undefined && link.delayMs !== null) return link.delayMs;
  if (link.lengthKm !== null) return link.lengthKm * DELAY_MS_PER_KM;
  return HOP_WEIGHT_MS;
}

/**
 * Resolves every logical link's routes and returns the links with `route` set (physical links keep `physical`), or
 * null when an error was reported.
 * @param links the validated links, in file order
 * @param entries each link's file entry and path, by id
 */
export function resolveLinkRoutes(
  collector: DiagnosticCollector,
  links: readonly ModelLink[],
  entries: ReadonlyMap<string, { readonly entry: LinkEntry; readonly path: Path }>,
): ModelLink[] | null {
  const before = collector.errorCount;
  const byId = new Map(links.map((l) => [l.id, l]));
  const physical = links.filter((l) => l.physical === true);
  const out = links.map((link): ModelLink => {
    const found = entries.get(link.id);
    if (found === undefined) return link;
    const { entry, path } = found;
    if (entry.over === undefined) {
      if (entry.protection !== undefined) collector.error([...path, 'protection'], MESSAGES.protectionWithoutRoute());
      return link;
    }
    if (link.physical === true) {
      collector.error([...path, 'over'], MESSAGES.physicalRouted());
      return link;
    }
    const working =
      entry.over === ROUTE_SHORTEST
        ? computeRoute(collector, [...path, 'over'], link, physical, new Set(), null)
        : checkGivenRoute(collector, [...path, 'over'], link, entry.over, byId, entries, null);
    if (working === null) return link;
    let protection: string[] | null = null;
    if (entry.protection !== undefined) {
      protection =
        entry.protection === ROUTE_DISJOINT_SHORTEST
          ? computeRoute(collector, [...path, 'protection'], link, physical, new Set(working), working)
          : checkGivenRoute(collector, [...path, 'protection'], link, entry.protection, byId, entries, new Set(working));
      if (protection === null) return link;
    }
    const route: ModelRoute = { working, protection };
    return { ...link, route };
  });
  return collector.errorCount > before ? null : out;
}

/** Checks a given route: known physical links, none twice, none on `avoid` (the working route), a path from to. */
function checkGivenRoute(
  collector: DiagnosticCollector,
  path: Path,
  link: ModelLink,
  ids: readonly string[],
  byId: ReadonlyMap<string, ModelLink>,
  entries: ReadonlyMap<string, { readonly entry: LinkEntry }>,
  avoid: ReadonlySet<string> | null,
): string[] | null {
  let ok = true;
  const seen = new Set<string>();
  ids.forEach((id, k) => {
    const segment = byId.get(id);
    if (segment === undefined) {
      // A link whose own entry was invalid is not reported again here.
      if (!entries.has(id)) collector.error([...path, k], MESSAGES.unknownLink(id));
      ok = false;
    } else if (entries.get(id)?.entry.over !== undefined) {
      collector.error([...path, k], MESSAGES.routeOverLogical(id));
      ok = false;
    } else if (segment.physical !== true) {
      collector.error([...path, k], MESSAGES.routeOverServiceLink(id));
      ok = false;
    } else if (seen.has(id)) {
      collector.error([...path, k], MESSAGES.repeatedRouteLink(id));
      ok = false;
    } else if (avoid?.has(id) === true) {
      collector.error([...path, k], MESSAGES.routesShareLink(id));
      ok = false;
    }
    seen.add(id);
  });
  if (!ok) return null;
  // Walk the route from `from`: each link must continue from the node reached so far, and it must end at `to`.
  let at = link.from;
  for (let k = 0; k < ids.length; k++) {
    const segment = byId.get(ids[k]);
    if (segment === undefined) return null;
    if (segment.from === at) at = segment.to;
    else if (segment.to === at) at = segment.from;
    else {
      const detail = `link "${segment.id}" (${segment.from}–${segment.to}) does not continue from node "${at}"`;
      collector.error([...path, k], MESSAGES.routeNotPath(link.from, link.to, detail));
      return null;
    }
  }
  if (at !== link.to) {
    collector.error(path, MESSAGES.routeNotPath(link.from, link.to, `it ends at node "${at}"`));
    return null;
  }
  return [...ids];
}

/**
 * The shortest route of physical links from `link.from` to `link.to` by routeWeightMs, avoiding `avoid` (Dijkstra
 * 1959 with a linear scan: topologies have hundreds of nodes; ties broken by node and link order, so the route is a
 * pure function of the file). Reports and returns null when none exists.
 * @param working the working route when computing a disjoint protection route (for the message), else null
 */
function computeRoute(
  collector: DiagnosticCollector,
  path: Path,
  link: ModelLink,
  physical: readonly ModelLink[],
  avoid: ReadonlySet<string>,
  working: readonly string[] | null,
): string[] | null {
  const usable = physical.filter((l) => !avoid.has(l.id));
  const distance = new Map<string, number>([[link.from, 0]]);
  const via = new Map<string, ModelLink>();
  const done = new Set<string>();
  const nodes = [...new Set(usable.flatMap((l) => [l.from, l.to]))];
  for (;;) {
    let current: string | null = null;
    let best = Infinity;
    for (const v of nodes) {
      const d = distance.get(v);
      if (d !== undefined && !done.has(v) && d < best) {
        best = d;
        current = v;
      }
    }
    if (current === null || current === link.to) break;
    done.add(current);
    for (const l of usable) {
      const other = l.from === current ? l.to : l.to === current ? l.from : null;
      if (other === null || done.has(other)) continue;
      const d = best + routeWeightMs(l);
      if (d < (distance.get(other) ?? Infinity)) {
        distance.set(other, d);
        via.set(other, l);
      }
    }
  }
  if (!distance.has(link.to)) {
    collector.error(path, working === null ? MESSAGES.noPhysicalRoute(link.from, link.to) : MESSAGES.noDisjointRoute(link.from, link.to, working));
    return null;
  }
  const route: string[] = [];
  for (let v = link.to; v !== link.from; ) {
    const l = via.get(v);
    if (l === undefined) return null;
    route.push(l.id);
    v = l.from === v ? l.to : l.from;
  }
  return route.reverse();
}
