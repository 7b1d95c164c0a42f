// The result document: the versioned, self-describing JSON contract between a run and everything after it
// (reports, --baseline comparisons, drills). Reports read this and nothing else.

/** Incremented on any incompatible change of the document's shape. */
export const RESULT_VERSION = 1;

/** A point estimate with a two-sided 95% confidence interval; lower <= estimate <= upper. */
export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Why a scenario's (or, under the verdict rule, a service's) sampling stopped. 'verdict': the service's sequential
 * interval lay entirely above or below its target; 'services': every service of the scenario stopped by its own rule.
 */
export type StopReason =
  | 'max-samples'
  | 'relative-error'
  | 'max-time'
  | 'interrupted'
  | 'deterministic'
  | 'exact'
  | 'verdict'
  | 'services';

/** The stopping rule of a run: `--stop verdict | rel-error | samples`. */
export type StopRuleName = 'verdict' | 'rel-error' | 'samples';

export interface ResultManifest {
  readonly tool: 'neverout';
  readonly engineVersion: string;
  /** ISO 8601 time the run finished. */
  readonly createdAt: string;
  /** The command line, for re-running (e.g. ['run', 'study.yaml', '--seed', '1']). */
  readonly command: readonly string[];
  readonly model: { readonly name: string; readonly source: string; readonly sha256: string };
  readonly study: { readonly name: string; readonly source: string; readonly sha256: string } | null;
  readonly seed: string;
  readonly batchSize: number;
  readonly workers: number;
  readonly stopping: {
    readonly relativeError: number | null;
    readonly maxSamples: number;
    readonly maxTimeSeconds: number | null;
    /**
     * The rule (`--stop`); absent in documents written before the verdict rule (they stopped by 'rel-error' when
     * relativeError is set, else 'samples').
     */
    readonly rule?: StopRuleName;
    /**
     * The verdict rule's settings: error rate of a verdict over all looks (two-sided levels spent, so a wrong
     * verdict has probability at most alpha / 2), the method, and the samples at which services that seek no
     * verdict stop. Present when `rule` is 'verdict'.
     */
    readonly verdict?: { readonly alpha: number; readonly method: string; readonly fixedSamples: number };
  };
  /** True when the run was interrupted or is one shard: not every planned batch is included. */
  readonly partial: boolean;
  /** Shard i/N when the run was sharded. */
  readonly shard: { readonly index: number; readonly count: number } | null;
  /** Plan hash: identifies (model, study, seed, batch size); batches of equal plan hash merge. */
  readonly planSha256: string;
  /** Optional classification or distribution marking printed at the top and bottom of report pages. */
  readonly marking: string | null;
}

export interface ResultSite {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

export interface ResultLink {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly medium: string;
  readonly lengthKm: number | null;
  /** Steady-state failure probability used in the baseline model. */
  readonly failureProbability: number;
}

export interface ResultService {
  readonly id: string;
  readonly name: string;
  readonly kind: 'connected' | 'reach' | 'capacity' | 'latency' | 'protected' | 'traffic';
  /** Endpoint node ids (connected: terminals; the other kinds: from then to). */
  readonly endpoints: readonly string[];
  /** Required availability in (0, 1], or null when none is set. */
  readonly target: number | null;
  readonly description: string;
}

export interface ResultRiskGroup {
  readonly id: string;
  readonly name: string;
  readonly eventProbability: number;
  readonly members: readonly string[];
  /**
   * Mean number of events per year (the group's `rate`), > 0; null or absent when the group was given as a
   * probability only. With `meanDurationHours`, reports give a forced scenario's share of annual downtime as
   * rate × duration × conditional unavailability. Optional: documents written before it was added lack it.
   */
  readonly eventsPerYear?: number | null;
  /** Mean duration of one event in hours (the group's `duration`), > 0; null or absent when not given. */
  readonly meanDurationHours?: number | null;
}

export interface ConvergencePoint {
  readonly samples: number;
  readonly unavailability: Interval;
}

/** One importance measure set for one element (node, link or risk group) and one service. */
export interface ImportanceEntry {
  readonly elementId: string;
  readonly elementKind: 'node' | 'link' | 'group';
  readonly birnbaum: Interval;
  readonly criticality: Interval;
  readonly riskAchievementWorth: Interval;
  readonly riskReductionWorth: Interval;
  readonly fussellVesely: Interval;
}

export interface ServiceEstimate {
  readonly serviceId: string;
  /** 'crude', 'pmc', 'conditional-pmc', 'stratified', 'exact', 'deterministic', ... (docs/statistics.md) */
  readonly estimator: string;
  /**
   * Why a rare-event estimator the service's kind supports was not available, e.g. a layered model
   * (LAYERED_MODEL_REASON, engine/estimation/select-estimators.ts); absent otherwise.
   */
  readonly estimatorNote?: string;
  readonly samples: number;
  readonly availability: Interval;
  readonly unavailability: Interval;
  /** CI half-width divided by the unavailability estimate; null when the estimate is 0. */
  readonly relativeError: number | null;
  /** Expected downtime per year implied by the unavailability (525,960 minutes a year). */
  readonly downtimeMinutesPerYear: Interval;
  /** -log10(unavailability); the upper bound is Infinity-free (capped at 20). */
  readonly nines: Interval;
  /** Mean fraction of endpoints served, in [0, 1]; null when the estimator does not provide it. */
  readonly servedFraction: number | null;
  /**
   * Capacity services: the expected fraction of the demand served, min(flow, demand) / demand, with a conservative
   * 95% interval (see estimateDemandServed). Traffic services (a matrix, or one of its demands): the expected
   * fraction of the traffic served, with a 95% Bernstein interval valid for any sample count (estimateTrafficServed).
   * Absent for the other kinds and in documents written before it.
   */
  readonly demandServed?: Interval;
  /**
   * availability CI lower bound >= target: 'met'; upper < target: 'missed'; else 'uncertain'; null without target.
   * Under the verdict rule, for a service that sought a verdict: 'met' or 'missed' only when the sequential rule
   * reached it (its error rate holds over all looks), else 'uncertain', whatever the final 95% interval shows.
   */
  readonly targetStatus: 'met' | 'missed' | 'uncertain' | null;
  /**
   * Whether this estimate reached the run's relative-error target (`manifest.stopping.relativeError`); absent when
   * the run had none or the estimate is deterministic. False: the run stopped by samples or time before it.
   */
  readonly precisionReached?: boolean;
  /**
   * Under the verdict rule: why this service's sampling stopped ('verdict', 'relative-error', 'max-samples',
   * 'max-time', 'interrupted', 'deterministic'); its figures come from its own samples up to that point. Absent under
   * the other rules (every service of a scenario stops with it: `stoppedBy` of the scenario).
   */
  readonly stoppedBy?: StopReason;
  readonly convergence: readonly ConvergencePoint[];
  /** Ranked by Birnbaum importance, highest first; null when not computed. */
  readonly importance: readonly ImportanceEntry[] | null;
}

/** The adversary's plan in a sabotage scenario, per service. */
export interface AttackSummary {
  readonly serviceId: string;
  readonly strategy: 'random' | 'betweenness' | 'greedy' | 'optimal';
  /** Elements attacked (ids); empty for a random strategy. */
  readonly elements: readonly string[];
  readonly cost: number;
  /** True when the attack alone (without random failures) takes the service down. */
  readonly disconnects: boolean;
  /** True when 'optimal' was proven optimal (max-flow or complete branch and bound). */
  readonly proven: boolean;
}

export interface ScenarioResult {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly samples: number;
  readonly batches: number;
  readonly stoppedBy: StopReason;
  /** Ids of elements and groups forced down in this scenario. */
  readonly forced: readonly string[];
  readonly attack: readonly AttackSummary[] | null;
  /**
   * The adversary's budget in a sabotage scenario, as the study gave it: at most `elementBudget` elements, or
   * elements of total attack cost at most `costBudget` (one of the two is set). Null or absent without sabotage.
   * Optional: documents written before it was added lack it, and reports then name the scenario instead.
   */
  readonly sabotage?: {
    readonly elementBudget: number | null;
    readonly costBudget: number | null;
    /** What the adversary may attack, e.g. 'links', 'nodes' or 'all'. */
    readonly targets: string;
    readonly strategy: AttackSummary['strategy'];
  } | null;
  readonly services: readonly ServiceEstimate[];
}

/** Single points of failure and minimal cut sets per service (exhaustive N-k analysis). */
export interface CutSetAnalysis {
  readonly maxOrder: number;
  readonly services: ReadonlyArray<{
    readonly serviceId: string;
    /** Minimal cut sets of order 1..maxOrder, each a sorted list of element or group ids. */
    readonly cutSets: ReadonlyArray<{ readonly order: number; readonly elements: readonly string[] }>;
    /** True when enumeration stopped at a limit before all cut sets up to maxOrder were found. */
    readonly truncated: boolean;
  }>;
  /**
   * Layered models: for each cut-set member (physical link or risk group, by id) that takes logical links down
   * through their routes, those links; absent for a single-layer model. A protected link is listed only when the
   * member cuts both its working and its protection route ("one duct takes down both circuits").
   */
  readonly layerEffects?: ReadonlyArray<{ readonly element: string; readonly links: ReadonlyArray<{ readonly linkId: string; readonly protected: boolean }> }>;
}

/** Paired comparison of a plan against a base (common random numbers). */
export interface Comparison {
  readonly base: { readonly name: string; readonly sha256: string };
  readonly plan: { readonly name: string; readonly sha256: string };
  /**
   * 'static': paired samples of the steady state; 'time': paired simulated years (`time` below is set). Optional:
   * absent in documents written before comparisons in time (they are static).
   */
  readonly kind?: 'static' | 'time';
  /** Simulated years per scenario pair of a comparison in time; absent for a static one. */
  readonly years?: number;
  readonly scenarios: ReadonlyArray<{
    readonly scenarioId: string;
    readonly services: ReadonlyArray<{
      readonly serviceId: string;
      readonly baseAvailability: Interval;
      readonly planAvailability: Interval;
      /** planAvailability - baseAvailability, paired 95% CI. */
      readonly difference: Interval;
      /** Var(unpaired difference) / Var(paired difference); > 1 means pairing helped. null when undefined. */
      readonly varianceReduction: number | null;
      /** A comparison in time: the paired figures per simulated year. Absent for a static comparison. */
      readonly time?: TimeServiceDifference;
    }>;
    /** A comparison in time: each side's crew figures in this scenario. Absent for a static comparison. */
    readonly crews?: { readonly base: readonly TimeCrewResult[]; readonly plan: readonly TimeCrewResult[] };
  }>;
}

/** A base/plan pair of intervals and their paired difference (plan - base). */
export interface PairedInterval {
  readonly base: Interval;
  readonly plan: Interval;
  /** plan - base with the paired 95% interval (may be negative). */
  readonly difference: Interval;
}

/** The figures of one service in a comparison in time, paired year by year (common random numbers). */
export interface TimeServiceDifference {
  /** Downtime minutes per year; the difference's interval is over the per-year differences. */
  readonly downtimeMinutesPerYear: PairedInterval;
  /** Outages per year. */
  readonly outagesPerYear: PairedInterval;
  /** P(no outage in a year): Wilson intervals per side, Newcombe's paired interval for the difference. */
  readonly probabilityNoOutageInYear: PairedInterval;
  /** P(outage > 15 h) per side (null without outages). */
  readonly probabilityOutageOver15Hours: { readonly base: Interval | null; readonly plan: Interval | null };
  /** Var(downtime difference of two independent simulations) / Var(paired); null when undefined. */
  readonly varianceReduction: number | null;
}

/** One service's figures from a time simulation (durations in fixed bins, hours). */
export interface TimeServiceResult {
  readonly serviceId: string;
  readonly outagesPerYear: Interval;
  readonly downtimeMinutesPerYear: Interval;
  /** Bin edges in hours; counts[i] is the number of outages with duration in [edges[i], edges[i+1]). */
  readonly durationHistogram: { readonly edgesHours: readonly number[]; readonly counts: readonly number[] };
  /*
   * The fields below are optional: documents written before engine 0.4.0's time simulation lack them.
   */
  /** Mean outage duration in hours with a 95% interval; null without outages. */
  readonly meanOutageHours?: Interval | null;
  /** 95th percentile of the outage duration in hours with a distribution-free 95% interval; null without outages. */
  readonly p95OutageHours?: Interval | null;
  /** Share of outages longer than 4 h (Clopper-Pearson); null without outages. */
  readonly probabilityOutageOver4Hours?: Interval | null;
  /** Share of outages longer than 15 h (the August 2024 outage lasted about 15 h); null without outages. */
  readonly probabilityOutageOver15Hours?: Interval | null;
  /** P(no outage in a year): the share of simulated years with the service up throughout (Clopper-Pearson). */
  readonly probabilityNoOutageInYear?: Interval;
  /** The worst simulated year: its downtime in minutes, and the most outages in one year. */
  readonly worstYear?: { readonly downtimeMinutes: number; readonly outages: number };
  /** The longest outage in hours (censored at 8760 h); null without outages. */
  readonly longestOutageHours?: number | null;
}

/** One repair crew's figures from a time simulation. */
export interface TimeCrewResult {
  readonly crewId: string;
  readonly name: string;
  /** Members working in parallel. */
  readonly size: number;
  /** Jobs (repairs, restorations) taken per year, exact Poisson interval. */
  readonly jobsPerYear: Interval;
  /** Fraction of member-time busy (responding or working), in [0, 1]. */
  readonly utilisation: Interval;
  /** Mean wait in hours from a request to a member taking it, over all jobs; null without jobs. */
  readonly meanWaitHours: Interval | null;
  /** Share of jobs that waited for a member; null without jobs. */
  readonly probabilityWait: Interval | null;
  /** The longest wait in hours; null without jobs. */
  readonly longestWaitHours: number | null;
}

/** A repair crew of the model (time simulation): who repairs what, how fast. */
export interface ResultCrew {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  /** The response-time distribution: its kind, mean in hours (0: none) and a description. */
  readonly response: { readonly distribution: string; readonly meanHours: number; readonly description: string };
  /** Node and link ids it repairs. */
  readonly elements: readonly string[];
}

/** One scenario's figures from a time simulation. */
export interface TimeScenarioResult {
  readonly scenarioId: string;
  readonly years: number;
  /**
   * How its forced events were simulated: 'none' (nothing forced), 'start' (at time 0 of every simulated year),
   * 'throughout' (down or in progress all the time), 'arrivals' (a Poisson process at `forcedEventsPerYear`).
   */
  readonly forcedEvents: 'none' | 'start' | 'throughout' | 'arrivals';
  readonly forcedEventsPerYear: number | null;
  readonly services: readonly TimeServiceResult[];
  /** Crew figures in model crew order (empty without crews). */
  readonly crews: readonly TimeCrewResult[];
}

/** Outage figures from a time simulation. `years` and `services` are those of the first scenario. */
export interface TimeSimulation {
  readonly years: number;
  readonly services: readonly TimeServiceResult[];
  /** Every simulated scenario, in study order (optional: absent before engine 0.4.0's time simulation). */
  readonly scenarios?: readonly TimeScenarioResult[];
  /** The model's repair crews (optional; empty without crews). */
  readonly crews?: readonly ResultCrew[];
}

export interface ResultDocument {
  readonly resultVersion: typeof RESULT_VERSION;
  readonly manifest: ResultManifest;
  readonly model: {
    readonly name: string;
    readonly description: string;
    /** True for the embedded illustrative NAFIN model: it is not the real (classified) topology. */
    readonly illustrative: boolean;
    readonly sites: readonly ResultSite[];
    readonly links: readonly ResultLink[];
    readonly services: readonly ResultService[];
    readonly riskGroups: readonly ResultRiskGroup[];
  };
  readonly scenarios: readonly ScenarioResult[];
  readonly cutSets: CutSetAnalysis | null;
  readonly comparison: Comparison | null;
  readonly timeSimulation: TimeSimulation | null;
}
