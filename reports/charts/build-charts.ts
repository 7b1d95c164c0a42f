// Assembles the report's charts in reading order: targets, scenario grid, convergence, importance, maps, outages,
// plan comparison. Charts whose data is absent (no importance, no time simulation, ...) are left out.

import type { FeatureCollection } from 'geojson';
import type { ResultDocument } from '../../engine/index.ts';
import { buildAvailabilityChart } from './availability-chart.ts';
import { buildComparisonChart } from './comparison-chart.ts';
import { buildConvergenceChart } from './convergence-chart.ts';
import { buildDowntimeChart } from './downtime-chart.ts';
import { buildImportanceChart } from './importance-chart.ts';
import { buildCriticalityMapChart, buildScenarioMapChart, toFileStem } from './network-map-chart.ts';
import { buildOutageDurationChart } from './outage-duration-chart.ts';
import type { ReportChart } from './report-chart.ts';
import { buildScenarioHeatmapChart } from './scenario-heatmap-chart.ts';

/**
 * Builds every chart the document supports.
 * @param outline the Netherlands outline for the maps (reports/assets/netherlands.geojson)
 */
export function buildCharts(doc: ResultDocument, outline: FeatureCollection): ReportChart[] {
  const usedNames = new Set<string>();
  const uniqueName = (stem: string) => {
    let name = stem;
    for (let i = 2; usedNames.has(name); i++) name = `${stem}-${i}`;
    usedNames.add(name);
    return name;
  };
  const fixed = [
    buildAvailabilityChart(doc),
    buildScenarioHeatmapChart(doc),
    buildConvergenceChart(doc),
    buildImportanceChart(doc),
    buildCriticalityMapChart(doc, outline),
  ];
  for (const chart of fixed) if (chart !== null) usedNames.add(chart.name);
  const scenarioMaps = doc.scenarios.map((s) =>
    buildScenarioMapChart(doc, s, outline, uniqueName(`map-${toFileStem(s.id)}`)),
  );
  return [
    ...fixed,
    ...scenarioMaps,
    buildOutageDurationChart(doc),
    buildDowntimeChart(doc),
    buildComparisonChart(doc),
  ].filter((c): c is ReportChart => c !== null);
}
