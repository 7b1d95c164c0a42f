// report.md: the summary, each figure as a linked SVG with its description, and the tables in Markdown.

import { describe, expect, it } from 'vitest';
import {
  buildCharts,
  buildReportMarkdown,
  buildSummary,
  buildTables,
  formatSummaryMarkdown,
} from '../../../../reports/index.ts';
import { formatMarkdownTable } from '../../../../reports/markdown/report-markdown.ts';
import { loadFixture, loadOutline } from '../support/report-fixtures.ts';

const doc = loadFixture('current');
const summary = buildSummary(doc);
const charts = buildCharts(doc, loadOutline());
const tables = buildTables(doc);

describe('buildReportMarkdown', () => {
  const markdown = buildReportMarkdown({ summary, charts, tables, marking: 'NATO UNCLASSIFIED', png: false });

  it('starts and ends with the marking and contains the summary verbatim', () => {
    expect(markdown.startsWith('**NATO UNCLASSIFIED**\n')).toBe(true);
    expect(markdown.trimEnd().endsWith('**NATO UNCLASSIFIED**')).toBe(true);
    expect(markdown).toContain(formatSummaryMarkdown(summary).trimEnd());
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
      '| Scenario | Service | Availability | Unavailability | Expected downtime | Target | Target status |',
    );
    expect(rule).toBe('| --- | --- | ---: | ---: | ---: | ---: | --- |');
  });
});
