// The report's outline: a brief whose bottom line says what to do, forced scenarios read as conditional (never a
// year of downtime) with each event's share of annual downtime, sabotage as what an attacker with a budget achieves
// (heuristic costs flagged), then the numbered main report and the lettered appendix. Deterministic and pure.

import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../../engine/index.ts';
import {
  buildCharts,
  buildReportOutline,
  buildTables,
  type OutlineSection,
  type ReportOutline,
} from '../../../../reports/index.ts';
import { formatSummaryText } from '../../../../reports/outline/report-outline.ts';
import { loadFixture, loadOutline } from '../support/report-fixtures.ts';

const outline = loadOutline();

function outlineOf(doc: ResultDocument, baseline: ResultDocument | null = null): ReportOutline {
  return buildReportOutline({ doc, baseline, charts: buildCharts(doc, outline), tables: buildTables(doc, baseline) });
}

function textOf(section: OutlineSection | undefined): string {
  return (section?.blocks ?? [])
    .flatMap((b) =>
      b.kind === 'paragraph'
        ? [formatSummaryText(b)]
        : b.kind === 'list' || b.kind === 'callout'
          ? b.items.map(formatSummaryText)
          : [],
    )
    .join('\n');
}

function section(o: ReportOutline, id: string): OutlineSection | undefined {
  return o.sections.find((s) => s.id === id);
}

const current = loadFixture('current');
const previous = loadFixture('previous');

/** The current fixture with the optional fields the engine will fill: event rates and durations, attack budgets. */
function withOptionalFields(doc: ResultDocument): ResultDocument {
  return {
    ...doc,
    model: {
      ...doc.model,
      riskGroups: doc.model.riskGroups.map((g) =>
        g.id === 'power-nh' ? { ...g, eventsPerYear: 0.1, meanDurationHours: 8 } : g,
      ),
    },
    scenarios: doc.scenarios.map((s) =>
      s.id === 'sabotage-2'
        ? {
            ...s,
            sabotage: { elementBudget: 2, costBudget: null, targets: 'links', strategy: 'optimal' as const },
            attack: (s.attack ?? []).map((a) =>
              a.serviceId === 'zeeland' ? { ...a, strategy: 'greedy' as const, proven: false } : a,
            ),
          }
        : s,
    ),
  };
}

describe('buildReportOutline', () => {
  it('orders the brief, the numbered main report and the lettered appendix', () => {
    const o = outlineOf(current, previous);
    expect(o.sections.map((s) => `${s.part}:${s.id}`)).toEqual([
      'brief:brief-bottom-line',
      'brief:brief-services',
      'brief:brief-headline',
      'brief:brief-weak-spots',
      'brief:brief-changes',
      'main:normal',
      'main:weak-spots',
      'main:events',
      'main:sabotage',
      'main:changes',
      'main:time',
      'main:comparison',
      'appendix:maps',
      'appendix:importance',
      'appendix:precision',
      'appendix:tables',
      'appendix:descriptions',
      'appendix:manifest',
    ]);
    expect(section(o, 'normal')?.heading).toBe('1 Normal operation: services against their targets');
    expect(section(o, 'maps')?.heading).toBe('A Scenario maps');
    expect(section(o, 'brief-bottom-line')?.heading).toBe('The bottom line');
    expect(section(o, 'brief-headline')?.blocks.map((b) => b.kind)).toEqual(['figure']);
  });

  it('puts every chart and every table of the report in exactly one section', () => {
    const charts = buildCharts(current, outline);
    const tables = buildTables(current, previous);
    const o = buildReportOutline({ doc: current, baseline: previous, charts, tables });
    const figures = o.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'figure' ? [b.chart.name] : [])));
    const shown = o.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table.name] : [])));
    expect([...figures].sort()).toEqual(charts.map((c) => c.name).sort());
    expect([...shown].sort()).toEqual(tables.map((t) => t.name).sort());
  });

  it('opens with a bottom line that says which targets are missed, what to fix first, the cheapest attack and what changed', () => {
    const bottom = textOf(section(outlineOf(current, previous), 'brief-bottom-line'));
    expect(bottom).toContain(
      'Targets: in normal operation 1 of 4 services with a target miss it, 1 is uncertain and 2 meet it.',
    );
    expect(bottom).toContain('Furthest off: Air defence: HQ, Leeuwarden, Volkel');
    expect(bottom).toMatch(/Fix first: .*Flood Zeeland \(/);
    expect(bottom).toContain('Sabotage: modelled attackers take 2 of 4 services down on their own.');
    expect(bottom).toContain('(cost 2, proven minimum)');
    expect(bottom).toContain('Prepare: the event that hits most services is Regional power outage Noord-Holland');
    expect(bottom).toMatch(/Since “.*” \(\d+ \w+ 2026\):/);
  });

  it('reads a forced scenario as conditional, never as a year of downtime', () => {
    const o = outlineOf(current);
    const events = textOf(section(o, 'events'));
    expect(events).toContain(
      'While Regional power outage Noord-Holland lasts, Naval C2: HQ to Den Helder is available 69.8% (95% CI 69.7–69.9%)',
    );
    const everything = o.sections.map(textOf).join('\n');
    // The old report said "expected downtime 2,650 h/yr" for the forced scenario; nothing may read that way now.
    expect(everything).not.toMatch(/2,650 h/);
    expect(everything).not.toMatch(/8,770 h/);
  });

  it('reads a time simulation forcing its event at the start of every year as a year with the event, not as while it lasts', () => {
    const forced = current.scenarios.filter((s) => s.forced.length > 0 && (s.attack ?? []).length === 0);
    expect(forced.length).toBeGreaterThan(0);
    const simulated: ResultDocument = {
      ...current,
      timeSimulation: {
        years: 100,
        services: [],
        scenarios: forced.map((s) => ({
          scenarioId: s.id,
          years: 100,
          forcedEvents: 'start' as const,
          forcedEventsPerYear: null,
          services: [],
          crews: [],
        })),
      },
    };
    const o = outlineOf(simulated);
    expect(section(o, 'events')?.heading).toBe('3 Availability in each scenario');
    expect(textOf(section(o, 'events'))).not.toMatch(/while the event lasts|While /);
    expect(o.sections.map(textOf).join('\n')).not.toMatch(/Prepare: /);
    const estimates = buildTables(simulated).find((t) => t.name === 'service-estimates');
    const row = estimates?.rows.find((r) => r[0] === forced[0]?.name);
    expect(row?.[2]).toBe('in a year the event strikes');
    // The same document without the time simulation reads the forced scenarios as conditional.
    expect(section(outlineOf(current), 'events')?.heading).toMatch(/availability while the event lasts/);
  });

  it('says per service when a run stopped before the precision target, in the brief and the precision section', () => {
    const [first, ...rest] = current.scenarios;
    if (first === undefined) throw new Error('the fixture has scenarios');
    const missedId = first.services[0]?.serviceId;
    const stopped: ResultDocument = {
      ...current,
      manifest: { ...current.manifest, stopping: { ...current.manifest.stopping, relativeError: 0.05 } },
      scenarios: [
        { ...first, services: first.services.map((e) => ({ ...e, precisionReached: e.serviceId !== missedId })) },
        ...rest,
      ],
    };
    const o = outlineOf(stopped);
    expect(textOf(section(o, 'precision'))).toMatch(/Precision target not reached\. The run stopped before 1 estimate reached the precision target of 5(\.0+)?%/);
    expect(textOf(section(o, 'brief-bottom-line'))).toContain('the run stopped before one estimate reached the precision target');
    const reached = outlineOf({
      ...stopped,
      scenarios: current.scenarios.map((sc) => ({ ...sc, services: sc.services.map((e) => ({ ...e, precisionReached: true })) })),
    });
    expect(textOf(section(reached, 'precision'))).toMatch(/Every estimate reached the precision target/);
  });

  it('gives a forced event its share of annual downtime: rate × duration × conditional unavailability', () => {
    const doc = withOptionalFields(current);
    const events = textOf(section(outlineOf(doc), 'events'));
    // 0.1 events a year × 8 h = 48 min a year in progress; Naval C2 is 30.2% unavailable meanwhile: 14.5 min a year.
    expect(events).toContain('The event comes 0.1 times a year for 8 h, so it is in progress about 48 min a year.');
    expect(events).toContain(
      'Naval C2: HQ to Den Helder is available 69.8% (95% CI 69.7–69.9%), adding 14.5 min a year to its downtime',
    );
    const table = buildTables(doc).find((t) => t.name === 'events');
    const row = table?.rows.find((r) => r[1] === 'Naval C2: HQ to Den Helder');
    expect(row?.[4]).toBeCloseTo(48, 9);
    const share = row?.[5] as { estimate: number } | undefined;
    expect(share?.estimate).toBeCloseTo(48 * (1 - 0.6979), 6);
  });

  it('falls back to the event probability for the share when the document has no rate and duration', () => {
    const table = buildTables(current).find((t) => t.name === 'events');
    const row = table?.rows.find((r) => r[1] === 'Naval C2: HQ to Den Helder');
    // power-nh has eventProbability 1.8e-4: in progress 1.8e-4 of a year.
    expect(row?.[4]).toBeCloseTo(1.8e-4 * 525_960, 6);
  });

  it('reads sabotage as what an attacker with a budget achieves, and flags heuristic costs', () => {
    const named = textOf(section(outlineOf(current), 'sabotage'));
    expect(named).toContain('An attacker of “Saboteur with two cable cuts” takes 2 services down on its own');
    expect(named).not.toMatch(/cost \d+, heuristic/);
    const budgeted = textOf(section(outlineOf(withOptionalFields(current)), 'sabotage'));
    expect(budgeted).toContain('An attacker who can cut 2 links takes 2 services down on its own');
    expect(budgeted).toContain('Zeeland naval: Vlissingen to HQ (cost 2, heuristic)');
    expect(budgeted).toContain('Heuristic costs may be higher than needed.');
    const services = buildTables(withOptionalFields(current)).find((t) => t.name === 'services');
    expect(services?.rows.map((r) => r[6])).toEqual([
      'none modelled',
      'cost 2 (proven)',
      'none modelled',
      'cost 2 (heuristic)',
    ]);
  });

  it('says what a greedy attacker missed: a cheaper attack another scenario proved', () => {
    const doc = loadFixture('defaultStudy');
    const text = textOf(section(outlineOf(doc), 'sabotage'));
    expect(text).toContain('Its search is heuristic and understates the threat: cheaper attacks exist on');
    expect(text).toMatch(
      /Command and control - air bases reach CLSK HQ or the ministry \(not taken down, cost 2 proven in “Saboteur with two cable cuts \(optimal\)”\)/,
    );
    const matrix = buildTables(doc).find((t) => t.name === 'sabotage');
    const row = matrix?.rows.find(
      (r) => r[0] === 'Allied link - national command reaches the German Bundeswehr network',
    );
    expect(row?.[4]).toBe('taken down, cost 22 (heuristic; a cost-3 attack exists)');
  });

  it('handles a document with every optional section null and flags a partial run', () => {
    const o = outlineOf(loadFixture('minimal'));
    expect(o.notices.map((n) => n.kind)).toEqual(['partial']);
    const bottom = textOf(section(o, 'brief-bottom-line'));
    expect(bottom).toContain('no service has an availability target');
    expect(bottom).toContain('partial run');
    expect(textOf(section(o, 'brief-weak-spots'))).toContain('neither importance measures nor a cut-set analysis');
  });

  it('is deterministic and does not mutate its inputs', () => {
    const before = JSON.stringify([current, previous]);
    expect(JSON.stringify(outlineOf(current, previous))).toBe(JSON.stringify(outlineOf(current, previous)));
    expect(JSON.stringify([current, previous])).toBe(before);
  });
});
