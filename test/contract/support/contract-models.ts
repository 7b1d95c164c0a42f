// Contract-suite models: random small models with one service of every kind, node and link failures, risk groups,
// and scenarios with forced elements and groups, probability overrides and attacks; their exact answers; the
// reference networks; and the paired-comparison and time-simulation variants of a case.

import fc from 'fast-check';
import {
  buildCsrTopology,
  computeExactImportance,
  computeExactUnavailability,
  enumerateUnavailability,
  isReachExact,
  SERVICE_KIND_NAMES,
  type CompiledModel,
  type CompiledScenario,
  type CompiledService,
  type ExactOptions,
  type PairedPlan,
  type ServiceKind,
  type ServiceOfKind,
  type SimulationPlan,
} from '../../../engine/index.ts';
import { buildBaselineScenario, buildTestModel, type TestRiskGroup } from '../../support/build-model.ts';
import {
  compileReferenceCase,
  listReferenceCases,
  readReferenceCase,
  type ReferenceCase,
} from '../../support/reference-model.ts';

/** fast-check seed: FC_SEED when set (CI), else time-based; printed so that a failure can be replayed. */
export function contractSeed(suite: string): number {
  const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
  console.log(`${suite}: fast-check seed ${seed} (set FC_SEED to replay)`);
  return seed;
}

/** One model and scenario under contract. */
export interface ContractCase {
  readonly label: string;
  readonly model: CompiledModel;
  readonly scenario: CompiledScenario;
}

/**
 * A random service of each kind on `nodeCount` nodes. Typed by kind, so a new kind without a generator here is a
 * type error: every kind then runs through every sampler and estimator of the suite.
 */
export const SERVICE_ARBITRARIES: {
  readonly [K in ServiceKind]: (nodeCount: number) => fc.Arbitrary<ServiceOfKind<K>>;
} = {
  connected: (nodeCount) =>
    fc
      .uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: Math.min(4, nodeCount) })
      .map((terminals) => ({ kind: 'connected' as const, id: 'connected', terminals: Uint32Array.from(terminals) })),
  reach: (nodeCount) =>
    fc
      .record({
        from: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 2 }),
        to: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 3 }),
        kFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
      })
      .map(({ from, to, kFraction }) => ({
        kind: 'reach' as const,
        id: 'reach',
        from: Uint32Array.from(from),
        to: Uint32Array.from(to),
        k: 1 + Math.floor(kFraction * to.length),
      })),
  // The traffic-aware kinds carry their network; buildTestModel binds it to the model's topology. Link values are
  // drawn for up to MAX_CONTRACT_LINKS links (the cases have fewer) from small sets, so ties and thresholds occur.
  capacity: (nodeCount) =>
    fc
      .record({
        ...trafficEndpoints(nodeCount),
        demand: fc.constantFrom(1, 2, 3, 4, 5, 7, 10, 15),
        capacities: fc.array(fc.constantFrom(1, 2, 3, 5, 10), { minLength: MAX_CONTRACT_LINKS, maxLength: MAX_CONTRACT_LINKS }),
      })
      .map(({ from, to, demand, capacities }) => ({
        kind: 'capacity' as const,
        id: 'capacity',
        from: Uint32Array.from(from),
        to: Uint32Array.from(to),
        demand,
        network: unboundNetwork(nodeCount),
        linkCapacity: Float64Array.from(capacities),
      })),
  latency: (nodeCount) =>
    fc
      .record({
        ...trafficEndpoints(nodeCount),
        boundMs: fc.constantFrom(0.5, 1, 2, 3, 5, 8),
        delays: fc.array(fc.constantFrom(0, 0.5, 1, 2, 3.5), { minLength: MAX_CONTRACT_LINKS, maxLength: MAX_CONTRACT_LINKS }),
      })
      .map(({ from, to, boundMs, delays }) => ({
        kind: 'latency' as const,
        id: 'latency',
        from: Uint32Array.from(from),
        to: Uint32Array.from(to),
        boundMs,
        network: unboundNetwork(nodeCount),
        linkDelayMs: Float64Array.from(delays),
      })),
  protected: (nodeCount) =>
    fc
      .record({
        ...trafficEndpoints(nodeCount),
        k: fc.integer({ min: 1, max: 3 }),
        disjoint: fc.constantFrom('links' as const, 'nodes' as const),
      })
      .map(({ from, to, k, disjoint }) => ({
        kind: 'protected' as const,
        id: 'protected',
        from: Uint32Array.from(from),
        to: Uint32Array.from(to),
        k,
        disjoint,
        network: unboundNetwork(nodeCount),
      })),
  traffic: (nodeCount) =>
    fc
      .record({
        demands: fc.uniqueArray(
          fc
            .record({
              source: fc.nat({ max: nodeCount - 1 }),
              offset: fc.nat({ max: nodeCount - 2 }),
              volume: fc.constantFrom(1, 2, 3, 5),
            })
            .map(({ source, offset, volume }) => ({ source, target: (source + 1 + offset) % nodeCount, volume })),
          { minLength: 1, maxLength: 3, selector: (d) => `${d.source}>${d.target}` },
        ),
        part: fc.nat({ max: 3 }),
        costs: fc.array(fc.constantFrom(1, 1, 2, 3), { minLength: MAX_CONTRACT_LINKS, maxLength: MAX_CONTRACT_LINKS }),
        capacities: fc.array(fc.constantFrom(0, 1, 2, 3, 5, 10), { minLength: MAX_CONTRACT_LINKS, maxLength: MAX_CONTRACT_LINKS }),
      })
      .map(({ demands, part, costs, capacities }) => {
        const ends = [...new Set(demands.flatMap((d) => [d.source, d.target]))];
        return {
          kind: 'traffic' as const,
          id: 'traffic',
          matrixId: 'traffic',
          demandIndex: part < demands.length ? part : -1,
          demandSource: Uint32Array.from(demands, (d) => d.source),
          demandTarget: Uint32Array.from(demands, (d) => d.target),
          demandVolume: Float64Array.from(demands, (d) => d.volume),
          linkCost: Float64Array.from(costs),
          linkCapacity: Float64Array.from(capacities),
          restoration: true,
          from: Uint32Array.from(ends.slice(0, -1)),
          to: Uint32Array.of(ends[ends.length - 1]),
          network: unboundNetwork(nodeCount),
        };
      }),
};

/** Most links of a contract case (the service-kind contract draws up to 10, the estimator cases up to 8). */
export const MAX_CONTRACT_LINKS = 16;

/** `from` and `to` lists of a traffic-aware service (they may overlap: the engine must handle it). */
function trafficEndpoints(nodeCount: number) {
  return {
    from: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 2 }),
    to: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 2 }),
  };
}

/** A placeholder network without links, replaced by the model's topology in buildTestModel. */
function unboundNetwork(nodeCount: number) {
  return buildCsrTopology(nodeCount, [], []);
}

/** One service of every kind, in registry order. */
function servicesArbitrary(nodeCount: number): fc.Arbitrary<CompiledService[]> {
  return fc.tuple(
    ...SERVICE_KIND_NAMES.map((kind) => SERVICE_ARBITRARIES[kind](nodeCount) as fc.Arbitrary<CompiledService>),
  );
}

/** Failure probabilities: perfect, rare, moderate, and (rarely) always down. */
const probabilityArbitrary = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.double({ min: 0.001, max: 0.05, noNaN: true }) },
  { weight: 4, arbitrary: fc.double({ min: 0.05, max: 0.4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(1) },
);

/** Options of {@link contractCaseArbitrary}. */
export interface ContractCaseOptions {
  /** 'maybe' (default): 0 to 2 risk groups; 'always': 1 or 2 groups with an uncertain event; 'never'. */
  readonly groups?: 'maybe' | 'always' | 'never';
  /** Attacks the scenario may carry; default all three kinds. */
  readonly attacks?: ReadonlyArray<'none' | 'targeted' | 'random'>;
}

/**
 * Random cases: 3 to 6 nodes, 2 to 8 links (parallel links allowed), node and link failures, risk groups with
 * member probabilities below 1, one service of every kind, and a scenario with forced elements and groups,
 * probability overrides, random failures on or off, and a targeted or random attack.
 */
export function contractCaseArbitrary(options: ContractCaseOptions = {}): fc.Arbitrary<ContractCase> {
  const groupsMode = options.groups ?? 'maybe';
  const attacks = options.attacks ?? ['none', 'targeted', 'random'];
  return fc
    .integer({ min: 3, max: 6 })
    .chain((nodeCount) =>
      fc.integer({ min: 2, max: 8 }).chain((linkCount) => {
        const elementCount = nodeCount + linkCount;
        const element = fc.nat({ max: elementCount - 1 });
        const group = fc.record({
          eventProbability:
            groupsMode === 'always'
              ? fc.double({ min: 0.01, max: 0.4, noNaN: true })
              : fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 0.4, noNaN: true }), fc.constant(1)),
          members: fc.uniqueArray(element, { minLength: 1, maxLength: 3 }),
          memberProbability: fc.constantFrom(1, 1, 0.5, 0.3),
        });
        return fc.record({
          links: fc.array(
            fc
              .tuple(fc.nat({ max: nodeCount - 1 }), fc.nat({ max: nodeCount - 2 }))
              .map(([a, b]) => [a, b >= a ? b + 1 : b] as const),
            { minLength: linkCount, maxLength: linkCount },
          ),
          probability: fc.array(probabilityArbitrary, { minLength: elementCount, maxLength: elementCount }),
          groups: fc.array(group, {
            minLength: groupsMode === 'always' ? 1 : 0,
            maxLength: groupsMode === 'never' ? 0 : 2,
          }),
          services: servicesArbitrary(nodeCount),
          repairHours: fc.array(fc.double({ min: 20, max: 400, noNaN: true }), {
            minLength: elementCount,
            maxLength: elementCount,
          }),
          forcedElements: fc.uniqueArray(element, { maxLength: 2 }),
          forceGroup: fc.boolean(),
          randomFailures: fc.oneof(
            { weight: 4, arbitrary: fc.constant(true) },
            { weight: 1, arbitrary: fc.constant(false) },
          ),
          override: fc.option(fc.tuple(element, probabilityArbitrary), { nil: null }),
          attack: fc.constantFrom(...attacks),
          targets: fc.array(fc.uniqueArray(element, { maxLength: 2 }), { minLength: 2, maxLength: 2 }),
          candidates: fc.uniqueArray(element, { minLength: 1, maxLength: 5 }),
          attackCount: fc.integer({ min: 1, max: 2 }),
        });
      }),
    )
    .map((c) => {
      const nodeCount = c.probability.length - c.links.length;
      const model = buildTestModel({
        nodeCount,
        links: c.links,
        nodeFailureProbability: c.probability.slice(0, nodeCount),
        linkFailureProbability: c.probability.slice(nodeCount),
        services: c.services,
        groups: c.groups.map((g): TestRiskGroup => ({
          eventProbability: g.eventProbability,
          members: g.members.map((e) => [e, g.memberProbability] as const),
        })),
        times: {
          elementRepairHours: Float64Array.from(c.repairHours),
          groupEventDurationHours: c.groups.map((_, g) => 30 + 50 * g),
        },
      });
      let override: Float64Array | null = null;
      if (c.override !== null) {
        override = Float64Array.from(model.elementFailureProbability);
        override[c.override[0]] = c.override[1];
      }
      const attack: CompiledScenario['attack'] =
        c.attack === 'targeted'
          ? { kind: 'targeted', elementsByService: model.services.map((_, s) => Uint32Array.from(c.targets[s % 2])) }
          : c.attack === 'random'
            ? { kind: 'random', candidates: Uint32Array.from(c.candidates), count: c.attackCount }
            : { kind: 'none' };
      const scenario = buildBaselineScenario({
        id: 'case',
        forcedElements: Uint32Array.from(c.forcedElements),
        forcedGroups: c.forceGroup && c.groups.length > 0 ? Uint32Array.of(0) : new Uint32Array(0),
        randomFailures: c.randomFailures,
        elementFailureProbability: override,
        attack,
      });
      const label = `${nodeCount} nodes, ${c.links.length} links, ${c.groups.length} groups, attack ${attack.kind}`;
      return { label, model, scenario };
    });
}

/**
 * The deterministic variant of a case: no random failures, forced groups take every member (member probability 1),
 * and no random attack (a targeted one stays). Every sampler must then give the exact answer, 0 or 1, exactly.
 */
export function toDeterministicCase(c: ContractCase): ContractCase {
  const model: CompiledModel = {
    ...c.model,
    groups: { ...c.model.groups, memberFailureProbability: c.model.groups.memberFailureProbability.map(() => 1) },
  };
  const attack = c.scenario.attack.kind === 'random' ? ({ kind: 'none' } as const) : c.scenario.attack;
  const scenario: CompiledScenario = {
    ...c.scenario,
    id: 'deterministic',
    randomFailures: false,
    attack,
    deterministic: true,
  };
  return { label: `deterministic: ${c.label}`, model, scenario };
}

/** Every `count`-subset of `items` (count <= items.length). */
function listSubsets(items: readonly number[], count: number): number[][] {
  if (count === 0) return [[]];
  const subsets: number[][] = [];
  items.forEach((item, i) => {
    for (const rest of listSubsets(items.slice(i + 1), count - 1)) subsets.push([item, ...rest]);
  });
  return subsets;
}

/**
 * Calls `solve` once per equally likely attacked set of the scenario's random attack (every min(count, |candidates|)
 * subset of the candidates, forced down on top of the scenario without the attack) and averages; without a random
 * attack, once with the scenario as it is.
 */
function averageOverRandomAttack<T extends number[]>(
  scenario: CompiledScenario,
  solve: (options: ExactOptions) => T | null,
): T | null {
  const attack = scenario.attack;
  if (attack.kind !== 'random') return solve({ scenario });
  const calm: CompiledScenario = { ...scenario, attack: { kind: 'none' } };
  const subsets = listSubsets(Array.from(attack.candidates), Math.min(attack.count, attack.candidates.length));
  let total: number[] | null = null;
  for (const subset of subsets) {
    const values = solve({ scenario: calm, forcedDown: subset });
    if (values === null) return null;
    total = total === null ? [...values] : total.map((t, i) => t + values[i]);
  }
  return total === null ? null : (total.map((t) => t / subsets.length) as T);
}

/**
 * Exact unavailability of every service of a case (frontier DP; the traffic-aware kinds, which it cannot evaluate,
 * by full enumeration; random attacks averaged exactly).
 */
export function exactUnavailabilities(model: CompiledModel, scenario: CompiledScenario): number[] {
  return model.services.map((service, s) => {
    const value = averageOverRandomAttack(scenario, (options) => {
      // The frontier DP declines layered models (derived failures): enumerate them.
      const result = isReachExact(service) && model.layers === undefined
        ? computeExactUnavailability(model, s, options)
        : enumerateUnavailability(model, s, { ...options, maxUncertain: 24 });
      return result === null ? null : [result.unavailability];
    });
    if (value === null) throw new Error(`the exact method gave up on service ${s}`);
    return value[0];
  });
}

/**
 * Exact per-item values of critical-state sampling for service `s`: P(down), and per item (elements, then groups)
 * P(critical) = Birnbaum's I_B and P(critical and failed) = u - u(up). Random attacks averaged exactly.
 */
export function exactCriticalProbabilities(
  model: CompiledModel,
  scenario: CompiledScenario,
  s: number,
): { readonly down: number; readonly critical: number[]; readonly criticalFailed: number[] } {
  const items = Array.from({ length: model.elementCount + model.groups.groupCount }, (_, i) => i);
  const values = averageOverRandomAttack(scenario, (options) => {
    const measures = computeExactImportance(model, s, { ...options, elements: items });
    if (measures === null) return null;
    return [
      measures[0]?.unavailability ?? NaN,
      ...measures.map((m) => m.birnbaum),
      ...measures.map((m) => m.unavailability - m.unavailabilityUp),
    ];
  });
  if (values === null) throw new Error(`exact importance gave up on service ${s}`);
  return {
    down: values[0],
    critical: values.slice(1, 1 + items.length),
    criticalFailed: values.slice(1 + items.length),
  };
}

/** A one-scenario plan of a case (batch size = samples). */
export function planOfCase(c: ContractCase, seed: string, samples: number): SimulationPlan {
  return {
    model: c.model,
    scenarios: [c.scenario],
    seed,
    batchSize: samples,
    stopping: { relativeError: null, maxSamples: 1e12, maxTimeSeconds: null, minSamples: 0 },
  };
}

/** The reference networks (test/fixtures/reference, from ../shared/reference) as baseline cases with exact values. */
export function listReferenceContractCases(
  filter: (c: ReferenceCase) => boolean = () => true,
): Array<ContractCase & { readonly exact: number }> {
  return listReferenceCases()
    .map(readReferenceCase)
    .filter(filter)
    .map((c) => ({
      label: c.name,
      model: withRepairHours(compileReferenceCase(c)),
      scenario: buildBaselineScenario(),
      exact: c.exact.unavailability,
    }));
}

/** The model with a 24 h repair time per element and 48 h per event (time simulation), unchanged otherwise. */
function withRepairHours(model: CompiledModel): CompiledModel {
  return {
    ...model,
    elementRepairHours: new Float64Array(model.elementCount).fill(24),
    groups: { ...model.groups, eventDurationHours: new Float64Array(model.groups.groupCount).fill(48) },
  };
}

/**
 * A comparison of a case with a changed plan: the plan adds a link between the first and last node (failure
 * probability 0.1) and halves every other failure probability below 1. Elements and groups match by index (the new
 * link is the plan's last element), so the plan's scenario reuses the case's element indices.
 */
export function buildPairedCase(c: ContractCase, seed: string, samples: number): PairedPlan {
  const base = c.model;
  if (base.layers !== undefined) return buildLayeredPairedCase(c, seed, samples);
  const n = base.topology.nodeCount;
  const links: Array<readonly [number, number]> = [];
  for (let j = 0; j < base.topology.linkCount; j++)
    links.push([base.topology.linkSource[j], base.topology.linkTarget[j]]);
  links.push([0, n - 1]);
  const halve = (q: number): number => (q >= 1 ? 1 : q / 2);
  const planQ = [...Array.from(base.elementFailureProbability, halve), 0.1];
  const groups = base.groups;
  const planModel = buildTestModel({
    nodeCount: n,
    links,
    nodeFailureProbability: planQ.slice(0, n),
    linkFailureProbability: planQ.slice(n),
    services: base.services,
    groups: Array.from({ length: groups.groupCount }, (_, g) => ({
      eventProbability: groups.eventProbability[g],
      members: Array.from(
        groups.memberElement.subarray(groups.memberStart[g], groups.memberStart[g + 1]),
        (e, i) => [e, groups.memberFailureProbability[groups.memberStart[g] + i]] as const,
      ),
    })),
  });
  const override = c.scenario.elementFailureProbability;
  const planScenario: CompiledScenario = {
    ...c.scenario,
    elementFailureProbability: override === null ? null : Float64Array.from([...Array.from(override, halve), 0.1]),
  };
  const unionElementCount = planModel.elementCount;
  const stopping = { relativeError: null, maxSamples: 1e12, maxTimeSeconds: null, minSamples: 0 };
  return {
    base: { model: base, scenarios: [c.scenario], seed, batchSize: samples, stopping },
    plan: { model: planModel, scenarios: [planScenario], seed, batchSize: samples, stopping },
    unionElementCount,
    baseElementOfUnion: Int32Array.from({ length: unionElementCount }, (_, u) => (u < base.elementCount ? u : -1)),
    planElementOfUnion: Int32Array.from({ length: unionElementCount }, (_, u) => u),
    unionGroupCount: groups.groupCount,
    baseGroupOfUnion: Int32Array.from({ length: groups.groupCount }, (_, g) => g),
    planGroupOfUnion: Int32Array.from({ length: groups.groupCount }, (_, g) => g),
    servicePairs: base.services.map((service, s) => ({ id: service.id, base: s, plan: s })),
    scenarioPairs: [{ id: c.scenario.id, base: 0, plan: 0 }],
    seed,
    batchSize: samples,
    stopping,
  };
}

/**
 * A comparison of a layered case (its physical links are elements past the graph's links, so no link can be added
 * without renumbering them): the plan halves every failure probability below 1 and keeps the layers.
 */
function buildLayeredPairedCase(c: ContractCase, seed: string, samples: number): PairedPlan {
  const base = c.model;
  const halve = (q: number): number => (q >= 1 ? 1 : q / 2);
  const planModel: CompiledModel = { ...base, elementFailureProbability: Float64Array.from(base.elementFailureProbability, halve) };
  const override = c.scenario.elementFailureProbability;
  const planScenario: CompiledScenario = {
    ...c.scenario,
    elementFailureProbability: override === null ? null : Float64Array.from(override, halve),
  };
  const stopping = { relativeError: null, maxSamples: 1e12, maxTimeSeconds: null, minSamples: 0 };
  const identity = (count: number): Int32Array => Int32Array.from({ length: count }, (_, i) => i);
  return {
    base: { model: base, scenarios: [c.scenario], seed, batchSize: samples, stopping },
    plan: { model: planModel, scenarios: [planScenario], seed, batchSize: samples, stopping },
    unionElementCount: base.elementCount,
    baseElementOfUnion: identity(base.elementCount),
    planElementOfUnion: identity(base.elementCount),
    unionGroupCount: base.groups.groupCount,
    baseGroupOfUnion: identity(base.groups.groupCount),
    planGroupOfUnion: identity(base.groups.groupCount),
    servicePairs: base.services.map((service, s) => ({ id: service.id, base: s, plan: s })),
    scenarioPairs: [{ id: c.scenario.id, base: 0, plan: 0 }],
    seed,
    batchSize: samples,
    stopping,
  };
}
