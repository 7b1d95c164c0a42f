// A small hand-made result document for the export tests, with every case the exports distinguish: sites with and
// without coordinates, single points of failure that are a link, a site and only a service's own endpoint, risk groups
// that are single points of failure, group importance, and attacks (one repeating a single point of failure, one a
// genuine two-link cut that also cuts another service, one that does not disconnect).
//
//   a(52.0, 4.0) ──ab── b(52.5, 5.0) ──bc── c(53.0, 6.0) ──cd── d(no coordinates)
//        └────ae──── e(51.5, 5.5) ──be (radio)──┘ (be joins b and e)
//
// Risk groups: g-duct = {ab, bc}, g-power = {a, b}.
// s1 (connected a, c): order 1 {a} {b} {bc} {c} {g-duct} {g-power}; order 2 {ab, ae} {ab, be}.
// s2 (reach a to e):   order 1 {a} {e} {g-power}; order 2 {ab, ae} {ae, b} {ae, be} {ae, g-duct}.

import type { ImportanceEntry, Interval, ResultDocument, ServiceEstimate } from '../../../../engine/index.ts';

export function interval(estimate: number, halfWidth = 0): Interval {
  return { estimate, lower: Math.max(0, estimate - halfWidth), upper: Math.min(1, estimate + halfWidth) };
}

function point(value: number): Interval {
  return { estimate: value, lower: value, upper: value };
}

function importance(
  elementId: string,
  elementKind: ImportanceEntry['elementKind'],
  criticality: number,
  raw: number,
): ImportanceEntry {
  return {
    elementId,
    elementKind,
    birnbaum: interval(criticality / 2),
    criticality: interval(criticality),
    riskAchievementWorth: point(raw),
    riskReductionWorth: point(1.1),
    fussellVesely: interval(criticality),
  };
}

function estimate(serviceId: string, unavailability: number, entries: ImportanceEntry[] | null): ServiceEstimate {
  return {
    serviceId,
    estimator: 'exact',
    samples: 0,
    availability: interval(1 - unavailability),
    unavailability: interval(unavailability),
    relativeError: null,
    downtimeMinutesPerYear: point(unavailability * 525_960),
    nines: point(-Math.log10(unavailability)),
    servedFraction: null,
    targetStatus: null,
    convergence: [],
    importance: entries,
  };
}

/** The fixture document; `withGroupImportance: false` drops the group entries from the baseline importance. */
export function makeResultDocument(options: { withGroupImportance?: boolean } = {}): ResultDocument {
  const groups = options.withGroupImportance !== false;
  const s1Groups = groups ? [importance('g-duct', 'group', 0.4, 500), importance('g-power', 'group', 0.05, 3)] : [];
  const s2Groups = groups ? [importance('g-power', 'group', 0.2, 330)] : [];
  return {
    resultVersion: 1,
    manifest: {
      tool: 'neverout',
      engineVersion: '0.1.0',
      createdAt: '2026-11-01T10:00:00Z',
      command: ['run', 'line.yaml', '--seed', '7'],
      model: { name: 'Line', source: 'line.yaml', sha256: 'a'.repeat(64) },
      study: null,
      seed: '7',
      batchSize: 1000,
      workers: 1,
      stopping: { relativeError: null, maxSamples: 1000, maxTimeSeconds: null },
      partial: false,
      shard: null,
      planSha256: 'b'.repeat(64),
      marking: null,
    },
    model: {
      name: 'Line',
      description: 'A line with a radio spur.',
      illustrative: false,
      sites: [
        { id: 'a', name: 'Site A', kind: 'hq', lat: 52, lon: 4, attributes: { region: 'west' } },
        { id: 'b', name: 'Site B', kind: 'core', lat: 52.5, lon: 5, attributes: {} },
        { id: 'c', name: 'Site C', kind: 'airbase', lat: 53, lon: 6, attributes: { guarded: true } },
        { id: 'd', name: 'Site D', kind: 'core', lat: null, lon: null, attributes: {} },
        { id: 'e', name: 'Site E', kind: 'navalbase', lat: 51.5, lon: 5.5, attributes: {} },
      ],
      links: [
        { id: 'ab', from: 'a', to: 'b', medium: 'fibre', lengthKm: 80, failureProbability: 4e-4 },
        { id: 'bc', from: 'b', to: 'c', medium: 'fibre', lengthKm: 90, failureProbability: 5e-4 },
        { id: 'cd', from: 'c', to: 'd', medium: 'fibre', lengthKm: null, failureProbability: 1e-4 },
        { id: 'be', from: 'b', to: 'e', medium: 'radio', lengthKm: 60, failureProbability: 1e-3 },
        { id: 'ae', from: 'a', to: 'e', medium: 'fibre', lengthKm: 100, failureProbability: 5e-4 },
      ],
      services: [
        { id: 's1', name: 'Service one', kind: 'connected', endpoints: ['a', 'c'], target: 0.999, description: '' },
        { id: 's2', name: 'Service two', kind: 'reach', endpoints: ['a', 'e'], target: null, description: '' },
      ],
      riskGroups: [
        { id: 'g-duct', name: 'Shared duct', eventProbability: 1e-4, members: ['ab', 'bc'] },
        { id: 'g-power', name: 'Power west', eventProbability: 2e-4, members: ['a', 'b'] },
      ],
    },
    scenarios: [
      {
        id: 'baseline',
        name: 'Baseline',
        description: 'Random failures only.',
        samples: 0,
        batches: 0,
        stoppedBy: 'exact',
        forced: [],
        attack: null,
        services: [
          estimate('s1', 2e-3, [
            importance('bc', 'link', 0.25, 450),
            importance('b', 'node', 0.1, 300),
            importance('ab', 'link', 0.02, 5),
            ...s1Groups,
          ]),
          estimate('s2', 3e-3, [importance('ae', 'link', 0.3, 20), importance('ab', 'link', 0.13, 4), ...s2Groups]),
        ],
      },
      {
        id: 'sabotage',
        name: 'Saboteur with two cuts',
        description: 'Optimal adversary, budget 2.',
        samples: 1000,
        batches: 1,
        stoppedBy: 'max-samples',
        forced: [],
        attack: [
          { serviceId: 's1', strategy: 'optimal', elements: ['bc'], cost: 1, disconnects: true, proven: true },
          { serviceId: 's2', strategy: 'optimal', elements: ['ae', 'ab'], cost: 2, disconnects: true, proven: true },
        ],
        services: [estimate('s1', 1, null), estimate('s2', 1, null)],
      },
      {
        id: 'sabotage-1',
        name: 'Saboteur with one cut',
        description: 'Greedy adversary, budget 1.',
        samples: 1000,
        batches: 1,
        stoppedBy: 'max-samples',
        forced: [],
        attack: [{ serviceId: 's2', strategy: 'greedy', elements: ['ae'], cost: 1, disconnects: false, proven: false }],
        services: [estimate('s1', 2e-3, null), estimate('s2', 0.5, null)],
      },
    ],
    cutSets: {
      maxOrder: 2,
      services: [
        {
          serviceId: 's1',
          cutSets: [
            { order: 1, elements: ['a'] },
            { order: 1, elements: ['b'] },
            { order: 1, elements: ['bc'] },
            { order: 1, elements: ['c'] },
            { order: 1, elements: ['g-duct'] },
            { order: 1, elements: ['g-power'] },
            { order: 2, elements: ['ab', 'ae'] },
            { order: 2, elements: ['ab', 'be'] },
          ],
          truncated: false,
        },
        {
          serviceId: 's2',
          cutSets: [
            { order: 1, elements: ['a'] },
            { order: 1, elements: ['e'] },
            { order: 1, elements: ['g-power'] },
            { order: 2, elements: ['ab', 'ae'] },
            { order: 2, elements: ['ae', 'b'] },
            { order: 2, elements: ['ae', 'be'] },
            { order: 2, elements: ['ae', 'g-duct'] },
          ],
          truncated: false,
        },
      ],
    },
    comparison: null,
    timeSimulation: null,
  };
}

/** Deep-freezes a value, so a test fails if an export mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Every number anywhere in a JSON-like value. */
export function collectNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(collectNumbers);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(collectNumbers);
  return [];
}
