// Deduplication of a service's node list with membership flags, for the reach forms of the service kinds.

/**
 * The distinct nodes of `nodes` in first-occurrence order; sets `flags[v] = 1` for each.
 * @param nodeCount number of nodes; a node outside [0, nodeCount) is a RangeError
 */
export function collectDistinctNodes(nodes: Uint32Array, nodeCount: number, flags: Uint8Array): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i];
    if (v >= nodeCount) throw new RangeError(`service names node ${v} outside [0, ${nodeCount})`);
    if (flags[v] === 0) out.push(v);
    flags[v] = 1;
  }
  return Uint32Array.from(out);
}
