// Options of buildReport and their defaults (resolveReportOptions fills every field from DEFAULT_REPORT_OPTIONS).

import type { ResultDocument } from '../engine/index.ts';
import { ReportOptionsError } from './report-errors.ts';

/** Longest marking line accepted, in characters. */
export const MAX_MARKING_LENGTH = 200;

/** Options of {@link buildReport}; only `outDir` is required. */
export interface ReportOptions {
  /** Folder to write into; created when missing. Existing files of the same names are replaced atomically. */
  outDir: string;
  /** An earlier analysis to compare with ("what changed since"). */
  baseline?: ResultDocument;
  /** Marking line (e.g. a classification) at the top and bottom of every page; default the document's own marking. */
  marking?: string;
  /** Also write a PNG of every chart (resvg, shipped font); default true. */
  png?: boolean;
  /** Receives non-fatal issues, e.g. a Vega warning while rendering a chart; default: collected in the result only. */
  onWarning?: (message: string) => void;
}

/** {@link ReportOptions} with every field set. */
export interface ResolvedReportOptions {
  readonly outDir: string;
  readonly baseline: ResultDocument | null;
  /** The marking to print, or null for none. */
  readonly marking: string | null;
  readonly png: boolean;
  readonly onWarning: (message: string) => void;
}

export const DEFAULT_REPORT_OPTIONS = {
  baseline: null,
  marking: null,
  png: true,
  onWarning: () => undefined,
} as const satisfies Omit<ResolvedReportOptions, 'outDir'>;

/**
 * Fills defaults and checks the options. The marking comes from the options, else from the document's manifest.
 * @throws ReportOptionsError for an empty outDir or a marking that is blank, multi-line or too long
 */
export function resolveReportOptions(doc: ResultDocument, options: ReportOptions): ResolvedReportOptions {
  if (typeof options.outDir !== 'string' || options.outDir.trim() === '') {
    throw new ReportOptionsError('options.outDir must be a non-empty folder path');
  }
  const marking = options.marking ?? doc.manifest.marking ?? DEFAULT_REPORT_OPTIONS.marking;
  if (marking !== null && (marking.trim() === '' || /[\r\n]/.test(marking) || marking.length > MAX_MARKING_LENGTH)) {
    throw new ReportOptionsError(
      `options.marking must be one non-blank line of at most ${MAX_MARKING_LENGTH} characters`,
    );
  }
  return {
    outDir: options.outDir,
    baseline: options.baseline ?? DEFAULT_REPORT_OPTIONS.baseline,
    marking: marking === null ? null : marking.trim(),
    png: options.png ?? DEFAULT_REPORT_OPTIONS.png,
    onWarning: options.onWarning ?? DEFAULT_REPORT_OPTIONS.onWarning,
  };
}
