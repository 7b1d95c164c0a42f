// Layers: logical links (wavelengths, leased circuits) routed over physical links. The one expansion step that
// turns a sample's failed physical elements into the logical links they take down, in three forms over the same rule
// (a down-flag array for the samplers that hold whole states, a failure list for the skip sampler, and words of 32
// samples for the dense-regime loop).
//
//   failed physical segments (own failures, risk-group members, forced, attacked)
//   ──route cut? working AND (no protection OR protection)──> logical link down ──> evaluators see the logical graph

/**
 * Logical links routed over carrier links, in CSR form. Logical link i is element `logicalElement[i]` (a link of the
 * service graph); its working route is elements `routeElement[routeStart[2i] .. routeStart[2i + 1])` and its 1+1
 * protection route `routeElement[routeStart[2i + 1] .. routeStart[2i + 2])` (an empty range: no protection).
 * Route elements are carrier links (never logical links: no nesting). Logical link i is down when its own element
 * fails, or when some element of its working route is down and (it has no protection or some element of its
 * protection route is down). Intermediate nodes of a route do not count (optical pass-through); the logical link's
 * end nodes are nodes of the service graph and fail it there.
 *
 * Elements at or above `serviceElementCount` (= nodeCount + topology.linkCount) are carrier-only links: they fail,
 * are risk-group members and attack targets, but are not part of the service graph.
 */
export interface LayerModel {
  readonly logicalCount: number;
  /** Element index of each logical link, ascending. */
  readonly logicalElement: Uint32Array;
  /** Length 2 * logicalCount + 1; see the interface comment. */
  readonly routeStart: Uint32Array;
  readonly routeElement: Uint32Array;
  /**
   * Reverse index: the logical links (indices into logicalElement) whose working or protection route uses element e
   * are `carrierLogical[carrierStart[e] .. carrierStart[e + 1])`, distinct; carrierStart has length elementCount + 1.
   */
  readonly carrierStart: Uint32Array;
  readonly carrierLogical: Uint32Array;
  /** nodeCount + service-graph link count: elements at or above it are carrier-only (outside the service graph). */
  readonly serviceElementCount: number;
}

/** Builds a LayerModel from per-logical-link routes (element indices); checks that no route uses a logical link. */
export function buildLayerModel(
  elementCount: number,
  serviceElementCount: number,
  routes: ReadonlyArray<{
    readonly element: number;
    readonly working: readonly number[];
    readonly protection: readonly number[];
  }>,
): LayerModel {
  const sorted = [...routes].sort((a, b) => a.element - b.element);
  const logicalCount = sorted.length;
  const isLogical = new Uint8Array(elementCount);
  for (const r of sorted) isLogical[r.element] = 1;
  const routeStart = new Uint32Array(2 * logicalCount + 1);
  const elements: number[] = [];
  sorted.forEach((r, i) => {
    for (const part of [r.working, r.protection]) {
      for (const e of part) {
        if (!(e >= 0 && e < elementCount) || isLogical[e] === 1)
          throw new RangeError(`route element ${e} is not a carrier link`);
        elements.push(e);
      }
    }
    routeStart[2 * i + 1] = routeStart[2 * i] + r.working.length;
    routeStart[2 * i + 2] = routeStart[2 * i + 1] + r.protection.length;
  });
  const carrierSets: Array<Set<number>> = Array.from({ length: elementCount }, () => new Set());
  sorted.forEach((r, i) => [...r.working, ...r.protection].forEach((e) => carrierSets[e].add(i)));
  const carrierStart = new Uint32Array(elementCount + 1);
  for (let e = 0; e < elementCount; e++) carrierStart[e + 1] = carrierStart[e] + carrierSets[e].size;
  const carrierLogical = new Uint32Array(carrierStart[elementCount]);
  carrierSets.forEach((set, e) =>
    [...set].sort((a, b) => a - b).forEach((l, k) => (carrierLogical[carrierStart[e] + k] = l)),
  );
  return {
    logicalCount,
    logicalElement: Uint32Array.from(sorted.map((r) => r.element)),
    routeStart,
    routeElement: Uint32Array.from(elements),
    carrierStart,
    carrierLogical,
    serviceElementCount,
  };
}

/** True when some element of route r (2i: working, 2i + 1: protection of logical link i) is down in `down`. */
function isRouteCut(layers: LayerModel, route: number, down: Uint8Array): boolean {
  const routeElement = layers.routeElement;
  for (let k = layers.routeStart[route]; k < layers.routeStart[route + 1]; k++)
    if (down[routeElement[k]] !== 0) return true;
  return false;
}

/** The samples (bits) of a block in which route r is cut: an element down in the base state cuts it in every one. */
function routeCutWord(layers: LayerModel, route: number, base: Uint8Array, word: Int32Array): number {
  const routeElement = layers.routeElement;
  let cut = 0;
  for (let k = layers.routeStart[route]; k < layers.routeStart[route + 1] && cut !== -1; k++) {
    const e = routeElement[k];
    cut |= base[e] === 1 ? -1 : word[e];
  }
  return cut;
}

/**
 * The expansion on a block of 32 samples (the dense-regime loop): `word[e]` has bit j set where element e is down in
 * sample j, on top of the base state `base`. Sets the bits of each logical link in the samples where the layer rule
 * takes it down and appends the logical links whose word was 0 to `touched`.
 * @returns the new number of entries of `touched`
 */
export function expandLayerWords(
  layers: LayerModel,
  base: Uint8Array,
  word: Int32Array,
  touched: Uint32Array,
  touchedCount: number,
): number {
  const logicalElement = layers.logicalElement;
  const routeStart = layers.routeStart;
  let count = touchedCount;
  for (let i = 0; i < layers.logicalCount; i++) {
    const e = logicalElement[i];
    if (base[e] === 1) continue;
    let cut = routeCutWord(layers, 2 * i, base, word);
    if (cut !== 0 && routeStart[2 * i + 2] > routeStart[2 * i + 1]) cut &= routeCutWord(layers, 2 * i + 1, base, word);
    if (cut === 0) continue;
    if (word[e] === 0) touched[count++] = e;
    word[e] |= cut;
  }
  return count;
}

/**
 * The layer rule for logical link i: true when its working route is cut and its protection route (if any) is cut.
 * Its own failure is not looked at (the caller knows it).
 */
export function isLogicalLinkCut(layers: LayerModel, i: number, down: Uint8Array): boolean {
  if (!isRouteCut(layers, 2 * i, down)) return false;
  const hasProtection = layers.routeStart[2 * i + 2] > layers.routeStart[2 * i + 1];
  return !hasProtection || isRouteCut(layers, 2 * i + 1, down);
}

/**
 * The expansion on a whole state: marks down (1) every logical link whose routes are cut by the down elements of
 * `down` (length elementCount). Idempotent and monotone (route elements are never logical links), so it may run
 * again after more elements are marked down (e.g. a targeted attack on top of a sampled state).
 * @returns the number of logical links it marked down
 */
export function expandLayerState(layers: LayerModel, down: Uint8Array): number {
  let added = 0;
  const logicalElement = layers.logicalElement;
  for (let i = 0; i < layers.logicalCount; i++) {
    const e = logicalElement[i];
    if (down[e] === 0 && isLogicalLinkCut(layers, i, down)) {
      down[e] = 1;
      added++;
    }
  }
  return added;
}

/**
 * The expansion on a failure list (skip sampler): for each failed element of `failed[0..count)` that carries logical
 * links, marks those whose routes are now cut (in `mark`, the whole state: certain and sampled failures) and appends
 * them to the list. Then moves the carrier-only elements (outside the service graph) to the end of the list, so that
 * the evaluators, given the returned count, see only service-graph failures.
 * @param failed the failure list, with room for elementCount entries
 * @returns [service-visible count, total count] in `out` (out[0] <= out[1]); the total is what must be unmarked
 */
export function expandLayerFailureList(
  layers: LayerModel,
  mark: Uint8Array,
  failed: Uint32Array,
  count: number,
  out: Uint32Array,
): void {
  let total = count;
  const carrierStart = layers.carrierStart;
  const carrierLogical = layers.carrierLogical;
  const logicalElement = layers.logicalElement;
  for (let f = 0; f < count; f++) {
    const e = failed[f];
    for (let c = carrierStart[e]; c < carrierStart[e + 1]; c++) {
      const i = carrierLogical[c];
      const l = logicalElement[i];
      if (mark[l] === 0 && isLogicalLinkCut(layers, i, mark)) {
        mark[l] = 1;
        failed[total++] = l;
      }
    }
  }
  // Partition: service-graph elements first (order otherwise irrelevant), carrier-only elements last.
  const limit = layers.serviceElementCount;
  let visible = 0;
  for (let f = 0; f < total; f++) {
    const e = failed[f];
    if (e < limit) {
      failed[f] = failed[visible];
      failed[visible++] = e;
    }
  }
  out[0] = visible;
  out[1] = total;
}

/** Marks the route elements (working and protection) of every logical link flagged in `flags` (length elementCount). */
export function markRouteElements(layers: LayerModel, flags: Uint8Array): void {
  for (let i = 0; i < layers.logicalCount; i++) {
    if (flags[layers.logicalElement[i]] === 0) continue;
    for (let k = layers.routeStart[2 * i]; k < layers.routeStart[2 * i + 2]; k++) flags[layers.routeElement[k]] = 1;
  }
}

/** What a failure does to one logical link: which of its routes it cuts. */
export interface LogicalLinkCut {
  /** Index into `layers.logicalElement`. */
  readonly logical: number;
  readonly workingCut: boolean;
  /** Null when the link has no protection route. */
  readonly protectionCut: boolean | null;
}

/**
 * The logical links the down elements of `down` take down through their routes (not by their own failure), with the
 * routes they cut: "one duct takes down circuits A and B (working and protection)".
 * @param down length elementCount; not modified
 */
export function listLogicalLinkCuts(layers: LayerModel, down: Uint8Array): LogicalLinkCut[] {
  const cuts: LogicalLinkCut[] = [];
  for (let i = 0; i < layers.logicalCount; i++) {
    if (!isLogicalLinkCut(layers, i, down)) continue;
    const hasProtection = layers.routeStart[2 * i + 2] > layers.routeStart[2 * i + 1];
    cuts.push({ logical: i, workingCut: true, protectionCut: hasProtection ? true : null });
  }
  return cuts;
}
