// The report's sections in reading order with their part, apart from the outline so that charts and tables can name
// their section without importing the outline that holds them (no import cycle).

/** The three parts of a printed report: the brief (first two A4 pages), the main report, the appendix. */
export type ReportPart = 'brief' | 'main' | 'appendix';

/** Every section of a report in reading order, with its part. A chart or table names the section it belongs to. */
export const REPORT_SECTIONS = [
  { id: 'brief-bottom-line', part: 'brief' },
  { id: 'brief-services', part: 'brief' },
  { id: 'brief-headline', part: 'brief' },
  { id: 'brief-weak-spots', part: 'brief' },
  { id: 'brief-changes', part: 'brief' },
  { id: 'normal', part: 'main' },
  { id: 'weak-spots', part: 'main' },
  { id: 'events', part: 'main' },
  { id: 'sabotage', part: 'main' },
  { id: 'changes', part: 'main' },
  { id: 'time', part: 'main' },
  { id: 'comparison', part: 'main' },
  { id: 'maps', part: 'appendix' },
  { id: 'importance', part: 'appendix' },
  { id: 'precision', part: 'appendix' },
  { id: 'tables', part: 'appendix' },
  { id: 'descriptions', part: 'appendix' },
  { id: 'manifest', part: 'appendix' },
] as const satisfies ReadonlyArray<{ id: string; part: ReportPart }>;

/** The id of a report section. */
export type ReportSectionId = (typeof REPORT_SECTIONS)[number]['id'];
