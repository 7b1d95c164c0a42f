// Test support: a result document built to break chart layouts. Forty services with long names, one scenario,
// availabilities at exactly 0 and exactly 1 next to tiny unavailabilities, long site names on the map, importance,
// cut sets, a time simulation and a plan comparison for every service. Derived from the periodic-analysis fixture's
// sites and links, so the map has real coordinates.

import type {
  ImportanceEntry,
  Interval,
  ResultDocument,
  ResultService,
  ServiceEstimate,
} from '../../../../engine/index.ts';
import { loadFixture } from './report-fixtures.ts';

const MINUTES_PER_YEAR = 525_960;
/** How many services the stress document has. */
export const STRESS_SERVICE_COUNT = 40;

function fixed(value: number): Interval {
  return { estimate: value, lower: value, upper: value };
}

function around(value: number, spread: number): Interval {
  return { estimate: value, lower: Math.max(0, value * (1 - spread)), upper: Math.min(1, value * (1 + spread)) };
}

/** Unavailability of service i: exactly 1 (never up), exactly 0 (never down), then from 0.5 down to about 1e-11. */
function unavailabilityOf(i: number): number {
  if (i === 0) return 1;
  if (i === 1) return 0;
  return 0.5 * 10 ** (-(i - 2) / 3.6);
}

function estimateOf(service: ResultService, i: number, importance: ImportanceEntry[] | null): ServiceEstimate {
  const u = unavailabilityOf(i);
  const exact = u === 0 || u === 1;
  const unavailability = exact ? fixed(u) : around(u, 0.2);
  const availability = { estimate: 1 - u, lower: 1 - unavailability.upper, upper: 1 - unavailability.lower };
  const nines = (x: number) => (x <= 0 ? 20 : Math.min(20, -Math.log10(x)));
  const target = service.target;
  return {
    serviceId: service.id,
    estimator: exact ? 'deterministic' : 'pmc',
    samples: 1_000_000,
    availability,
    unavailability,
    relativeError: u === 0 ? null : exact ? 0 : 0.2,
    downtimeMinutesPerYear: {
      estimate: unavailability.estimate * MINUTES_PER_YEAR,
      lower: unavailability.lower * MINUTES_PER_YEAR,
      upper: unavailability.upper * MINUTES_PER_YEAR,
    },
    nines: { estimate: nines(u), lower: nines(unavailability.upper), upper: nines(unavailability.lower) },
    servedFraction: null,
    targetStatus:
      target === null
        ? null
        : availability.lower >= target
          ? 'met'
          : availability.upper < target
            ? 'missed'
            : 'uncertain',
    convergence: exact
      ? []
      : [100_000, 400_000, 700_000, 1_000_000].map((samples) => ({
          samples,
          unavailability: around(u, 0.2 * Math.sqrt(1_000_000 / samples)),
        })),
    importance,
  };
}

/** The stress document: see the file header. */
export function buildStressDocument(): ResultDocument {
  const base = loadFixture('current');
  const sites = base.model.sites.map((s, i) => ({
    ...s,
    name:
      i % 3 === 0
        ? `${s.name} (extended site name for the stress test, with a remark in brackets), Province of Somewhere`
        : `${s.name} with a long descriptive suffix number ${i}`,
  }));
  const siteIds = sites.map((s) => s.id);
  const services: ResultService[] = Array.from({ length: STRESS_SERVICE_COUNT }, (_, i) => ({
    id: `service-${i}`,
    name:
      `Service ${i + 1}: command and control traffic from the regional operations centre number ${i + 1} to the ` +
      'ministry in The Hague over the primary and the backup route',
    kind: 'connected' as const,
    endpoints: [siteIds[i % siteIds.length] ?? 'dh-hq', siteIds[(i + 7) % siteIds.length] ?? 'dh-core'],
    target: i % 5 === 4 ? null : ([0.99, 0.9999, 0.99999, 0.999999999][i % 4] ?? 0.999),
    description: '',
  }));
  const importanceOf = (i: number): ImportanceEntry[] | null =>
    i >= 20
      ? null
      : base.model.links.slice(0, 8).map((link, k) => {
          const c = around(0.9 / (k + 1), 0.1);
          return {
            elementId: link.id,
            elementKind: 'link' as const,
            birnbaum: around(0.5, 0.1),
            criticality: c,
            riskAchievementWorth: around(10, 0.1),
            riskReductionWorth: around(1.5, 0.1),
            fussellVesely: c,
          };
        });
  const estimates = services.map((s, i) => estimateOf(s, i, importanceOf(i)));
  const edges = [0, 1 / 60, 5 / 60, 0.25, 0.5, 1, 2, 4, 8, 12, 24, 48, 96, 168, 8760];
  return {
    ...base,
    model: { ...base.model, sites, services },
    scenarios: [
      {
        id: 'baseline',
        name: 'Baseline with a deliberately long scenario name that goes on and on to test every legend and key',
        description: '',
        samples: 1_000_000,
        batches: 100,
        stoppedBy: 'max-samples',
        forced: [],
        attack: null,
        services: estimates,
      },
    ],
    cutSets: {
      maxOrder: 2,
      services: services.map((s, i) => ({
        serviceId: s.id,
        cutSets: [
          { order: 1, elements: [base.model.links[i % base.model.links.length]?.id ?? 'dh-rtd'] },
          { order: 2, elements: ['dh-ams', 'dh-utr'] },
        ],
        truncated: i % 7 === 0,
      })),
    },
    comparison: {
      base: { name: 'Current network', sha256: '0'.repeat(64) },
      plan: { name: 'Plan with every long name', sha256: '1'.repeat(64) },
      scenarios: [
        {
          scenarioId: 'baseline',
          services: services.map((s, i) => {
            const d = (i % 3) - 1;
            return {
              serviceId: s.id,
              baseAvailability: around(0.999, 0.0001),
              planAvailability: around(0.999, 0.0001),
              difference: { estimate: d * 1e-5, lower: d * 1e-5 - 5e-6, upper: d * 1e-5 + 5e-6 },
              varianceReduction: i === 0 ? null : 4,
            };
          }),
        },
      ],
    },
    timeSimulation: {
      years: 1000,
      services: services.map((s, i) => ({
        serviceId: s.id,
        outagesPerYear: i === 1 ? fixed(0) : around(0.1 + i / 10, 0.2),
        downtimeMinutesPerYear: i === 1 ? fixed(0) : around(10 * (i + 1), 0.2),
        durationHistogram: {
          edgesHours: edges,
          counts: edges.slice(1).map((_, k) => (i === 1 ? 0 : Math.max(0, ((k * 37 + i * 11) % 90) - 20))),
        },
      })),
    },
  };
}
