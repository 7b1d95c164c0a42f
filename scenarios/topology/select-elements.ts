// Risk-group and override selectors: which nodes and links a selector picks, by id, kind, medium, attributes
// or geography. Within one selector every criterion must hold; a list of selectors is their union.

import { greatCircleKm } from '../geo.ts';
import type { AttributeValue, ModelLink, ModelNode } from './topology-model.ts';
import type { SelectorEntry } from './topology-schema.ts';

interface Selectable {
  readonly nodes: readonly ModelNode[];
  readonly links: readonly ModelLink[];
}

function asList<T>(value: T | readonly T[] | undefined): readonly T[] | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function matchesWhere(
  attributes: Readonly<Record<string, AttributeValue>>,
  where: SelectorEntry['where'],
): boolean {
  if (where === undefined) return true;
  for (const [key, expected] of Object.entries(where)) {
    const actual = attributes[key];
    if (actual === undefined) return false;
    const options = Array.isArray(expected) ? expected : [expected];
    if (!options.some((o) => String(o) === String(actual))) return false;
  }
  return true;
}

function nodeWithin(node: ModelNode, within: NonNullable<SelectorEntry['within']>): boolean {
  if (node.lat === null || node.lon === null) return false;
  return greatCircleKm(node.lat, node.lon, within.lat, within.lon) <= within.radiusKm;
}

/**
 * Ids of the nodes and links a selector (or list of selectors) picks, nodes first, each in model order,
 * without duplicates. A link is within a footprint when an end node or its midpoint is.
 */
export function selectElements(model: Selectable, select: SelectorEntry | readonly SelectorEntry[]): string[] {
  const selectors = Array.isArray(select) ? (select as readonly SelectorEntry[]) : [select as SelectorEntry];
  const nodeById = new Map(model.nodes.map((n) => [n.id, n]));
  const chosen = new Set<string>();
  for (const selector of selectors) {
    const ids = selector.ids === undefined ? null : new Set(selector.ids);
    const elements = selector.elements ?? (selector.medium !== undefined ? 'links' : selector.kind !== undefined ? 'nodes' : 'all');
    const kinds = asList(selector.kind);
    const media = asList(selector.medium);
    if (elements !== 'links') {
      for (const node of model.nodes) {
        if (ids !== null && !ids.has(node.id)) continue;
        if (kinds !== null && !kinds.includes(node.kind)) continue;
        if (media !== null) continue;
        if (!matchesWhere(node.attributes, selector.where)) continue;
        if (selector.within !== undefined && !nodeWithin(node, selector.within)) continue;
        chosen.add(node.id);
      }
    }
    if (elements !== 'nodes') {
      for (const link of model.links) {
        if (ids !== null && !ids.has(link.id)) continue;
        if (kinds !== null) continue;
        if (media !== null && !media.includes(link.medium)) continue;
        if (!matchesWhere(link.attributes, selector.where)) continue;
        if (selector.within !== undefined && !linkWithin(link, nodeById, selector.within)) continue;
        chosen.add(link.id);
      }
    }
  }
  const ordered: string[] = [];
  for (const node of model.nodes) if (chosen.has(node.id)) ordered.push(node.id);
  for (const link of model.links) if (chosen.has(link.id)) ordered.push(link.id);
  return ordered;
}

function linkWithin(
  link: ModelLink,
  nodeById: ReadonlyMap<string, ModelNode>,
  within: NonNullable<SelectorEntry['within']>,
): boolean {
  const a = nodeById.get(link.from);
  const b = nodeById.get(link.to);
  if (a === undefined || b === undefined) return false;
  if (nodeWithin(a, within) || nodeWithin(b, within)) return true;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  const midLat = (a.lat + b.lat) / 2;
  const midLon = (a.lon + b.lon) / 2;
  return greatCircleKm(midLat, midLon, within.lat, within.lon) <= within.radiusKm;
}
