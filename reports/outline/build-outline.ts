// Assembles the report's outline: each section of REPORT_SECTIONS with its words, then its tables, then its figures
// (every chart and table names its own section). Main sections are numbered 1, 2, …; appendix sections A, B, ….

import type { ResultDocument } from '../../engine/index.ts';
import type { ReportChart } from '../charts/report-chart.ts';
import { formatDateTime } from '../internal/format.ts';
import type { ReportTable } from '../tables/report-table.ts';
import {
  buildBottomLineText,
  buildBriefChangesText,
  buildBriefServicesText,
  buildBriefWeakSpotsText,
  type SectionText,
} from './brief-text.ts';
import {
  REPORT_SECTIONS,
  paragraph,
  type OutlineBlock,
  type OutlineSection,
  type ReportOutline,
  type ReportSectionId,
  type SummaryNotice,
} from './report-outline.ts';
import {
  buildChangesText,
  buildComparisonText,
  buildEventsText,
  buildNormalText,
  buildPrecisionText,
  buildSabotageText,
  buildTablesText,
  buildTimeText,
  buildWeakSpotsText,
} from './section-text.ts';

/** What the outline is built from. */
export interface OutlineInput {
  readonly doc: ResultDocument;
  readonly baseline: ResultDocument | null;
  readonly charts: readonly ReportChart[];
  readonly tables: readonly ReportTable[];
}

/** Headings of sections that have figures or tables but no words of their own. */
const DEFAULT_HEADINGS: Readonly<Partial<Record<ReportSectionId, string>>> = {
  // Without conditional scenarios (e.g. a time simulation's event years) the section holds only the scenario grid.
  events: 'Availability in each scenario',
  maps: 'Scenario maps',
  importance: 'Importance per service',
  descriptions: 'Chart descriptions',
  manifest: 'Manifest',
};

function buildNotices(doc: ResultDocument): SummaryNotice[] {
  const notices: SummaryNotice[] = [];
  if (doc.model.illustrative) {
    notices.push({
      kind: 'illustrative',
      lead: 'Illustrative model.',
      text:
        `These figures describe “${doc.model.name}”, an illustrative model, not the real network. ` +
        'Do not quote them as properties of the real network.',
    });
  }
  if (doc.manifest.partial) {
    const shard =
      doc.manifest.shard === null ? '' : ` (shard ${doc.manifest.shard.index} of ${doc.manifest.shard.count})`;
    notices.push({
      kind: 'partial',
      lead: 'Partial result.',
      text: `The run was interrupted or is one shard${shard}: not every planned batch is included, so intervals are wider than planned.`,
    });
  }
  return notices;
}

function buildSectionText(id: ReportSectionId, input: OutlineInput): SectionText | null {
  const { doc, baseline, charts } = input;
  switch (id) {
    case 'brief-bottom-line':
      return buildBottomLineText(doc, baseline);
    case 'brief-services':
      return buildBriefServicesText(doc);
    case 'brief-weak-spots':
      return buildBriefWeakSpotsText(doc);
    case 'brief-changes':
      return baseline === null ? null : buildBriefChangesText(doc, baseline);
    case 'normal':
      return buildNormalText(doc);
    case 'weak-spots':
      return doc.cutSets === null && !doc.scenarios.some((s) => s.services.some((e) => e.importance !== null))
        ? null
        : buildWeakSpotsText(doc);
    case 'events':
      return buildEventsText(doc);
    case 'sabotage':
      return buildSabotageText(doc);
    case 'changes':
      return baseline === null ? null : buildChangesText(doc, baseline);
    case 'time':
      return buildTimeText(doc);
    case 'comparison':
      return buildComparisonText(doc);
    case 'precision':
      return buildPrecisionText(doc);
    case 'tables':
      return buildTablesText();
    case 'descriptions':
      return {
        heading: 'Chart descriptions',
        blocks: charts.map((c) =>
          paragraph([c.description, ...c.notes.filter((n) => !c.description.includes(n))].join(' '), `${c.title}.`),
        ),
      };
    case 'brief-headline':
    case 'maps':
    case 'importance':
    case 'manifest':
      return null;
  }
}

/** "1", "2", … for the main report; "A", "B", … for the appendix. */
function sectionNumber(part: 'main' | 'appendix', index: number): string {
  return part === 'main' ? String(index + 1) : String.fromCharCode(65 + (index % 26));
}

/**
 * Builds the outline of a report: title, notices and the non-empty sections in reading order.
 */
export function buildReportOutline(input: OutlineInput): ReportOutline {
  const { doc } = input;
  const counters = { main: 0, appendix: 0 };
  const sections: OutlineSection[] = [];
  for (const { id, part } of REPORT_SECTIONS) {
    const text = buildSectionText(id, input);
    const tables = input.tables.filter((t) => t.section === id);
    const charts = input.charts.filter((c) => c.section === id);
    const blocks: OutlineBlock[] = [
      ...(text?.blocks ?? []),
      ...tables.map((table): OutlineBlock => ({ kind: 'table', table })),
      ...charts.map((chart): OutlineBlock => ({ kind: 'figure', chart })),
    ];
    // A section whose only content is its own introduction is left out (e.g. "Full tables" without tables).
    const hasContent = id === 'tables' ? tables.length > 0 : blocks.length > 0;
    if (!hasContent) continue;
    const title = text === null ? (DEFAULT_HEADINGS[id] ?? null) : text.heading;
    const heading = title === null || part === 'brief' ? title : `${sectionNumber(part, counters[part]++)} ${title}`;
    sections.push({ id, part, heading, blocks });
  }
  return {
    title: `Resilience analysis: ${doc.manifest.study?.name ?? doc.model.name}`,
    subtitle: `Model “${doc.model.name}”, run finished ${formatDateTime(doc.manifest.createdAt)}, neverout ${doc.manifest.engineVersion}`,
    notices: buildNotices(doc),
    sections,
  };
}
