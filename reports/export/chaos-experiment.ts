// Types of the Chaos Toolkit experiment format, the subset the drill export writes. Source: "An Open API for Chaos
// Engineering Experiments", https://chaostoolkit.org/reference/api/experiment/ (chaostoolkit-documentation,
// sources/reference/api/experiment.md): an experiment MUST declare version, title, description and method, SHOULD
// declare steady-state-hypothesis and rollbacks, MAY declare tags, configuration, contributions and extensions.

/** A process provider: runs an executable with positional arguments (`${name}` is substituted from configuration). */
export interface ProcessProvider {
  readonly type: 'process';
  /** An executable found on PATH or an absolute path (Chaos Toolkit checks it exists when validating). */
  readonly path: string;
  readonly arguments: readonly string[];
  /** Seconds before the process is considered failed. */
  readonly timeout: number;
}

/** A probe of the steady-state hypothesis: `tolerance` gates the experiment (for a process, the exit status). */
export interface ChaosProbe {
  readonly type: 'probe';
  /** Unique within the experiment. */
  readonly name: string;
  readonly tolerance: number | string | boolean;
  readonly provider: ProcessProvider;
}

/** An action of the method or the rollbacks. */
export interface ChaosAction {
  readonly type: 'action';
  /** Unique within the experiment. */
  readonly name: string;
  readonly provider: ProcessProvider;
  /** Seconds to wait before and after the action. */
  readonly pauses?: { readonly before?: number; readonly after?: number };
}

/** A configuration value read from the environment when the experiment runs (fails when the variable is unset). */
export interface EnvConfiguration {
  readonly type: 'env';
  readonly key: string;
}

/** Weight of an experiment's contribution to a system property. */
export type ContributionWeight = 'high' | 'medium' | 'low' | 'none';

/** A Chaos Toolkit experiment, as written to one JSON file. */
export interface ChaosExperiment {
  readonly version: '1.0.0';
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly contributions: Readonly<Record<string, ContributionWeight>>;
  readonly configuration: Readonly<Record<string, EnvConfiguration | string>>;
  readonly 'steady-state-hypothesis': { readonly title: string; readonly probes: readonly ChaosProbe[] };
  readonly method: readonly ChaosAction[];
  readonly rollbacks: readonly ChaosAction[];
  /** Vendor payloads; each MUST have a non-empty name. */
  readonly extensions: ReadonlyArray<{ readonly name: string; readonly [key: string]: unknown }>;
}
