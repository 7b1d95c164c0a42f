// The reading order shared by the HTML and Markdown reports: each figure followed by the tables behind it, then the
// remaining tables, the appendix (reference lists and long data) and the manifest.

import type { ReportChart } from '../charts/report-chart.ts';
import type { ReportTable } from '../tables/report-table.ts';

/** A figure and the tables it shows inline or refers to. */
export interface LaidOutFigure {
  readonly chart: ReportChart;
  /** Body tables shown right after the figure (each table is shown once, with its first figure). */
  readonly tables: readonly ReportTable[];
  /** Tables shown elsewhere (appendix, or with an earlier figure) that hold this figure's data. */
  readonly references: readonly ReportTable[];
}

export interface ReportLayout {
  readonly figures: readonly LaidOutFigure[];
  /** Body tables that no figure shows, e.g. scenarios and attacks. */
  readonly furtherTables: readonly ReportTable[];
  /** Appendix and collapsed tables, in their original order. */
  readonly appendix: readonly ReportTable[];
  readonly manifest: ReportTable | null;
}

/** Name of the manifest table, which gets its own section. */
export const MANIFEST_TABLE_NAME = 'manifest';

/** Plans where each chart and table goes. */
export function planReportLayout(charts: readonly ReportChart[], tables: readonly ReportTable[]): ReportLayout {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const shown = new Set<string>();
  const figures = charts.map((chart): LaidOutFigure => {
    const inline: ReportTable[] = [];
    const references: ReportTable[] = [];
    for (const name of chart.tableNames) {
      const table = byName.get(name);
      if (table === undefined) continue;
      if (table.placement === 'body' && !shown.has(name)) {
        inline.push(table);
        shown.add(name);
      } else {
        references.push(table);
      }
    }
    return { chart, tables: inline, references };
  });
  return {
    figures,
    furtherTables: tables.filter((t) => t.placement === 'body' && !shown.has(t.name) && t.name !== MANIFEST_TABLE_NAME),
    appendix: tables.filter((t) => t.placement !== 'body'),
    manifest: byName.get(MANIFEST_TABLE_NAME) ?? null,
  };
}
