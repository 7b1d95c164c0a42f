// Public API of reports/: turn a result document into charts (Vega-Lite, SVG, PNG), CSV tables, report.md and a
// self-contained report.html. Reads the result document and nothing else.

export { buildReport, checkReportFolder, type ReportResult } from './build-report.ts';
export {
  DEFAULT_REPORT_OPTIONS,
  MAX_MARKING_LENGTH,
  resolveReportOptions,
  type ReportOptions,
  type ResolvedReportOptions,
} from './report-options.ts';
export {
  ReportInputError,
  ReportOptionsError,
  ReportRenderError,
  type ResultDocumentProblem,
} from './report-errors.ts';
export { checkResultDocument } from './read-result-document.ts';

// Pure builders, for callers that want parts of a report without writing files.
export { buildReportOutline, type OutlineInput } from './outline/build-outline.ts';
export {
  REPORT_SECTIONS,
  type OutlineBlock,
  type OutlineSection,
  type ReportOutline,
  type ReportPart,
  type ReportSectionId,
  type SummaryNotice,
  type SummaryText,
} from './outline/report-outline.ts';
export { buildCharts } from './charts/build-charts.ts';
export type { ChartBuildOptions, ChartSpec, MeasureText, ReportChart } from './charts/report-chart.ts';
export { buildTables } from './tables/build-tables.ts';
export {
  MAX_PRINTED_ROWS,
  formatCsv,
  formatCell,
  type ReportTable,
  type TableColumn,
  type CellValue,
} from './tables/report-table.ts';
export { buildReportMarkdown, type MarkdownReportInput } from './markdown/report-markdown.ts';
export { buildReportHtml, type HtmlReportInput, type VendorScripts } from './html/report-html.ts';
export { checkOutputLocation, describeWriteError, OutputPathError, writeFileAtomic } from './internal/write-atomic.ts';
export * from './export/index.ts';
