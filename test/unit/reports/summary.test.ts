// The opening summary: which services miss their target, top weak spots (single points of failure, most critical
// elements, cheapest attacks), changes since a baseline; deterministic and free of markup.

import { describe, expect, it } from 'vitest';
import { buildSummary, formatSummaryMarkdown, type ReportSummary } from '../../../reports/index.ts';
import { escapeMarkdown, formatSummaryText } from '../../../reports/summary.ts';
import { loadFixture } from './support/report-fixtures.ts';

function sectionText(summary: ReportSummary, id: string): string {
  const section = summary.sections.find((s) => s.id === id);
  if (section === undefined) return '';
  return section.blocks
    .map((b) => (b.kind === 'paragraph' ? formatSummaryText(b) : b.items.map(formatSummaryText).join('\n')))
    .join('\n');
}

describe('buildSummary', () => {
  const current = loadFixture('current');
  const previous = loadFixture('previous');

  it('names every service that misses its target, per scenario, with CI, target and downtime allowance', () => {
    const targets = sectionText(buildSummary(current), 'targets');
    expect(targets).toContain('Baseline: 1 of 4 misses the target, 1 is uncertain and 2 meet it.');
    expect(targets).toContain(
      'Missed — Air defence: HQ, Leeuwarden, Volkel: 99.99976% (95% CI 99.99975–99.99977%) against a target of 99.9999%',
    );
    expect(targets).toContain('Uncertain — Zeeland naval: Vlissingen to HQ');
  });

  it('lists single points of failure without the services’ own endpoints, most critical elements and cheapest attacks', () => {
    const weak = sectionText(buildSummary(current), 'weak-spots');
    expect(weak).toContain(
      'Logistics: garrisons to datacentres: Common-mode fault router platform vendor A (risk group).',
    );
    expect(weak).toContain('Naval C2: HQ to Den Helder: none.');
    expect(weak).not.toContain('Den Helder naval base (site)');
    expect(weak).toContain('Flood Zeeland (risk group): 44% (95% CI 39–49%)');
    expect(weak).toContain('Air defence: HQ, Leeuwarden, Volkel: 2 elements at cost 2');
  });

  it('reports what changed since the baseline: verdicts beyond the uncertainty and new and removed SPOFs', () => {
    const changes = sectionText(buildSummary(current, previous), 'changes');
    expect(changes).toContain('The model changed');
    expect(changes).toContain('Better — Zeeland naval: Vlissingen to HQ in Baseline: 99.977% → 99.9954%');
    expect(changes).toContain('Worse — Air defence: HQ, Leeuwarden, Volkel in Baseline');
    expect(changes).toContain(
      'New single points of failure: Logistics: garrisons to datacentres: Common-mode fault router platform vendor A',
    );
    expect(changes).toContain(
      'No longer single points of failure: Zeeland naval: Vlissingen to HQ: Woensdrecht air base–Vlissingen naval site (link).',
    );
    expect(changes).toContain('new scenarios: Saboteur with two cable cuts');
  });

  it('has no changes section without a baseline, and says when a model is illustrative', () => {
    const summary = buildSummary(current);
    expect(summary.sections.map((s) => s.id)).toEqual(['scope', 'targets', 'weak-spots', 'comparison', 'time']);
    expect(summary.notices.map((n) => n.kind)).toEqual(['illustrative']);
  });

  it('handles a document with every optional section null and flags a partial run', () => {
    const summary = buildSummary(loadFixture('minimal'));
    expect(summary.notices.map((n) => n.kind)).toEqual(['partial']);
    expect(sectionText(summary, 'weak-spots')).toContain('no cut-set analysis');
    expect(sectionText(summary, 'targets')).toContain('No service has an availability target');
  });

  it('is deterministic and does not mutate its inputs', () => {
    const before = JSON.stringify([current, previous]);
    const a = formatSummaryMarkdown(buildSummary(current, previous));
    const b = formatSummaryMarkdown(buildSummary(current, previous));
    expect(a).toBe(b);
    expect(JSON.stringify([current, previous])).toBe(before);
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline syntax and a leading #', () => {
    expect(escapeMarkdown('a*b_c [d] <e> |f|')).toBe('a\\*b\\_c \\[d\\] \\<e\\> \\|f\\|');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
  });
});
