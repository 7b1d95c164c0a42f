// Errors of the reports stage, one class each (tests check the class, not the wording): a result document that
// cannot be reported on, bad report options, and a chart that fails to render (a bug).

import { InputError, InternalError } from '../engine/index.ts';

/** One problem found in a result document. */
export interface ResultDocumentProblem {
  /** Field path, e.g. `scenarios[0].services[2].availability.lower`. */
  readonly path: string;
  readonly expected: string;
  readonly received: string;
}

/** The input is not a result document reports can read (invalid JSON, wrong version, missing fields). Exit code 2. */
export class ReportInputError extends InputError {
  override readonly name = 'ReportInputError';
  readonly file: string;
  readonly problems: readonly ResultDocumentProblem[];

  constructor(file: string, problems: readonly ResultDocumentProblem[]) {
    super(problems.map((p) => `${file} ${p.path}: expected ${p.expected}, got ${p.received}`).join('\n'));
    this.file = file;
    this.problems = problems;
  }
}

/** A report option breaks its rule, e.g. `options.marking must be one line of at most 200 characters`. Exit code 2. */
export class ReportOptionsError extends InputError {
  override readonly name = 'ReportOptionsError';
}

/** A chart failed to compile or render: a bug in a chart builder. Exit code 1. */
export class ReportRenderError extends InternalError {
  override readonly name = 'ReportRenderError';
  readonly chartName: string;

  constructor(chartName: string, cause: unknown) {
    super(`chart ${chartName} failed to render: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.chartName = chartName;
  }
}
