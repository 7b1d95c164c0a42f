// report.md: the same outline as report.html (brief, main report, appendix) in GitHub-flavoured Markdown, for readers
// who get the report as text or paste it into a wiki. The marking opens and closes the file.

import type { OutlineBlock, ReportOutline, SummaryText } from '../outline/report-outline.ts';
import { formatCell, type ReportTable } from '../tables/report-table.ts';

/** Everything report.md shows. */
export interface MarkdownReportInput {
  readonly outline: ReportOutline;
  /** Marking line printed at the top and bottom (e.g. a classification), or null. */
  readonly marking: string | null;
  /** True when PNGs were written next to the SVGs; the figures then link them too. */
  readonly png: boolean;
}

/** Escapes Markdown's inline syntax characters in plain text (CommonMark backslash escapes). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/^#/, '\\#');
}

function formatMarkdownText(text: SummaryText): string {
  return text.lead === null
    ? escapeMarkdown(text.text)
    : `**${escapeMarkdown(text.lead)}** ${escapeMarkdown(text.text)}`;
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

function formatTableBlock(table: ReportTable, titled: boolean): string[] {
  const csv = `[tables/${table.name}.csv](tables/${table.name}.csv)`;
  const lines = titled
    ? [`### ${escapeMarkdown(table.title)}`, '', `${escapeMarkdown(table.description)} CSV: ${csv}.`, '']
    : [];
  if (table.collapsed) lines.push(`${table.rows.length} rows; see ${csv}.`, '');
  else lines.push(formatMarkdownTable(table), '', ...(titled ? [] : [`CSV: ${csv}.`, '']));
  return lines;
}

function formatBlock(block: OutlineBlock, brief: boolean, png: boolean): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [formatMarkdownText(block), ''];
    case 'list':
      return [...block.items.map((i) => `- ${formatMarkdownText(i)}`), ''];
    case 'callout':
      return [...block.items.map((i) => `> - ${formatMarkdownText(i)}`), ''];
    case 'table':
      return formatTableBlock(block.table, !brief);
    case 'figure': {
      const chart = block.chart;
      const files = [
        `[SVG](charts/${chart.name}.svg)`,
        ...(png ? [`[PNG](charts/${chart.name}.png)`] : []),
        `[Vega-Lite spec](charts/${chart.name}.vl.json)`,
      ];
      return [
        `![${escapeMarkdown(chart.title)}](charts/${chart.name}.svg)`,
        '',
        `*${escapeMarkdown(chart.caption)}* (${files.join(', ')})`,
        '',
      ];
    }
  }
}

/**
 * Builds report.md: marking, title, notices, then every section of the outline (brief, main report, appendix),
 * then the marking again. Ends with exactly one newline.
 */
export function buildReportMarkdown(input: MarkdownReportInput): string {
  const { outline } = input;
  const marking = input.marking === null ? [] : [`**${escapeMarkdown(input.marking)}**`, ''];
  const lines: string[] = [...marking, `# ${escapeMarkdown(outline.title)}`, '', escapeMarkdown(outline.subtitle), ''];
  for (const notice of outline.notices)
    lines.push(`> **${escapeMarkdown(notice.lead)}** ${escapeMarkdown(notice.text)}`, '');
  let part: string | null = null;
  for (const section of outline.sections) {
    if (section.part === 'appendix' && part !== 'appendix') lines.push('---', '', '# Appendix', '');
    else if (section.part === 'main' && part !== 'main') lines.push('---', '');
    part = section.part;
    if (section.heading !== null) lines.push(`## ${escapeMarkdown(section.heading)}`, '');
    for (const block of section.blocks) lines.push(...formatBlock(block, section.part === 'brief', input.png));
  }
  lines.push(...marking);
  return `${lines.join('\n').trimEnd()}\n`;
}
