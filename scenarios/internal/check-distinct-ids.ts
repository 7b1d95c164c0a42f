// Lists of ids in which a repeat means nothing (forced elements, a study's services, a selector's ids): an id named
// again is reported at its second position, so a typo for another id does not pass as a harmless repeat.

import type { DiagnosticCollector } from '../diagnostic-collector.ts';
import { MESSAGES } from '../messages.ts';
import { formatPath } from '../scenario-error.ts';

type Path = ReadonlyArray<string | number>;

/**
 * Reports every id of the list at `path` that repeats an earlier one (at its own position, naming the first), and
 * calls `visitFirst` with each id at its first position, in list order. Items that are not texts are left to the
 * schema and skipped.
 * @returns true when no id was repeated
 */
export function checkDistinctIds(
  collector: DiagnosticCollector,
  path: Path,
  ids: readonly unknown[],
  visitFirst: (id: string, index: number) => void = () => undefined,
): boolean {
  const firstIndex = new Map<string, number>();
  let distinct = true;
  ids.forEach((id, k) => {
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, k);
      visitFirst(id, k);
      return;
    }
    // In a merged document (a topology that extends another) the first position is named as in its own file.
    const firstPath = [...path, first];
    collector.error(
      [...path, k],
      MESSAGES.repeatedId(id, formatPath(collector.source.locate(firstPath).path ?? firstPath)),
    );
    distinct = false;
  });
  return distinct;
}
