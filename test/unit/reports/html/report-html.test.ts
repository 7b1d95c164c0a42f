// report.html as a string: self-contained (CSP, inline scripts that cannot break out of their element, no external
// URL), marking line at top and bottom, illustrative notice, the brief first, then the main report and the
// appendix each on a new printed page, one figure container per chart.

import { describe, expect, it } from 'vitest';
import { buildCharts, buildReportOutline, buildTables } from '../../../../reports/index.ts';
import {
  CHART_SPECS_ELEMENT_ID,
  buildReportHtml,
  escapeHtml,
  escapeInlineScript,
  prepareInlineSvg,
  toInlineJson,
} from '../../../../reports/html/report-html.ts';
import { loadFixture, loadOutline } from '../support/report-fixtures.ts';

const doc = loadFixture('current');
const charts = buildCharts(doc, loadOutline());
const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><linearGradient id="gradient_0"/></defs><rect fill="url(#gradient_0)"/></svg>';
const previous = loadFixture('previous');
const html = buildReportHtml({
  outline: buildReportOutline({ doc, baseline: previous, charts, tables: buildTables(doc, previous) }),
  charts: charts.map((chart) => ({ chart, svg })),
  marking: 'DEPARTEMENTAAL VERTROUWELIJK',
  illustrative: true,
  png: true,
  scripts: {
    vega: 'window.vega={};// </script> <!--',
    vegaLite: 'window.vegaLite={};',
    vegaEmbed: 'window.vegaEmbed=function(){};',
  },
  generator: 'neverout test',
});

describe('buildReportHtml', () => {
  it('forbids every request with a Content-Security-Policy and references no external resource', () => {
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(http/);
  });

  it('keeps inline scripts inside their elements', () => {
    const scripts = html.match(/<script\b/g) ?? [];
    const closings = html.match(/<\/script>/g) ?? [];
    expect(scripts.length).toBe(5);
    expect(closings.length).toBe(5);
  });

  it('puts the marking at the top and bottom and says the model is illustrative', () => {
    expect(html.match(/class="marking marking-(top|bottom)"/g)).toHaveLength(2);
    expect(html.match(/DEPARTEMENTAAL VERTROUWELIJK/g)?.length).toBe(2);
    expect(html).toContain('<strong>Illustrative model.</strong>');
    expect(html).toMatch(/@media print[\s\S]*\.marking \{ position: fixed;/);
    expect(html).toContain('@page { size: A4;');
  });

  it('opens with the brief, then the main report and the appendix, each starting a printed page', () => {
    const brief = html.indexOf('id="part-brief"');
    const main = html.indexOf('id="part-main"');
    const appendix = html.indexOf('id="part-appendix"');
    expect(brief).toBeGreaterThan(0);
    expect(brief).toBeLessThan(main);
    expect(main).toBeLessThan(appendix);
    expect(html.indexOf('id="section-brief-bottom-line"')).toBeLessThan(html.indexOf('id="section-normal"'));
    expect(html).toMatch(/@media print[\s\S]*\.part-main, \.part-appendix \{ break-before: page; \}/);
    expect(html).toMatch(/@media print[\s\S]*figure\.chart, \.callout \{ break-inside: avoid; \}/);
  });

  it('has one figure container and inline fallback per chart', () => {
    for (const chart of charts) {
      expect(html).toContain(`<figure class="chart" id="chart-${chart.name}" data-chart="${chart.name}">`);
      expect(html).toContain(`url(#fallback-${chart.name}-gradient_0)`);
    }
    const specs = html.slice(html.indexOf(`id="${CHART_SPECS_ELEMENT_ID}">`));
    expect(specs).toContain('"availability":{');
  });

  it('carries the manifest and tables with CIs', () => {
    expect(html).toContain('<dt>Seed</dt><dd>nafin-2026-q4</dd>');
    expect(html).toContain('<dt>Partial result</dt><dd>no</dd>');
    expect(html).toContain('<span class="ci">99.99975–99.99977%</span>');
    expect(html).toContain('id="table-services"');
  });
});

describe('escapeInlineScript', () => {
  it('neutralises closing tags and comment openers', () => {
    expect(escapeInlineScript('a</script>b<!--c</SCRIPT')).toBe('a<\\/script>b<\\!--c<\\/SCRIPT');
  });
});

describe('toInlineJson', () => {
  it('escapes < so data cannot close the script element, and stays valid JSON', () => {
    const json = toInlineJson({ name: '</script><b>' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ name: '</script><b>' });
  });
});

describe('prepareInlineSvg and escapeHtml', () => {
  it('prefixes ids and references and labels the root', () => {
    const prepared = prepareInlineSvg(svg, 'x', 'A "chart" & more');
    expect(prepared).toContain('id="x-gradient_0"');
    expect(prepared).toContain('url(#x-gradient_0)');
    expect(prepared).toContain('<svg role="img" aria-label="A &quot;chart&quot; &amp; more"');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});
