// The report's tables: the figures behind every chart with their CIs, plus reference tables and the manifest.

import { describe, expect, it } from 'vitest';
import { buildTables } from '../../../../reports/index.ts';
import { loadFixture } from '../support/report-fixtures.ts';

describe('buildTables', () => {
  it('builds every table for a full document with a baseline', () => {
    const names = buildTables(loadFixture('current'), loadFixture('previous')).map((t) => t.name);
    expect(names).toEqual([
      'services',
      'weak-spots',
      'single-points',
      'events',
      'sabotage',
      'baseline-changes',
      'time-simulation',
      'outage-durations',
      'comparison',
      'convergence',
      'service-estimates',
      'importance',
      'cut-sets',
      'attacks',
      'scenarios',
      'sites',
      'links',
      'risk-groups',
      'manifest',
    ]);
  });

  it('builds only what a minimal document supports', () => {
    expect(buildTables(loadFixture('minimal')).map((t) => t.name)).toEqual([
      'services',
      'service-estimates',
      'scenarios',
      'sites',
      'links',
      'manifest',
    ]);
  });

  it('keeps every row as wide as its columns', () => {
    for (const table of buildTables(loadFixture('current'), loadFixture('previous'))) {
      for (const row of table.rows) expect(row.length, table.name).toBe(table.columns.length);
    }
  });

  it('gives downtime per year and a target verdict only where figures hold over a year', () => {
    const estimates = buildTables(loadFixture('current')).find((t) => t.name === 'service-estimates');
    const rows = estimates?.rows ?? [];
    const forced = rows.filter((r) => r[0] === 'Power outage Noord-Holland');
    expect(forced.map((r) => r[2])).toEqual([
      'while the event lasts',
      'while the event lasts',
      'while the event lasts',
      'while the event lasts',
    ]);
    expect(forced.map((r) => [r[5], r[8]])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
    const normal = rows.filter((r) => r[0] === 'Baseline');
    expect(normal.every((r) => r[2] === 'over a year' && r[5] !== null && r[8] !== null)).toBe(true);
  });

  it('ranks the brief’s weak spots by the downtime they cause, summed over services', () => {
    const spots = buildTables(loadFixture('current')).find((t) => t.name === 'weak-spots');
    const totals = (spots?.rows ?? []).map((r) => r[4] as number);
    expect(totals.length).toBeGreaterThan(0);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  });

  it('puts the manifest’s seed, hashes, samples, estimators, workers, date and partial flag in the manifest table', () => {
    const manifest = buildTables(loadFixture('current')).find((t) => t.name === 'manifest');
    const fields = new Map(manifest?.rows.map((r) => [r[0], r[1]]));
    expect(fields.get('Seed')).toBe('nafin-2026-q4');
    expect(fields.get('Model SHA-256')).toBe('3f1c0d5a9e7b2c48d6a1f0e9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9');
    expect(fields.get('Workers')).toBe(2);
    expect(fields.get('Partial result')).toBe(false);
    expect(fields.get('Estimators')).toBe('pmc, conditional-pmc, crude, deterministic');
    expect(fields.get('Finished')).toBe('5 October 2026, 14:32 UTC');
  });
});
