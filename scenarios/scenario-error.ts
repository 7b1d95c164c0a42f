// Located diagnostics for user input: every problem in a file is collected as a value and reported at once
// (DESIGN.md "Errors"); the CLI prints them and exits 2.

import { describeJsonValue, InputError } from '../engine/index.ts';

/** One problem (or warning) in an input file, located by line, column and field path. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** 1-based; 0 when unknown. */
  readonly line: number;
  /** 1-based; 0 when unknown. */
  readonly column: number;
  /** Field path such as `links[3].lengthKm`; empty for the whole file. */
  readonly path: string;
  /** The whole sentence after the path, e.g. `expected a positive number, got -2`. */
  readonly message: string;
}

/** Formats a diagnostic as `file:line:column path: message` (the path is left out when empty). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return d.path === '' ? `${where}: ${prefix}${d.message}` : `${where} ${prefix}${d.path}: ${d.message}`;
}

/** Bad user input: carries every located diagnostic found (errors and warnings). Exit code 2. */
export class ScenarioError extends InputError {
  override readonly name = 'ScenarioError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(errors.map(formatDiagnostic).join('\n'));
  }
}

/** Receives non-fatal diagnostics (warnings); tests inject a capturing logger. */
export type DiagnosticLogger = (diagnostic: Diagnostic) => void;

/** A logger that drops everything. */
export const SILENT_LOGGER: DiagnosticLogger = () => undefined;

/** Formats a path array as `links[3].lengthKm`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Describes a received value briefly for messages: `-2`, `"abc"`, `a list`, `an empty list`, `nothing`. */
export const describeValue: (value: unknown) => string = describeJsonValue;
