// Deterministic synthetic backbones for the benchmark: sites scattered over a rough outline of the Netherlands,
// joined by a Euclidean minimum spanning tree plus the shortest extra links (a geometric mesh with single-homed
// leaves), per-element failure probabilities spread log-uniformly, duct risk groups, and services of every kind.

import seedrandom from 'seedrandom';
import { buildCsrTopology, type CompiledModel, type CompiledService } from '../engine/index.ts';

/** Options of {@link generateBackbone}. */
export interface GeneratorOptions {
  /** Number of sites (nodes), >= 20. */
  readonly nodeCount: number;
  /** Links per node (about 1.6 gives NAFIN-like meshes: ~400 links for 250 sites, ~4,000 for 2,500). */
  readonly linksPerNode: number;
  /** Seed string of the generator's own stream. */
  readonly seed: string;
  /** Link failure probabilities, log-uniform in [min, max]. */
  readonly linkProbability: readonly [number, number];
  /** Node failure probabilities, log-uniform in [min, max]. */
  readonly nodeProbability: readonly [number, number];
}

/** A rough outline of the Netherlands (longitude, latitude), enough to give NL-like distances. */
const OUTLINE: ReadonlyArray<readonly [number, number]> = [
  [3.36, 51.37],
  [4.25, 51.37],
  [5.0, 51.45],
  [5.85, 51.15],
  [5.68, 50.76],
  [6.02, 50.75],
  [6.1, 51.17],
  [6.2, 51.52],
  [5.95, 51.8],
  [6.75, 51.9],
  [7.05, 52.25],
  [6.7, 52.5],
  [7.07, 52.65],
  [7.2, 53.25],
  [6.2, 53.45],
  [4.75, 53.1],
  [4.55, 52.45],
  [4.1, 51.95],
  [3.6, 51.6],
];

function inside(lon: number, lat: number): boolean {
  let result = false;
  for (let i = 0, j = OUTLINE.length - 1; i < OUTLINE.length; j = i++) {
    const [xi, yi] = OUTLINE[i];
    const [xj, yj] = OUTLINE[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

function logUniform(random: () => number, [min, max]: readonly [number, number]): number {
  return Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min)));
}

/** A generated model plus what the networkx baseline needs to rebuild it. */
export interface GeneratedModel {
  readonly model: CompiledModel;
  /** Site coordinates (longitude, latitude), for reference. */
  readonly longitude: Float64Array;
  readonly latitude: Float64Array;
}

/**
 * Generates a backbone deterministically from its options.
 * Services: two two-terminal, two k-terminal (4 and 8 terminals) and two reach services (10 sites reaching one
 * of 2 hubs; 8 sites reaching 2 of 3 hubs), on sites drawn from the generator's stream.
 */
export function generateBackbone(options: GeneratorOptions): GeneratedModel {
  const random = seedrandom.alea(`neverout-bench|${options.seed}|${options.nodeCount}`);
  const n = options.nodeCount;
  const longitude = new Float64Array(n);
  const latitude = new Float64Array(n);
  for (let v = 0; v < n;) {
    const lon = 3.3 + random() * 4.0;
    const lat = 50.7 + random() * 2.8;
    if (!inside(lon, lat)) continue;
    longitude[v] = lon;
    latitude[v++] = lat;
  }
  // Planar distances in km (equirectangular at 52°N is accurate to a few percent here).
  const kmX = 111.32 * Math.cos((52 * Math.PI) / 180);
  const distance = (a: number, b: number): number =>
    Math.hypot((longitude[a] - longitude[b]) * kmX, (latitude[a] - latitude[b]) * 111.32);

  // Candidate links: each site to its 8 nearest neighbours (grid buckets keep this O(n)).
  const cell = 0.25;
  const buckets = new Map<string, number[]>();
  const key = (lon: number, lat: number): string => `${Math.floor(lon / cell)},${Math.floor(lat / cell)}`;
  for (let v = 0; v < n; v++) {
    const k = key(longitude[v], latitude[v]);
    const list = buckets.get(k) ?? [];
    list.push(v);
    buckets.set(k, list);
  }
  const candidates: Array<[number, number, number]> = [];
  const seen = new Set<number>();
  for (let v = 0; v < n; v++) {
    const near: Array<[number, number]> = [];
    for (let radius = 1; near.length < 9 && radius < 40; radius++) {
      near.length = 0;
      const cx = Math.floor(longitude[v] / cell);
      const cy = Math.floor(latitude[v] / cell);
      for (let dx = -radius; dx <= radius; dx++)
        for (let dy = -radius; dy <= radius; dy++)
          for (const w of buckets.get(`${cx + dx},${cy + dy}`) ?? []) if (w !== v) near.push([distance(v, w), w]);
    }
    near.sort((a, b) => a[0] - b[0]);
    for (const [d, w] of near.slice(0, 8)) {
      const id = Math.min(v, w) * n + Math.max(v, w);
      if (seen.has(id)) continue;
      seen.add(id);
      candidates.push([d, Math.min(v, w), Math.max(v, w)]);
    }
  }
  candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  // Kruskal's MST over the candidates, then the shortest remaining candidates up to the link budget.
  const root = Int32Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => {
    while (root[v] !== v) v = root[v] = root[root[v]];
    return v;
  };
  const chosen = new Uint8Array(candidates.length);
  const source: number[] = [];
  const target: number[] = [];
  candidates.forEach(([, a, b], i) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    root[ra] = rb;
    chosen[i] = 1;
    source.push(a);
    target.push(b);
  });
  const linkBudget = Math.round(options.linksPerNode * n);
  for (let i = 0; i < candidates.length && source.length < linkBudget; i++) {
    // Skip a third of the short extras at random so the mesh keeps some single-homed sites and long detours.
    if (chosen[i] === 1 || random() < 0.33) continue;
    source.push(candidates[i][1]);
    target.push(candidates[i][2]);
  }
  const linkCount = source.length;
  const topology = buildCsrTopology(n, source, target);
  const probability = new Float64Array(n + linkCount);
  for (let v = 0; v < n; v++) probability[v] = logUniform(random, options.nodeProbability);
  for (let j = 0; j < linkCount; j++) probability[n + j] = logUniform(random, options.linkProbability);

  // Duct groups: every 25th site's links share a duct near the site (event 1e-5..1e-3, members always fail).
  const groupCount = Math.max(1, Math.floor(n / 25));
  const memberStart = new Uint32Array(groupCount + 1);
  const members: number[] = [];
  const eventProbability = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    const v = Math.floor(random() * n);
    for (let h = topology.adjacencyStart[v]; h < topology.adjacencyStart[v + 1]; h++)
      members.push(n + topology.adjacencyEdge[h]);
    memberStart[g + 1] = members.length;
    eventProbability[g] = logUniform(random, [1e-5, 1e-3]);
  }
  const pick = (count: number, taken: Set<number>): Uint32Array => {
    const out: number[] = [];
    while (out.length < count) {
      const v = Math.floor(random() * n);
      if (taken.has(v)) continue;
      taken.add(v);
      out.push(v);
    }
    return Uint32Array.from(out);
  };
  const taken = new Set<number>();
  const services: CompiledService[] = [
    { kind: 'connected', id: 'two-terminal-a', terminals: pick(2, taken) },
    { kind: 'connected', id: 'two-terminal-b', terminals: pick(2, taken) },
    { kind: 'connected', id: 'k-terminal-4', terminals: pick(4, taken) },
    { kind: 'connected', id: 'k-terminal-8', terminals: pick(8, taken) },
    { kind: 'reach', id: 'reach-10-of-2', from: pick(10, taken), to: pick(2, taken), k: 1 },
    { kind: 'reach', id: 'reach-8-2-of-3', from: pick(8, taken), to: pick(3, taken), k: 2 },
  ];
  const model: CompiledModel = {
    topology,
    elementCount: n + linkCount,
    elementFailureProbability: probability,
    groups: {
      groupCount,
      eventProbability,
      memberStart,
      memberElement: Uint32Array.from(members),
      memberFailureProbability: new Float64Array(members.length).fill(1),
    },
    services,
    index: {
      nodeIds: Array.from({ length: n }, (_, v) => `site-${v}`),
      nodeNames: Array.from({ length: n }, (_, v) => `Site ${v}`),
      linkIds: Array.from({ length: linkCount }, (_, j) => `link-${j}`),
      groupIds: Array.from({ length: groupCount }, (_, g) => `duct-${g}`),
      groupNames: Array.from({ length: groupCount }, (_, g) => `Duct ${g}`),
    },
  };
  return { model, longitude, latitude };
}

/** The same model with every element at one probability (the mean), for the "differing probabilities" check. */
export function withUniformProbability(model: CompiledModel): CompiledModel {
  const p = model.elementFailureProbability;
  let sum = 0;
  for (let e = 0; e < p.length; e++) sum += p[e];
  return { ...model, elementFailureProbability: new Float64Array(p.length).fill(sum / p.length) };
}
