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
