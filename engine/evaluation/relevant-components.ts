// Union-find restricted to the relevant part of one service (see service-structure.ts): labels its relevant
// nodes only, so a service whose endpoints span a small part of the network costs little to evaluate.

import type { CsrTopology } from '../topology/csr-topology.ts';
import { findRoot } from './union-find.ts';

/**
 * Labels the surviving components of the subgraph formed by `links`: afterwards `parent[v]` is the root of v's
 * component for every node v in `nodes` (other entries are untouched). A link survives when it and both its end
 * nodes are up. Every end node of `links` must be in `nodes`.
 * @param down 1 for down elements (nodes 0..N-1, links N..N+L-1)
 */
export function labelRelevantComponents(
  topology: CsrTopology,
  down: Uint8Array,
  parent: Int32Array,
  links: Uint32Array,
  nodes: Uint32Array,
): void {
  const nodeCount = topology.nodeCount;
  const source = topology.linkSource;
  const target = topology.linkTarget;
  for (let i = 0; i < nodes.length; i++) parent[nodes[i]] = nodes[i];
  for (let i = 0; i < links.length; i++) {
    const j = links[i];
    if (down[nodeCount + j] === 1) continue;
    const a = source[j];
    const b = target[j];
    if (down[a] === 1 || down[b] === 1) continue;
    const ra = findRoot(parent, a);
    const rb = findRoot(parent, b);
    if (ra !== rb) {
      if (ra < rb) parent[rb] = ra;
      else parent[ra] = rb;
    }
  }
  for (let i = 0; i < nodes.length; i++) parent[nodes[i]] = findRoot(parent, nodes[i]);
}
