// report.md: the same summary, figures (linked SVGs with their text descriptions) and tables as report.html, in
// GitHub-flavoured Markdown, for readers who get the report as text or paste it into a wiki.

import type { ReportChart } from '../charts/report-chart.ts';
import { planReportLayout } from '../internal/report-layout.ts';
import { escapeMarkdown, formatSummaryMarkdown, type ReportSummary } from '../summary.ts';
import { formatCell, type ReportTable } from '../tables/report-table.ts';

/** Everything report.md shows. */
export interface MarkdownReportInput {
  readonly summary: ReportSummary;
  readonly charts: readonly ReportChart[];
  readonly tables: readonly ReportTable[];
  /** Marking line printed at the top and bottom (e.g. a classification), or null. */
  readonly marking: string | null;
  /** True when PNGs were written next to the SVGs; the figures then link them too. */
  readonly png: boolean;
}

/** Escapes a table cell: Markdown inline syntax, pipes, and line breaks (which would end the row). */
function escapeCell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured Markdown table without the CSV-only columns; columns of numbers are right-aligned. */
export function formatMarkdownTable(table: ReportTable): string {
  const visible = table.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.csvOnly !== true);
  const header = `| ${visible.map(({ column }) => escapeCell(column.header)).join(' | ')} |`;
  const rule = `|${visible.map(({ column }) => (column.format === 'text' || column.format === 'status' || column.format === 'boolean' ? ' --- ' : ' ---: ')).join('|')}|`;
  const rows = table.rows.map(
    (row) =>
      `| ${visible.map(({ column, index }) => escapeCell(formatCell(column, row[index] ?? null))).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

function formatTableSection(table: ReportTable, level: string): string[] {
  const lines = [
    `${level} ${escapeMarkdown(table.title)}`,
    '',
    `${escapeMarkdown(table.description)} CSV: [tables/${table.name}.csv](tables/${table.name}.csv).`,
    '',
  ];
  if (table.placement === 'collapsed') {
    lines.push(`${table.rows.length} rows; see the CSV file.`, '');
  } else {
    lines.push(formatMarkdownTable(table), '');
  }
  return lines;
}

/**
 * Builds report.md.
 * Layout: marking, summary, figures each with their tables, further tables, appendix, manifest, marking.
 */
export function buildReportMarkdown(input: MarkdownReportInput): string {
  const layout = planReportLayout(input.charts, input.tables);
  const marking = input.marking === null ? [] : [`**${escapeMarkdown(input.marking)}**`, ''];
  const lines: string[] = [...marking, formatSummaryMarkdown(input.summary).trimEnd(), ''];
  if (layout.figures.length > 0) lines.push('## Figures', '');
  for (const { chart, tables, references } of layout.figures) {
    lines.push(`### ${escapeMarkdown(chart.title)}`, '');
    lines.push(`![${escapeMarkdown(chart.description).replace(/\n/g, ' ')}](charts/${chart.name}.svg)`, '');
    const files = [
      `[SVG](charts/${chart.name}.svg)`,
      ...(input.png ? [`[PNG](charts/${chart.name}.png)`] : []),
      `[Vega-Lite spec](charts/${chart.name}.vl.json)`,
    ];
    lines.push(`*${escapeMarkdown(chart.description)}* (${files.join(', ')})`, '');
    for (const note of chart.notes.filter((n) => !chart.description.includes(n)))
      lines.push(`Note: ${escapeMarkdown(note)}`, '');
    if (references.length > 0)
      lines.push(`Data also in: ${references.map((t) => escapeMarkdown(t.title)).join('; ')}.`, '');
    for (const table of tables) lines.push(...formatTableSection(table, '####'));
  }
  if (layout.furtherTables.length > 0) {
    lines.push('## Further tables', '');
    for (const table of layout.furtherTables) lines.push(...formatTableSection(table, '###'));
  }
  if (layout.appendix.length > 0) {
    lines.push('## Appendix', '');
    for (const table of layout.appendix) lines.push(...formatTableSection(table, '###'));
  }
  if (layout.manifest !== null) lines.push(...formatTableSection(layout.manifest, '##'));
  lines.push(...marking);
  return `${lines.join('\n').trimEnd()}\n`;
}
