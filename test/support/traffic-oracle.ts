// Test support: independent, deliberately plain implementations of what the traffic-aware service kinds compute
// (maximum flow by Edmonds-Karp on a capacity matrix, Dijkstra by array scan, minimum cuts by brute force), the
// oracles the engine's allocation-free versions are tested against. Also the bench's straightforward baseline.

/** An undirected link of an oracle network. */
export interface OracleLink {
  readonly a: number;
  readonly b: number;
  /** Capacity (max-flow) or delay (shortest paths). */
  readonly value: number;
}

/**
 * Maximum flow from the set `sources` to the set `sinks` over the links (undirected: capacity in each direction),
 * by Edmonds-Karp (BFS augmenting paths, Edmonds and Karp 1972) on a dense capacity matrix with a super source and
 * a super sink. Infinity when a node is in both sets.
 */
export function oracleMaxFlow(nodeCount: number, links: readonly OracleLink[], sources: readonly number[], sinks: readonly number[]): number {
  if (sources.some((s) => sinks.includes(s))) return Infinity;
  const size = nodeCount + 2;
  const S = nodeCount;
  const T = nodeCount + 1;
  const cap: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const l of links) {
    cap[l.a][l.b] += l.value;
    cap[l.b][l.a] += l.value;
  }
  const big = 1 + links.reduce((sum, l) => sum + l.value, 0);
  for (const s of sources) cap[S][s] = big;
  for (const t of sinks) cap[t][T] = big;
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(size).fill(-1);
    parent[S] = S;
    const queue = [S];
    while (queue.length > 0 && parent[T] < 0) {
      const u = queue.shift() as number;
      for (let v = 0; v < size; v++) {
        if (parent[v] < 0 && cap[u][v] > 1e-12) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[T] < 0) return flow;
    let push = Infinity;
    for (let v = T; v !== S; v = parent[v]) push = Math.min(push, cap[parent[v]][v]);
    for (let v = T; v !== S; v = parent[v]) {
      cap[parent[v]][v] -= push;
      cap[v][parent[v]] += push;
    }
    flow += push;
  }
}

/** Shortest-path delay from the nearest of `sources` to every node by Dijkstra (1959) with a linear scan, O(n^2 + m). */
export function oracleDelays(nodeCount: number, links: readonly OracleLink[], sources: readonly number[]): number[] {
  const distance = new Array<number>(nodeCount).fill(Infinity);
  const done = new Array<boolean>(nodeCount).fill(false);
  for (const s of sources) distance[s] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < nodeCount; v++) if (!done[v] && distance[v] < Infinity && (u < 0 || distance[v] < distance[u])) u = v;
    if (u < 0) return distance;
    done[u] = true;
    for (const l of links) {
      const w = l.a === u ? l.b : l.b === u ? l.a : -1;
      if (w >= 0 && distance[u] + l.value < distance[w]) distance[w] = distance[u] + l.value;
    }
  }
}

/** Whether `from` reaches some node of `to` over `links` with the given links and nodes removed. */
function reachesAny(nodeCount: number, links: readonly OracleLink[], from: number, to: readonly number[], cutLinks: ReadonlySet<number>, cutNodes: ReadonlySet<number>): boolean {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const u = queue.shift() as number;
    if (to.includes(u)) return true;
    links.forEach((l, j) => {
      if (cutLinks.has(j)) return;
      const w = l.a === u ? l.b : l.b === u ? l.a : -1;
      if (w < 0 || seen.has(w) || cutNodes.has(w)) return;
      seen.add(w);
      queue.push(w);
    });
  }
  void nodeCount;
  return false;
}

/**
 * The smallest number of links (or, with `nodes`, of links and nodes other than `from` and the `to` nodes) whose
 * removal separates `from` from every `to` node, by brute force over subsets in increasing size; Infinity when
 * `from` is a `to` node. By Menger's theorem (1927) it equals the number of disjoint paths.
 */
export function oracleMinCut(nodeCount: number, links: readonly OracleLink[], from: number, to: readonly number[], nodes: boolean): number {
  if (to.includes(from)) return Infinity;
  const items: Array<{ link: number } | { node: number }> = links.map((_, j) => ({ link: j }));
  if (nodes) for (let v = 0; v < nodeCount; v++) if (v !== from && !to.includes(v)) items.push({ node: v });
  for (let size = 0; size <= items.length; size++) {
    let found = false;
    const choose = (start: number, chosen: typeof items): void => {
      if (found) return;
      if (chosen.length === size) {
        const cutLinks = new Set(chosen.flatMap((i) => ('link' in i ? [i.link] : [])));
        const cutNodes = new Set(chosen.flatMap((i) => ('node' in i ? [i.node] : [])));
        if (!reachesAny(nodeCount, links, from, to, cutLinks, cutNodes)) found = true;
        return;
      }
      for (let i = start; i < items.length; i++) choose(i + 1, [...chosen, items[i]]);
    };
    choose(0, []);
    if (found) return size;
  }
  return items.length;
}

/** A demand matrix as {@link oracleRouteTraffic} reads it (plain arrays). */
export interface OracleMatrix {
  readonly nodeCount: number;
  /** Links as [a, b] node pairs, in link-index order. */
  readonly links: ReadonlyArray<readonly [number, number]>;
  /** Positive integer metric per link (Infinity: unusable). */
  readonly cost: readonly number[];
  /** Capacity per link and direction. */
  readonly capacity: readonly number[];
  readonly demands: ReadonlyArray<{ readonly source: number; readonly target: number; readonly volume: number }>;
  /** Whether lost volume is restored; default true. */
  readonly restoration?: boolean;
}

/** A simple path as its arcs: link index and direction (0: a to b). */
interface OraclePath {
  readonly arcs: Array<{ link: number; forward: boolean }>;
  readonly nodes: number[];
  readonly cost: number;
}

/** Every simple path from s to t over the arcs `usable` allows, by depth-first enumeration (small graphs only). */
function enumerateSimplePaths(m: OracleMatrix, s: number, t: number, usable: (link: number, forward: boolean) => boolean): OraclePath[] {
  const paths: OraclePath[] = [];
  const visit = (u: number, nodes: number[], arcs: Array<{ link: number; forward: boolean }>, cost: number): void => {
    if (u === t) {
      paths.push({ arcs: [...arcs], nodes: [...nodes], cost });
      return;
    }
    m.links.forEach(([a, b], link) => {
      for (const forward of [true, false]) {
        const from = forward ? a : b;
        const to = forward ? b : a;
        if (from !== u || nodes.includes(to) || !usable(link, forward) || m.cost[link] === Infinity) continue;
        visit(to, [...nodes, to], [...arcs, { link, forward }], cost + m.cost[link]);
      }
    });
  };
  visit(s, [s], [], 0);
  return paths;
}

/**
 * Served volume per demand, straightforwardly: the working routing as explicit shortest paths of the intact network,
 * each with its ECMP share (the product over its nodes of 1 / the node's number of next hops on shortest paths), a
 * path surviving when all its nodes and links are up; then, in demand order, restoration of the lost volume over the
 * cheapest simple path with room on every arc (ties: the lexicographically smallest link-index sequence), repeated.
 * @param failed element indices down (nodes 0..N-1, links N..)
 */
export function oracleRouteTraffic(m: OracleMatrix, failed: ReadonlySet<number>): number[] {
  const n = m.nodeCount;
  const linkUp = (j: number): boolean => !failed.has(n + j) && !failed.has(m.links[j][0]) && !failed.has(m.links[j][1]);
  const load = new Map<string, number>();
  const arcKey = (link: number, forward: boolean): string => `${link}:${forward ? 0 : 1}`;
  const served: number[] = [];
  const lost: number[] = [];
  for (const { source, target, volume } of m.demands) {
    if (failed.has(source) || failed.has(target)) {
      served.push(0);
      lost.push(0);
      continue;
    }
    const all = enumerateSimplePaths(m, source, target, () => true);
    const best = Math.min(...all.map((p) => p.cost));
    const shortest = all.filter((p) => p.cost === best);
    // Distance to the target from every node, by the same enumeration (intact network).
    const distanceTo = (v: number): number =>
      v === target ? 0 : Math.min(...enumerateSimplePaths(m, v, target, () => true).map((p) => p.cost));
    const nextHops = (u: number): number =>
      m.links.reduce((count, [a, b], j) => {
        const ends = a === u ? [b] : b === u ? [a] : [];
        return count + ends.filter((w) => m.cost[j] + distanceTo(w) === distanceTo(u)).length;
      }, 0);
    let kept = 0;
    for (const p of shortest) {
      let share = 1;
      for (const u of p.nodes.slice(0, -1)) share /= nextHops(u);
      const survives = p.arcs.every((arc) => linkUp(arc.link)) && p.nodes.every((v) => !failed.has(v));
      if (!survives) continue;
      kept += volume * share;
      for (const arc of p.arcs) load.set(arcKey(arc.link, arc.forward), (load.get(arcKey(arc.link, arc.forward)) ?? 0) + volume * share);
    }
    if (shortest.length === 0) kept = 0;
    served.push(volume - kept <= 1e-9 * volume ? volume : kept);
    lost.push(volume - served[served.length - 1]);
  }
  const tolerance = 1e-9 * Math.max(...m.demands.map((d) => d.volume));
  const residual = (link: number, forward: boolean): number =>
    linkUp(link) ? Math.max(0, m.capacity[link] - (load.get(arcKey(link, forward)) ?? 0)) - (used.get(arcKey(link, forward)) ?? 0) : 0;
  const used = new Map<string, number>();
  m.demands.forEach(({ source, target, volume }, d) => {
    if (lost[d] <= tolerance || m.restoration === false) return;
    while (lost[d] > tolerance) {
      const paths = enumerateSimplePaths(m, source, target, (link, forward) => residual(link, forward) > tolerance).filter(
        (p) => p.nodes.every((v) => !failed.has(v)),
      );
      if (paths.length === 0) return;
      paths.sort((p, q) => {
        if (p.cost !== q.cost) return p.cost - q.cost;
        for (let i = 0; i < Math.min(p.arcs.length, q.arcs.length); i++) {
          if (p.arcs[i].link !== q.arcs[i].link) return p.arcs[i].link - q.arcs[i].link;
        }
        return p.arcs.length - q.arcs.length;
      });
      const chosen = paths[0];
      const amount = Math.min(lost[d], ...chosen.arcs.map((arc) => residual(arc.link, arc.forward)));
      for (const arc of chosen.arcs) used.set(arcKey(arc.link, arc.forward), (used.get(arcKey(arc.link, arc.forward)) ?? 0) + amount);
      served[d] += amount;
      lost[d] -= amount;
    }
    served[d] = volume;
  });
  return served;
}
