// Human names for element ids in a result document: sites by name, links as "A–B", risk groups by name, so charts,
// tables and the summary never show a bare id where a reader expects a place.

import type { ResultDocument } from '../../engine/index.ts';

/** What an id in a result document refers to. */
export type ElementKind = 'node' | 'link' | 'group' | 'unknown';

/** A labelled element. */
export interface ElementLabel {
  readonly id: string;
  readonly kind: ElementKind;
  /** Human name, e.g. "Den Haag core" or "Den Haag core–Utrecht core". */
  readonly label: string;
  /** The name short enough for a chart label: site names up to their first bracket or comma (see shortSiteName). */
  readonly shortLabel: string;
}

/** Longest short site name in characters. */
const MAX_SHORT_CHARS = 30;

/**
 * A site's name short enough for a chart: up to its first " (" or ", ", then cut at a word with "…" beyond 30
 * characters. "Vliegbasis Eindhoven (EHEH; military ATC …)" becomes "Vliegbasis Eindhoven".
 */
export function shortSiteName(name: string): string {
  const head = name.split(/ \(|, /)[0] ?? name;
  if ([...head].length <= MAX_SHORT_CHARS) return head;
  const cut = head.slice(0, MAX_SHORT_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_SHORT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Looks up labels of node, link and risk-group ids; unknown ids label as themselves. */
export interface ElementLabeler {
  readonly labelOf: (id: string) => ElementLabel;
  readonly serviceName: (serviceId: string) => string;
  readonly scenarioName: (scenarioId: string) => string;
}

/** Human name of an element kind, for prose and legends. */
export const ELEMENT_KIND_NAMES: Readonly<Record<ElementKind, string>> = {
  node: 'site',
  link: 'link',
  group: 'risk group',
  unknown: 'element',
};

/** Builds the labeler of one document (ids are unique among nodes, links and risk groups). */
export function createElementLabeler(doc: ResultDocument): ElementLabeler {
  const labels = new Map<string, ElementLabel>();
  const siteNames = new Map(doc.model.sites.map((s) => [s.id, s.name]));
  for (const site of doc.model.sites)
    labels.set(site.id, { id: site.id, kind: 'node', label: site.name, shortLabel: shortSiteName(site.name) });
  for (const link of doc.model.links) {
    const from = siteNames.get(link.from) ?? link.from;
    const to = siteNames.get(link.to) ?? link.to;
    labels.set(link.id, {
      id: link.id,
      kind: 'link',
      label: `${from}–${to}`,
      shortLabel: `${shortSiteName(from)}–${shortSiteName(to)}`,
    });
  }
  for (const group of doc.model.riskGroups)
    labels.set(group.id, { id: group.id, kind: 'group', label: group.name, shortLabel: group.name });
  const serviceNames = new Map(doc.model.services.map((s) => [s.id, s.name]));
  const scenarioNames = new Map(doc.scenarios.map((s) => [s.id, s.name]));
  return {
    labelOf: (id) => labels.get(id) ?? { id, kind: 'unknown', label: id, shortLabel: id },
    serviceName: (serviceId) => serviceNames.get(serviceId) ?? serviceId,
    scenarioName: (scenarioId) => scenarioNames.get(scenarioId) ?? scenarioId,
  };
}
