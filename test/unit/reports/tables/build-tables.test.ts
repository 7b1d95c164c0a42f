// The report's tables: the figures behind every chart with their CIs, plus reference tables and the manifest.

import { describe, expect, it } from 'vitest';
import { buildTables } from '../../../../reports/index.ts';
import { loadFixture } from '../support/report-fixtures.ts';

describe('buildTables', () => {
  it('builds every table for a full document with a baseline', () => {
    const names = buildTables(loadFixture('current'), loadFixture('previous')).map((t) => t.name);
    expect(names).toEqual([
      'service-estimates',
      'baseline-changes',
      'importance',
      'cut-sets',
      'attacks',
      'comparison',
      'time-simulation',
      'outage-durations',
      'scenarios',
      'convergence',
      'sites',
      'links',
      'risk-groups',
      'manifest',
    ]);
  });

  it('builds only what a minimal document supports', () => {
    expect(buildTables(loadFixture('minimal')).map((t) => t.name)).toEqual([
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
