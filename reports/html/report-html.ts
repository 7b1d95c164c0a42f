// report.html: one self-contained page (Vega, Vega-Lite and vega-embed inlined, static SVG fallbacks, no request ever
// leaves the page, enforced by a Content-Security-Policy): the two-page brief, the main report and the appendix, each
// starting on a new printed page, with the marking on every page.
//
//   outline (brief, main, appendix sections of text, tables and figures)
//     ──> sections ──> page (marking bars, CSP, inline scripts, chart specs as JSON)

import type { ReportChart } from '../charts/report-chart.ts';
import type {
  OutlineBlock,
  OutlineSection,
  ReportOutline,
  ReportPart,
  SummaryText,
} from '../outline/report-outline.ts';
import {
  formatCell,
  formatCellParts,
  type CellValue,
  type ReportTable,
  type TableColumn,
} from '../tables/report-table.ts';
import { REPORT_CSS } from './report-style.ts';

/** The browser builds of the chart libraries, inlined so the page needs nothing else. */
export interface VendorScripts {
  /** vega/build/vega.min.js */
  readonly vega: string;
  /** vega-lite/build/vega-lite.min.js */
  readonly vegaLite: string;
  /** vega-embed/build/vega-embed.min.js */
  readonly vegaEmbed: string;
}

/** A chart with its static SVG rendering (the fallback shown until, or unless, the interactive chart renders). */
export interface RenderedReportChart {
  readonly chart: ReportChart;
  readonly svg: string;
}

/** Everything report.html shows. */
export interface HtmlReportInput {
  readonly outline: ReportOutline;
  /** The static SVG of every chart in the outline. */
  readonly charts: readonly RenderedReportChart[];
  /** Marking line at the top and bottom of the screen and of every printed page, or null. */
  readonly marking: string | null;
  /** True for an illustrative model: every page then says so next to the marking. */
  readonly illustrative: boolean;
  /** True when PNG files were written; the figures then list them. */
  readonly png: boolean;
  readonly scripts: VendorScripts;
  /** Tool and version for the generator meta tag, e.g. "neverout 0.1.0". */
  readonly generator: string;
}

/**
 * Nothing may be fetched: scripts and styles are inline, images are data: URIs at most. Vega compiles its expressions
 * with `new Function`, hence 'unsafe-eval'.
 */
export const REPORT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

/** Id of the JSON script element holding the chart specs by name. */
export const CHART_SPECS_ELEMENT_ID = 'neverout-chart-specs';

/** Embeds every chart with vega-embed (actions off) and hides its static fallback once the interactive one is drawn. */
const EMBED_SCRIPT = `
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('${CHART_SPECS_ELEMENT_ID}').textContent);
  var figures = document.querySelectorAll('figure.chart[data-chart]');
  Array.prototype.forEach.call(figures, function (figure) {
    var spec = specs[figure.getAttribute('data-chart')];
    var target = figure.querySelector('.chart-interactive');
    if (!spec || !target || typeof vegaEmbed !== 'function') return;
    vegaEmbed(target, spec, { actions: false, renderer: 'svg' }).then(function () {
      figure.classList.add('is-interactive');
      figure.setAttribute('data-embed', 'done');
    }).catch(function (error) {
      figure.setAttribute('data-embed', 'failed: ' + (error && error.message ? error.message : String(error)));
    });
  });
})();
`;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Makes script text safe inside <script>: no "</script" or "<!--" can end or confuse the element. */
export function escapeInlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON for a <script type="application/json"> element: "<" escaped so the data can never close the element. */
export function toInlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Prepares a standalone SVG for inlining: ids (and their url(#…)/href="#…" references) get a per-chart prefix so
 * several charts on one page cannot clash, and the root gets role="img" with the description as its label.
 */
export function prepareInlineSvg(svg: string, idPrefix: string, label: string): string {
  const prefixed = svg
    .replace(/\bid="([^"]+)"/g, `id="${idPrefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${idPrefix}-$1"`);
  return prefixed.replace(/<svg\b/, `<svg role="img" aria-label="${escapeHtml(label)}"`);
}

/** A summary text with its lead in bold, so verdicts ("Missed —") and scenarios ("Baseline:") scan quickly. */
function renderText(text: SummaryText): string {
  return text.lead === null
    ? escapeHtml(text.text)
    : `<strong>${escapeHtml(text.lead)}</strong> ${escapeHtml(text.text)}`;
}

function isNumeric(column: TableColumn): boolean {
  return column.format !== 'text' && column.format !== 'status' && column.format !== 'boolean';
}

function renderCell(column: TableColumn, value: CellValue): string {
  const parts = formatCellParts(column, value);
  const range = parts.range === null ? '' : `<span class="ci">${escapeHtml(parts.range)}</span>`;
  const classes =
    column.format === 'status'
      ? ` class="status status-${parts.value.replace(/[^a-z]+/gi, '-').toLowerCase()}"`
      : isNumeric(column)
        ? ' class="num"'
        : '';
  return `<td${classes}>${escapeHtml(parts.value)}${range}</td>`;
}

/**
 * A table as HTML: numeric columns right-aligned, a CI on its own line under its estimate, CSV-only columns left
 * out, and grouping columns (e.g. scenario) shown once as a heading row when their value changes.
 */
export function renderHtmlTable(table: ReportTable): string {
  const visible = table.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column, index }) => column.csvOnly !== true && !table.groupBy.includes(index));
  const head = visible
    .map(({ column }) => `<th scope="col"${isNumeric(column) ? ' class="num"' : ''}>${escapeHtml(column.header)}</th>`)
    .join('');
  const body: string[] = [];
  let group: string | null = null;
  for (const row of table.rows) {
    if (table.groupBy.length > 0) {
      const key = table.groupBy
        .map((i) => formatCell(table.columns[i] ?? { header: '', format: 'text' }, row[i] ?? null))
        .join(' — ');
      if (key !== group) {
        body.push(`<tr class="group"><th colspan="${visible.length}" scope="rowgroup">${escapeHtml(key)}</th></tr>`);
        group = key;
      }
    }
    body.push(`<tr>${visible.map(({ column, index }) => renderCell(column, row[index] ?? null)).join('')}</tr>`);
  }
  return `<div class="table-scroll"><table class="data"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

function csvLink(table: ReportTable): string {
  return `<a href="tables/${escapeHtml(table.name)}.csv">tables/${escapeHtml(table.name)}.csv</a>`;
}

/**
 * A table block. In the brief the section's own heading introduces it, so only the table and a screen-only CSV
 * link show; elsewhere it has its title and description. A collapsed table prints as a pointer to its CSV file.
 */
function renderTableBlock(table: ReportTable, part: ReportPart): string {
  const id = `table-${escapeHtml(table.name)}`;
  const html = renderHtmlTable(table);
  if (part === 'brief') {
    return `<div class="table-block brief-table" id="${id}">${html}<p class="table-files">CSV: ${csvLink(table)}</p></div>`;
  }
  const heading = `<h3>${escapeHtml(table.title)}</h3>`;
  const intro = `<p>${escapeHtml(table.description)} CSV: ${csvLink(table)}.</p>`;
  const content = table.collapsed
    ? `<p class="print-only">${table.rows.length} rows: see ${csvLink(table)}.</p><details class="screen-only"><summary>Show all ${table.rows.length} rows</summary>${html}</details>`
    : html;
  return `<div class="table-block" id="${id}"><div class="keep">${heading}\n${intro}</div>\n${content}</div>`;
}

function renderManifest(table: ReportTable): string {
  const items = table.rows
    .map((row) => {
      const [field = null, value = null] = row;
      const fieldColumn = table.columns[0] ?? { header: 'Field', format: 'text' as const };
      const valueColumn = table.columns[1] ?? { header: 'Value', format: 'text' as const };
      return `<dt>${escapeHtml(formatCell(fieldColumn, field))}</dt><dd>${escapeHtml(formatCell(valueColumn, value))}</dd>`;
    })
    .join('\n');
  return `<div class="table-block" id="table-${escapeHtml(table.name)}"><p>${escapeHtml(table.description)} CSV: ${csvLink(table)}.</p><dl class="manifest">\n${items}\n</dl></div>`;
}

function renderFigure(
  rendered: RenderedReportChart,
  tableNames: ReadonlySet<string>,
  tableTitles: ReadonlyMap<string, string>,
  png: boolean,
): string {
  const { chart, svg } = rendered;
  const name = escapeHtml(chart.name);
  const files = [
    `charts/${chart.name}.svg`,
    ...(png ? [`charts/${chart.name}.png`] : []),
    `charts/${chart.name}.vl.json`,
  ]
    .map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`)
    .join(' · ');
  const data = chart.tableNames
    .filter((t) => tableNames.has(t))
    .map((t) => `<a href="#table-${escapeHtml(t)}">${escapeHtml(tableTitles.get(t) ?? t)}</a>`);
  const refs = data.length === 0 ? '' : ` <span class="chart-refs">Data: ${data.join('; ')}.</span>`;
  return [
    `<figure class="chart" id="chart-${name}" data-chart="${name}">`,
    // The chart draws its own title; the heading is for the document outline and screen readers.
    `<h3 class="visually-hidden">${escapeHtml(chart.title)}</h3>`,
    '<div class="chart-interactive"></div>',
    `<div class="chart-fallback">${prepareInlineSvg(svg, `fallback-${chart.name}`, chart.description)}</div>`,
    `<figcaption>${escapeHtml(chart.caption)}${refs}</figcaption>`,
    `<p class="chart-files">Files: ${files}</p>`,
    '</figure>',
  ].join('\n');
}

/** Everything a block needs to render besides itself. */
interface BlockContext {
  readonly part: ReportPart;
  readonly rendered: ReadonlyMap<string, RenderedReportChart>;
  readonly tableNames: ReadonlySet<string>;
  readonly tableTitles: ReadonlyMap<string, string>;
  readonly png: boolean;
}

function renderBlock(block: OutlineBlock, context: BlockContext): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${renderText(block)}</p>`;
    case 'list':
      return `<ul>${block.items.map((i) => `<li>${renderText(i)}</li>`).join('')}</ul>`;
    case 'callout':
      return `<div class="callout"><ul>${block.items.map((i) => `<li>${renderText(i)}</li>`).join('')}</ul></div>`;
    case 'table':
      return block.table.name === 'manifest'
        ? renderManifest(block.table)
        : renderTableBlock(block.table, context.part);
    case 'figure': {
      const rendered = context.rendered.get(block.chart.name);
      return rendered === undefined ? '' : renderFigure(rendered, context.tableNames, context.tableTitles, context.png);
    }
  }
}

/** A section: its heading kept on one page with the first text block, then the other blocks. */
function renderSection(section: OutlineSection, context: BlockContext): string {
  const blocks = section.blocks.map((b) => renderBlock(b, context));
  const first = section.blocks[0];
  const keepFirst =
    first !== undefined && (first.kind === 'paragraph' || first.kind === 'list' || first.kind === 'callout');
  const heading = section.heading === null ? '' : `<h2>${escapeHtml(section.heading)}</h2>`;
  const opening = keepFirst ? `<div class="keep">${heading}\n${blocks[0] ?? ''}</div>` : heading;
  const rest = (keepFirst ? blocks.slice(1) : blocks).filter((b) => b !== '');
  return `<section id="section-${escapeHtml(section.id)}" class="section">${[opening, ...rest].filter((b) => b !== '').join('\n')}</section>`;
}

function renderMarking(marking: string | null, illustrative: boolean, position: 'top' | 'bottom'): string {
  if (marking === null && !illustrative) return '';
  const tag = illustrative ? '<span class="illustrative-tag">Illustrative model, not the real network</span>' : '';
  return `<div class="marking marking-${position}" role="note">${marking === null ? '' : escapeHtml(marking)}${tag}</div>`;
}

const PART_TITLES: Readonly<Record<ReportPart, string | null>> = { brief: null, main: null, appendix: 'Appendix' };

/**
 * Builds report.html as one string. Pure: the caller supplies the rendered SVGs and the library sources.
 */
export function buildReportHtml(input: HtmlReportInput): string {
  const { outline } = input;
  const tables = outline.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])));
  const charts = outline.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'figure' ? [b.chart] : [])));
  const rendered = new Map(input.charts.map((c) => [c.chart.name, c]));
  const tableNames = new Set(tables.map((t) => t.name));
  const tableTitles = new Map(tables.map((t) => [t.name, t.title]));
  const notices = outline.notices
    .map(
      (n) =>
        `<div class="notice notice-${n.kind}" role="alert"><strong>${escapeHtml(n.lead)}</strong> ${escapeHtml(n.text)}</div>`,
    )
    .join('\n');
  const parts = (['brief', 'main', 'appendix'] as const).map((part) => {
    const sections = outline.sections.filter((s) => s.part === part);
    if (sections.length === 0) return '';
    const context: BlockContext = { part, rendered, tableNames, tableTitles, png: input.png };
    const title = PART_TITLES[part];
    const body = sections.map((s) => renderSection(s, context)).join('\n');
    return `<div class="part part-${part}" id="part-${part}">${title === null ? '' : `<p class="part-title">${escapeHtml(title)}</p>`}\n${body}</div>`;
  });
  const contents = outline.sections
    .filter((s) => s.heading !== null)
    .map((s) => `<li><a href="#section-${escapeHtml(s.id)}">${escapeHtml(s.heading ?? '')}</a></li>`)
    .join('');
  const specs = Object.fromEntries(charts.map((c) => [c.name, c.spec]));
  const main = [
    '<main>',
    `<header class="report-header"><p class="kicker">neverout resilience report</p><h1>${escapeHtml(outline.title)}</h1><p class="subtitle">${escapeHtml(outline.subtitle)}</p></header>`,
    notices,
    `<nav class="contents" aria-label="Contents"><strong>Contents</strong><ol>${contents}</ol></nav>`,
    ...parts,
    '</main>',
  ]
    .filter((part) => part !== '')
    .join('\n');
  const space = '<tr><td><div class="page-space"></div></td></tr>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(input.generator)}">
<title>${escapeHtml(outline.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${renderMarking(input.marking, input.illustrative, 'top')}
<table class="page-frame" role="presentation"><thead>${space}</thead><tfoot>${space}</tfoot><tbody><tr><td>
${main}
</td></tr></tbody></table>
${renderMarking(input.marking, input.illustrative, 'bottom')}
<script>${escapeInlineScript(input.scripts.vega)}</script>
<script>${escapeInlineScript(input.scripts.vegaLite)}</script>
<script>${escapeInlineScript(input.scripts.vegaEmbed)}</script>
<script type="application/json" id="${CHART_SPECS_ELEMENT_ID}">${toInlineJson(specs)}</script>
<script>${EMBED_SCRIPT}</script>
</body>
</html>
`;
}
