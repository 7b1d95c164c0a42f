// The engine's one union-find root search, shared by the labelling of failure states, the fast path's relevant-part
// labelling and the turnip of permutation Monte Carlo. Callers keep their own union rule (by index or by size).

/**
 * Root of v's union-find tree, compressing the path on the way (Tarjan 1975, "Efficiency of a good but not linear
 * set union algorithm", J. ACM 22(2)). `parent[x] === x` marks a root; allocates nothing.
 */
export function findRoot(parent: Int32Array, v: number): number {
  let root = v;
  while (parent[root] !== root) root = parent[root];
  // Path compression keeps later finds near O(1).
  while (parent[v] !== root) {
    const next = parent[v];
    parent[v] = root;
    v = next;
  }
  return root;
}
