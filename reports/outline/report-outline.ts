// The report's reading order, declared once: which sections exist, in which part (the two-page brief, the main
// report, the appendix) and in what order, and the blocks each holds. report.html and report.md render the same
// ReportOutline, so both read alike.

import type { ReportChart } from '../charts/report-chart.ts';
import type { ReportTable } from '../tables/report-table.ts';
import { REPORT_SECTIONS, type ReportPart, type ReportSectionId } from './report-sections.ts';

export { REPORT_SECTIONS, type ReportPart, type ReportSectionId } from './report-sections.ts';

/** A sentence or two with an optional lead shown in bold, e.g. lead "Missed —" or "Fix first:". */
export interface SummaryText {
  /** Includes its own separator ("Missed —", "Baseline:"); null for none. */
  readonly lead: string | null;
  readonly text: string;
}

/** One block of a section, rendered in order. */
export type OutlineBlock =
  | ({ readonly kind: 'paragraph' } & SummaryText)
  | { readonly kind: 'list'; readonly items: readonly SummaryText[] }
  /** A framed list that must be read first (the bottom line of the brief). */
  | { readonly kind: 'callout'; readonly items: readonly SummaryText[] }
  | { readonly kind: 'table'; readonly table: ReportTable }
  | { readonly kind: 'figure'; readonly chart: ReportChart };

/** A text block: what section builders write before the outline adds the section's tables and figures. */
export type TextBlock = Extract<OutlineBlock, { kind: 'paragraph' | 'list' | 'callout' }>;

/** A warning the reader must see before any figure. */
export interface SummaryNotice {
  readonly kind: 'illustrative' | 'partial';
  /** Short bold lead, e.g. "Illustrative model." */
  readonly lead: string;
  readonly text: string;
}

/** A section with its heading (numbered in the main report and the appendix) and blocks. */
export interface OutlineSection {
  readonly id: ReportSectionId;
  readonly part: ReportPart;
  /** Null for a section that continues the previous one without a heading (the headline chart). */
  readonly heading: string | null;
  readonly blocks: readonly OutlineBlock[];
}

/** The whole report in reading order. */
export interface ReportOutline {
  readonly title: string;
  readonly subtitle: string;
  readonly notices: readonly SummaryNotice[];
  /** Non-empty sections only, in the order of {@link REPORT_SECTIONS}. */
  readonly sections: readonly OutlineSection[];
}

/** The part a section belongs to. */
export function partOf(id: ReportSectionId): ReportPart {
  return REPORT_SECTIONS.find((s) => s.id === id)?.part ?? 'appendix';
}

/** A summary text as plain prose: lead and text joined by a space. */
export function formatSummaryText(text: SummaryText): string {
  return text.lead === null ? text.text : `${text.lead} ${text.text}`;
}

/** A paragraph block. */
export function paragraph(text: string, lead: string | null = null): TextBlock {
  return { kind: 'paragraph', lead, text };
}

/** A summary text with a lead. */
export function item(lead: string | null, text: string): SummaryText {
  return { lead, text };
}

/** A bulleted list block; plain strings become items without a lead. */
export function list(items: ReadonlyArray<string | SummaryText>): TextBlock {
  return { kind: 'list', items: items.map((i) => (typeof i === 'string' ? item(null, i) : i)) };
}
