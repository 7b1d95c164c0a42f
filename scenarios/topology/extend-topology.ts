// Topology variants: a topology file may `extends` another (or the embedded default) and add, replace or
// remove elements, so a planner writes "plan B" as a small delta ("a second route to Den Helder") instead of a
// copy. The merge is done on plain data before validation; every merged entry remembers the file and index it
// came from, so diagnostics still point at the right file, line and field.

import { isRecord } from '../diagnostic-collector.ts';
import type { SourceDocument, SourceLocation } from '../source-document.ts';

/** Lists merged by id: an entry of the extending file replaces the base entry with the same id. */
const MERGED_LISTS = ['nodes', 'links', 'riskGroups', 'services', 'crews'] as const;
/** Fields that only make sense in the extending file and are consumed by the merge. */
export const EXTENSION_FIELDS = [
  'extends',
  'removeNodes',
  'removeLinks',
  'removeRiskGroups',
  'removeServices',
  'removeCrews',
] as const;

interface Origin {
  readonly document: SourceDocument;
  readonly key: string;
  readonly index: number;
}

function idOf(entry: unknown): string | null {
  return isRecord(entry) && typeof entry.id === 'string' ? entry.id : null;
}

function stringList(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}

/** The value of `extends` in a parsed topology, or null. */
export function readExtends(document: SourceDocument): string | null {
  const root = document.value;
  return isRecord(root) && typeof root.extends === 'string' ? root.extends : null;
}

/**
 * Merges an extending topology over its base. Removal lists drop base entries (removing a node also drops its
 * links); entries with an existing id replace the base entry in place; new entries are appended.
 */
export function extendTopologyDocument(own: SourceDocument, base: SourceDocument): SourceDocument {
  const ownValue = isRecord(own.value) ? own.value : {};
  const baseValue = isRecord(base.value) ? base.value : {};
  const removed: Record<(typeof MERGED_LISTS)[number], Set<string>> = {
    nodes: stringList(ownValue.removeNodes),
    links: stringList(ownValue.removeLinks),
    riskGroups: stringList(ownValue.removeRiskGroups),
    services: stringList(ownValue.removeServices),
    crews: stringList(ownValue.removeCrews),
  };
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ownValue)) {
    if (!(EXTENSION_FIELDS as readonly string[]).includes(key)) merged[key] = value;
  }
  const origins = new Map<string, Origin[]>();
  for (const key of MERGED_LISTS) {
    const baseList = Array.isArray(baseValue[key]) ? (baseValue[key] as unknown[]) : [];
    const ownList = Array.isArray(ownValue[key]) ? (ownValue[key] as unknown[]) : [];
    const entries: unknown[] = [];
    const from: Origin[] = [];
    const position = new Map<string, number>();
    baseList.forEach((entry, index) => {
      const id = idOf(entry);
      if (id !== null && removed[key].has(id)) return;
      if (key === 'links' && isRecord(entry) && (removed.nodes.has(String(entry.from)) || removed.nodes.has(String(entry.to)))) return;
      if (id !== null) position.set(id, entries.length);
      entries.push(entry);
      from.push({ document: base, key, index });
    });
    ownList.forEach((entry, index) => {
      const id = idOf(entry);
      const at = id === null ? undefined : position.get(id);
      if (at !== undefined) {
        entries[at] = entry;
        from[at] = { document: own, key, index };
      } else {
        entries.push(entry);
        from.push({ document: own, key, index });
      }
    });
    if (entries.length > 0 || key in baseValue || key in ownValue) merged[key] = entries;
    origins.set(key, from);
  }
  const baseDefaults = isRecord(baseValue.defaults) ? baseValue.defaults : {};
  const ownDefaults = isRecord(ownValue.defaults) ? ownValue.defaults : {};
  merged.defaults = {
    nodes: { ...(isRecord(baseDefaults.nodes) ? baseDefaults.nodes : {}), ...(isRecord(ownDefaults.nodes) ? ownDefaults.nodes : {}) },
    links: { ...(isRecord(baseDefaults.links) ? baseDefaults.links : {}), ...(isRecord(ownDefaults.links) ? ownDefaults.links : {}) },
  };
  const locate = (path: ReadonlyArray<string | number>): SourceLocation => {
    const [key, index, ...rest] = path;
    const list = typeof key === 'string' ? origins.get(key) : undefined;
    if (list !== undefined && typeof index === 'number' && list[index] !== undefined) {
      const origin = list[index];
      const originPath = [origin.key, origin.index, ...rest];
      return { ...origin.document.locate(originPath), file: origin.document.file, path: originPath };
    }
    if (key === 'defaults' && typeof index === 'string') {
      const group = ownDefaults[index];
      const fromOwn = isRecord(group) && typeof rest[0] === 'string' && rest[0] in group;
      const document = fromOwn ? own : base;
      return { ...document.locate(path), file: document.file };
    }
    return { ...own.locate(path), file: own.file };
  };
  return { file: own.file, value: merged, locate };
}
