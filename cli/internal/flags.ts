// Every flag of the CLI, defined and parsed once. Commands add the groups they take, so a flag has one name, one
// rule and one meaning across run, simulate, compare, merge and the rest. A flag that breaks its rule is refused by
// commander, naming the flag and the rule (exit 2), before anything is read or written. Rules that belong
// to the application (the seed rule, the marking, the thread bound, defaults) are checked there, with the flag's
// name, before any work starts; this file stays light so that `--help` loads nothing else.

import { InvalidArgumentError, type Command } from 'commander';

/** Parses a positive integer flag (underscores allowed as digit separators). */
export function parsePositiveInteger(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value.replace(/_/g, ''));
    if (!/^[\d_]+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1)
      throw new InvalidArgumentError(`${flag} must be a positive integer, got "${value}"`);
    return n;
  };
}

/** Parses a number in an open interval (lo, hi). */
export function parseNumberBetween(flag: string, lo: number, hi: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= lo || n >= hi)
      throw new InvalidArgumentError(`${flag} must be a number in (${lo}, ${hi}), got "${value}"`);
    return n;
  };
}

/** Parses a duration in seconds: `90`, `90s`, `15m`, `2h`. */
export function parseDurationSeconds(flag: string): (value: string) => number {
  return (value: string) => {
    const match = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/.exec(value.trim());
    if (match === null) throw new InvalidArgumentError(`${flag} must be a duration such as 90s, 15m or 2h, got "${value}"`);
    const scale = match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1;
    const seconds = Number(match[1]) * scale;
    if (!(seconds > 0)) throw new InvalidArgumentError(`${flag} must be a positive duration, got "${value}"`);
    return seconds;
  };
}

/** Parses --workers: a whole number >= 0 (its upper bound depends on the machine and is checked when it runs). */
export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`--workers must be a whole number (0 runs on the main thread), got "${value}"`);
  return n;
}

/** Parses `i/N` with 0 <= i < N. */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match === null ? NaN : Number(match[1]);
  const count = match === null ? NaN : Number(match[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new InvalidArgumentError(`--shard must be i/N with 0 <= i < N (e.g. 0/4), got "${value}"`);
  }
  return { index, count };
}

function parseInflight(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 2)
    throw new InvalidArgumentError(`--inflight must be an integer >= 2, got "${value}"`);
  return n;
}

/** The name that stands for the embedded illustrative default study wherever an input file is asked for. */
export const DEFAULT_INPUT_NAME = 'default';

/** An input file argument: null (the embedded default study) when absent or "default", else the path. */
export function inputArgument(name: string | undefined): string | null {
  return name === undefined || name === DEFAULT_INPUT_NAME ? null : name;
}

/** Parses the --service flag of imported formats: `connected:a,b,c` or `reach:a,b>c,d` or `reach:a,b>c,d:2`. */
export function parseServiceFlag(spec: string): ServiceFlag {
  const ids = (text: string): string[] =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const connected = /^connected:(.+)$/.exec(spec);
  if (connected !== null) {
    const endpoints = ids(connected[1]);
    if (endpoints.length >= 2) return { kind: 'connected', endpoints };
  }
  const reach = /^reach:([^>]+)>([^:]+)(?::(\d+))?$/.exec(spec);
  if (reach !== null) {
    const from = ids(reach[1]);
    const to = ids(reach[2]);
    const k = reach[3] === undefined ? 1 : Number(reach[3]);
    if (from.length >= 1 && to.length >= 1 && k >= 1) return { kind: 'reach', from, to, k };
  }
  throw new InvalidArgumentError(`--service must be connected:ID,ID,... or reach:FROM,...>TO,...[:k], got "${spec}"`);
}

/** The service of --service. */
export type ServiceFlag =
  | { readonly kind: 'connected'; readonly endpoints: readonly string[] }
  | { readonly kind: 'reach'; readonly from: readonly string[]; readonly to: readonly string[]; readonly k: number };

/** The stopping rules of `--stop`. */
const STOP_RULES = ['verdict', 'rel-error', 'samples'] as const;

/** Parses --stop: one of STOP_RULES. */
export function parseStopRule(value: string): (typeof STOP_RULES)[number] {
  const rule = STOP_RULES.find((r) => r === value);
  if (rule === undefined) throw new InvalidArgumentError(`--stop must be one of ${STOP_RULES.join(', ')}, got "${value}"`);
  return rule;
}

/** Flags of the sampling budget and stopping rule. `unit` names what a sample is (samples, years). */
export interface BudgetFlags {
  stop?: (typeof STOP_RULES)[number];
  samples?: number;
  maxSamples?: number;
  years?: number;
  yearsPerBatch?: number;
  batchSize?: number;
  seed?: string;
  relError?: number;
  maxTime?: number;
  workers?: number;
}

/** Flags of what a job writes and prints. */
export interface OutputFlags {
  out?: string;
  json?: boolean;
  quiet?: boolean;
  marking?: string;
  baseline?: string;
  report?: boolean;
  png?: boolean;
}

/** Flags of checkpoints, shards and Redis. */
export interface DistributionFlags {
  resume?: boolean;
  shard?: { index: number; count: number };
  redis?: string;
  redisTlsCa?: string;
  queue?: string;
  redisPrefix?: string;
  inflight?: number;
}

/** Flags of imported formats. */
export interface ImportFlags {
  service?: ServiceFlag;
  links?: string;
}

/** Adds the sample-budget flags: samples (run, compare) or years (simulate). */
export function addBudgetFlags(command: Command, unit: 'samples' | 'years', relErrorOn: string): Command {
  if (unit === 'samples') {
    command
      .option(
        '--stop <rule>',
        'stopping rule: verdict (run\'s default without --samples or --rel-error: each service with a target stops once ' +
          'it is clearly met or missed), rel-error (with --rel-error), samples (a fixed budget)',
        parseStopRule,
      )
      .option('--samples <n>', 'samples per scenario (the cap with --rel-error or --stop verdict)', parsePositiveInteger('--samples'))
      .option('--max-samples <n>', 'the same as --samples', parsePositiveInteger('--max-samples'))
      .option('--batch-size <n>', 'samples per batch', parsePositiveInteger('--batch-size'));
  } else {
    command
      .option('--years <n>', 'simulated years per scenario (the cap with --rel-error); default the study\'s simulation.years, else 1000', parsePositiveInteger('--years'))
      .option('--years-per-batch <n>', 'simulated years per batch; default the study\'s simulation.yearsPerBatch, else 100', parsePositiveInteger('--years-per-batch'));
  }
  return command
    .option('--seed <seed>', 'study seed (1-128 printable characters); same seed, same numbers')
    .option('--rel-error <r>', `stop when every 95% CI half-width is below r times ${relErrorOn}`, parseNumberBetween('--rel-error', 0, 1))
    .option('--max-time <duration>', 'wall-clock budget (e.g. 90s, 15m, 2h); the result says where it stopped', parseDurationSeconds('--max-time'))
    .option('--workers <n>', 'worker threads (default: one per core; 0: main thread)', parseWorkers);
}

/** Adds the output flags (--out, --json, --quiet, --marking, --baseline, --no-report, --no-png). */
export function addOutputFlags(command: Command, options: { report: boolean } = { report: true }): Command {
  command
    .option('--out <dir>', 'output folder (default: neverout-out)')
    .option('--json', 'print the result document as JSON instead of tables')
    .option('--quiet', 'no progress, warnings or notices')
    .option('--marking <text>', 'marking line on every report page, chart and table (e.g. a classification)');
  if (options.report) {
    command
      .option('--baseline <result.json>', 'an earlier result: the report says what changed since')
      .option('--no-report', 'write result.json only, no charts or report')
      .option('--no-png', 'skip the PNG rendering of the charts');
  }
  return command;
}

/** Adds --resume, --shard and the Redis flags. */
export function addDistributionFlags(command: Command): Command {
  return command
    .option('--resume', 'continue an interrupted run from OUT/batches.jsonl (and, with --redis, the results stored in Redis)')
    .option('--shard <i/N>', 'run only batches with index % N == i (fixed budget); combine the parts with `neverout merge`', parseShard)
    .option(
      '--redis <url>',
      'run the batches on `neverout worker` processes through Redis (redis://host:6379, rediss:// for TLS; password also from NEVEROUT_REDIS_PASSWORD)',
    )
    .option('--redis-tls-ca <file>', 'PEM CA certificate(s) to trust for rediss://')
    .option('--queue <name>', 'BullMQ queue name; workers must use the same (default: neverout)')
    .option('--redis-prefix <prefix>', 'Redis key prefix; workers must use the same (default: neverout)')
    .option('--inflight <n>', 'with --redis: batches queued or running at once (default 64)', parseInflight);
}

/** Adds the flags of imported formats (GML, GraphML, CSV). */
export function addImportFlags(command: Command): Command {
  return command
    .option('--service <spec>', 'imported formats: the service to create, connected:ID,ID,... or reach:FROM,...>TO,...[:k]', parseServiceFlag)
    .option('--links <file>', 'CSV import: the links table (the main file is the nodes table)');
}
