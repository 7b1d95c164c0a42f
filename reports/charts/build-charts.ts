// Assembles the report's charts in reading order: the brief's headline, normal operation, weak spots, events,
// outages over time, plan comparison, then the appendix's scenario maps and convergence. Charts whose data is absent
// (no importance, no time simulation, ...) are left out. Each chart names its report section.

import type { FeatureCollection } from 'geojson';
import type { ResultDocument } from '../../engine/index.ts';
import { buildAvailabilityChart } from './availability-chart.ts';
import { withMarking } from './chart-marking.ts';
import { buildComparisonChart } from './comparison-chart.ts';
import { buildConvergenceChart } from './convergence-chart.ts';
import { buildDowntimeChart } from './downtime-chart.ts';
import { buildHeadlineChart } from './headline-chart.ts';
import { buildImportanceChart } from './importance-chart.ts';
import { buildCriticalityMapChart, buildScenarioMapChart, toFileStem } from './network-map-chart.ts';
import { buildOutageDurationChart } from './outage-duration-chart.ts';
import { resolveChartOptions, type ChartBuildOptions, type ReportChart } from './report-chart.ts';
import { buildScenarioHeatmapChart } from './scenario-heatmap-chart.ts';
import { protectVegaText } from './vega-literals.ts';
import { buildWeakSpotMatrixChart } from './weak-spot-matrix-chart.ts';

/**
 * Builds every chart the document supports.
 * @param outline the Netherlands outline for the maps (reports/assets/netherlands.geojson)
 * @param options the marking drawn in every chart, and text measurement for map labels
 */
export function buildCharts(
  doc: ResultDocument,
  outline: FeatureCollection,
  options: ChartBuildOptions = {},
): ReportChart[] {
  const resolved = resolveChartOptions(options);
  const usedNames = new Set<string>();
  const uniqueName = (stem: string) => {
    let name = stem;
    for (let i = 2; usedNames.has(name); i++) name = `${stem}-${i}`;
    usedNames.add(name);
    return name;
  };
  const fixed = [
    buildHeadlineChart(doc),
    buildAvailabilityChart(doc),
    buildWeakSpotMatrixChart(doc),
    buildCriticalityMapChart(doc, outline, resolved.measureText),
    buildImportanceChart(doc),
    buildScenarioHeatmapChart(doc),
    buildDowntimeChart(doc),
    buildOutageDurationChart(doc),
    buildComparisonChart(doc),
    buildConvergenceChart(doc),
  ];
  for (const chart of fixed) if (chart !== null) usedNames.add(chart.name);
  const scenarioMaps = doc.scenarios.map((s) =>
    buildScenarioMapChart(doc, s, outline, uniqueName(`map-${toFileStem(s.id)}`), resolved.measureText),
  );
  return [...fixed, ...scenarioMaps]
    .filter((c): c is ReportChart => c !== null)
    // Titles and texts spelled like Object.prototype members become expressions Vega can parse (vega-literals.ts).
    .map((chart) => ({ ...chart, spec: protectVegaText(withMarking(chart.spec, resolved.marking, resolved.measureText)) }));
}
