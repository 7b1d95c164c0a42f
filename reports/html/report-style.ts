// The report page's stylesheet: a calm, document-like screen layout and an A4 print layout whose marking line
// repeats at the top and bottom of every page (fixed elements over spacers in a repeating table header/footer).
// In print the brief, the main report and the appendix each start a page, a chart never splits (it shrinks to fit
// a page instead), and a heading stays with what follows it.

/** Height reserved at the top and bottom of each printed page for the marking line. */
const PRINT_MARKING_SPACE = '11mm';
/**
 * Tallest a chart may print: the A4 page (297 mm) less its margins (2 × 10 mm), the marking spaces (2 × 11 mm) and
 * room for the caption below, so a figure always fits on one page.
 */
const PRINT_CHART_MAX_HEIGHT = '205mm';
/** Tallest the brief's headline chart may print, so the brief stays within two pages. */
const BRIEF_CHART_MAX_HEIGHT = '92mm';

/** The full CSS of report.html; no external fonts or resources. */
export const REPORT_CSS = `
:root {
  --ink: #1b1f24;
  --muted: #5a6270;
  --rule: #d8dce2;
  --paper: #ffffff;
  --desk: #eef0f3;
  --accent: #0b4f8a;
  --marking: #9b1111;
  --notice-bg: #fff5d9;
  --notice-border: #e69f00;
  --partial-bg: #fde8e4;
  --partial-border: #d55e00;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--desk);
  color: var(--ink);
  font: 15px/1.55 "DejaVu Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.page-frame, .page-frame > tbody, .page-frame > tbody > tr, .page-frame > tbody > tr > td { display: block; }
.page-frame > thead, .page-frame > tfoot { display: none; }
main {
  max-width: 900px;
  margin: 0 auto;
  padding: 36px 52px 56px;
  background: var(--paper);
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.08);
}
.marking {
  position: sticky;
  z-index: 20;
  padding: 5px 12px;
  background: var(--paper);
  color: var(--marking);
  font-weight: 700;
  font-size: 13px;
  letter-spacing: 0.12em;
  text-align: center;
  text-transform: uppercase;
}
.marking-top { top: 0; border-bottom: 2px solid var(--marking); }
.marking-bottom { bottom: 0; border-top: 2px solid var(--marking); }
.marking .illustrative-tag {
  margin-left: 1.2em;
  padding: 1px 8px;
  border: 1px solid var(--notice-border);
  background: var(--notice-bg);
  color: #6b4500;
  letter-spacing: 0.06em;
}
.report-header { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 22px; }
.kicker { margin: 0; color: var(--accent); font-size: 12px; font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase; }
h1 { margin: 6px 0 6px; font-size: 28px; line-height: 1.2; }
.subtitle { margin: 0; color: var(--muted); }
h2 { margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); font-size: 21px; color: var(--accent); }
h3 { margin: 26px 0 8px; font-size: 17px; }
h4 { margin: 18px 0 6px; font-size: 15px; }
p { margin: 0 0 10px; }
ul { margin: 0 0 12px; padding-left: 22px; }
li { margin-bottom: 5px; }
a { color: var(--accent); }
.notice { margin: 0 0 14px; padding: 12px 16px; border-left: 6px solid var(--notice-border); background: var(--notice-bg); }
.notice strong { text-transform: uppercase; letter-spacing: 0.04em; }
.notice-partial { border-left-color: var(--partial-border); background: var(--partial-bg); }
nav.contents { margin: 18px 0 6px; padding: 10px 16px; background: #f6f7f9; border: 1px solid var(--rule); font-size: 14px; }
nav.contents ol { margin: 4px 0 0; padding-left: 20px; columns: 2; }
.callout { margin: 4px 0 16px; padding: 10px 16px 4px; border: 1px solid #b9c0ca; border-left: 6px solid var(--accent); background: #f3f6fa; }
.callout ul { margin: 0; padding-left: 18px; }
.callout li { margin-bottom: 7px; }
.part-title { margin: 30px 0 0; color: var(--accent); font-size: 12px; font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase; }
.part-brief h2 { margin-top: 20px; font-size: 18px; }
.brief-table { margin: 6px 0 10px; }
.table-files { margin: 4px 0 0; font-size: 12px; color: var(--muted); }
.print-only { display: none; }
figure.chart { margin: 22px 0 8px; padding: 16px 0 0; border-top: 1px solid var(--rule); }
.chart-interactive:empty { display: none; }
.chart-interactive svg, .chart-fallback svg { display: block; max-width: 100%; width: auto; height: auto; }
figure.is-interactive .chart-fallback { display: none; }
figcaption { margin-top: 8px; color: var(--muted); font-size: 13.5px; }
.chart-refs { color: var(--muted); }
.chart-files { margin: 6px 0 0; font-size: 12.5px; color: var(--muted); }
.table-block { margin: 16px 0 18px; }
.table-block > p, .table-block .keep > p { color: var(--muted); font-size: 13.5px; }
.table-scroll { overflow-x: auto; }
table.data { width: 100%; border-collapse: collapse; font-size: 12.5px; line-height: 1.35; }
table.data th, table.data td { padding: 4px 7px; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
table.data th { background: #f1f3f6; font-weight: 700; border-bottom: 2px solid #b9c0ca; }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data tbody tr:nth-child(even) td { background: #fafbfc; }
table.data tr.group th { background: #e6ecf3; color: var(--accent); font-weight: 700; border-bottom: 1px solid #b9c0ca; padding-top: 6px; }
table.data .ci { display: block; color: var(--muted); font-size: 11px; white-space: nowrap; }
table.data td.status-missed, table.data td.status-worse { color: #b3401a; font-weight: 700; }
table.data td.status-uncertain { color: #8a5a00; font-weight: 700; }
table.data td.status-met, table.data td.status-better { color: #00694d; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
details > summary { cursor: pointer; color: var(--accent); margin: 4px 0 8px; }
dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 13px; }
dl.manifest dt { color: var(--muted); }
dl.manifest dd { margin: 0; overflow-wrap: anywhere; }
.vega-embed .vega-actions { display: none; }
@page { size: A4; margin: 10mm 13mm; }
@media print {
  body { background: var(--paper); font-size: 9.5pt; line-height: 1.4; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .marking { position: fixed; left: 0; right: 0; padding: 1.5mm 0; font-size: 8.5pt; }
  .marking-top { top: 0; }
  .marking-bottom { bottom: 0; }
  .page-frame { display: table; width: 100%; border-collapse: collapse; }
  .page-frame > thead { display: table-header-group; }
  .page-frame > tfoot { display: table-footer-group; }
  .page-frame > tbody { display: table-row-group; }
  .page-frame > tbody > tr { display: table-row; }
  .page-frame > tbody > tr > td { display: table-cell; padding: 0; }
  .page-space { height: ${PRINT_MARKING_SPACE}; }
  nav.contents, .chart-files, .chart-refs, .table-files, .screen-only { display: none; }
  .print-only { display: block; }
  .report-header { margin-bottom: 10px; padding-bottom: 6px; }
  h1 { font-size: 14pt; }
  h2 { font-size: 13pt; margin: 16pt 0 5pt; break-after: avoid; }
  .part-brief h2 { font-size: 11.5pt; margin: 9pt 0 3pt; }
  h3, h4 { font-size: 10.5pt; margin: 10pt 0 4pt; break-after: avoid; }
  .notice { padding: 5px 10px; margin-bottom: 6px; }
  .callout { padding: 6px 10px 1px; margin-bottom: 6px; }
  .callout li { margin-bottom: 3px; }
  .part-main, .part-appendix { break-before: page; }
  .part-title { margin-top: 0; }
  .keep, figure.chart, .callout { break-inside: avoid; }
  #table-services td:first-child, #table-services th:first-child { width: 34%; }
  #table-weak-spots td:nth-child(2), #table-weak-spots th:nth-child(2) { width: 45%; }
  .part-brief table.data th, .part-brief table.data td { padding: 1.5px 4px; }
  .part-brief p { margin-bottom: 5px; }
  .part-brief td.num { white-space: nowrap; }
  .part-brief ul { margin-bottom: 4px; }
  .part-brief li { margin-bottom: 2px; }
  #chart-headline svg { max-height: ${BRIEF_CHART_MAX_HEIGHT}; }
  figure.chart { margin: 8pt 0 4pt; padding-top: 6pt; }
  .chart-interactive svg, .chart-fallback svg { max-height: ${PRINT_CHART_MAX_HEIGHT}; margin: 0 auto; }
  figcaption { font-size: 8.5pt; margin-top: 3pt; }
  tr { break-inside: avoid; }
  table.data { font-size: 8pt; }
  table.data th, table.data td { padding: 2px 5px; }
  table.data .ci { font-size: 7pt; }
  a { color: inherit; text-decoration: none; }
  .notice, .callout, table.data th, .marking .illustrative-tag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
