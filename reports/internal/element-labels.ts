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
  for (const site of doc.model.sites) labels.set(site.id, { id: site.id, kind: 'node', label: site.name });
  for (const link of doc.model.links) {
    const label = `${siteNames.get(link.from) ?? link.from}–${siteNames.get(link.to) ?? link.to}`;
    labels.set(link.id, { id: link.id, kind: 'link', label });
  }
  for (const group of doc.model.riskGroups) labels.set(group.id, { id: group.id, kind: 'group', label: group.name });
  const serviceNames = new Map(doc.model.services.map((s) => [s.id, s.name]));
  const scenarioNames = new Map(doc.scenarios.map((s) => [s.id, s.name]));
  return {
    labelOf: (id) => labels.get(id) ?? { id, kind: 'unknown', label: id },
    serviceName: (serviceId) => serviceNames.get(serviceId) ?? serviceId,
    scenarioName: (scenarioId) => scenarioNames.get(scenarioId) ?? scenarioId,
  };
}
