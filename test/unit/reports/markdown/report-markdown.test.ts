// report.md: the same outline as report.html (brief, main report, appendix), each figure as a linked SVG with its
// caption, the tables in Markdown, long tables as a link to their CSV, and the marking at top and bottom.

import { describe, expect, it } from 'vitest';
import { buildCharts, buildReportMarkdown, buildReportOutline, buildTables } from '../../../../reports/index.ts';
import { escapeMarkdown, formatMarkdownTable } from '../../../../reports/markdown/report-markdown.ts';
import { loadFixture, loadOutline } from '../support/report-fixtures.ts';

const doc = loadFixture('current');
const charts = buildCharts(doc, loadOutline());
const tables = buildTables(doc);
const outline = buildReportOutline({ doc, baseline: null, charts, tables });

describe('buildReportMarkdown', () => {
  const markdown = buildReportMarkdown({ outline, marking: 'NATO UNCLASSIFIED', png: false });

  it('starts and ends with the marking, then reads brief, main report and appendix in order', () => {
    expect(markdown.startsWith('**NATO UNCLASSIFIED**\n')).toBe(true);
    expect(markdown.trimEnd().endsWith('**NATO UNCLASSIFIED**')).toBe(true);
    const bottomLine = markdown.indexOf('## The bottom line');
    const normal = markdown.indexOf('## 1 Normal operation');
    const appendix = markdown.indexOf('# Appendix');
    expect(bottomLine).toBeGreaterThan(0);
    expect(bottomLine).toBeLessThan(normal);
    expect(normal).toBeLessThan(appendix);
    expect(markdown).toContain('> - **Targets:** in normal operation');
  });

  it('links every chart as an SVG image and names its files, without PNGs when none were written', () => {
    for (const chart of charts) expect(markdown).toContain(`](charts/${chart.name}.svg)`);
    expect(markdown).not.toContain('.png');
  });

  it('links collapsed tables to their CSV instead of printing every row', () => {
    expect(markdown).toContain('[tables/convergence.csv](tables/convergence.csv)');
    expect(markdown).not.toMatch(/\| 2,000,000 \| 3\.0/);
  });
});

describe('formatMarkdownTable', () => {
  it('leaves CSV-only columns out and right-aligns numbers', () => {
    const estimates = tables.find((t) => t.name === 'service-estimates');
    if (estimates === undefined) throw new Error('no table');
    const [header, rule] = formatMarkdownTable(estimates).split('\n');
    expect(header).toBe(
      '| Scenario | Service | Figures hold | Availability | Unavailability | Downtime per year | Target | Target status |',
    );
    expect(rule).toBe('| --- | --- | --- | ---: | ---: | ---: | ---: | --- |');
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline syntax and a leading #', () => {
    expect(escapeMarkdown('a*b_c [d] <e> |f|')).toBe('a\\*b\\_c \\[d\\] \\<e\\> \\|f\\|');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
  });
});
