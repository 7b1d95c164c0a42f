// Options of the exports: defaults, the scenario choice and the rules each option must follow.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DRILL_OPTIONS,
  resolveDrillOptions,
  resolveGeoJsonOptions,
  selectScenario,
} from '../../../../reports/export/index.ts';
import { ReportOptionsError } from '../../../../reports/index.ts';
import { makeResultDocument } from './export-fixtures.ts';

describe('selectScenario', () => {
  it('defaults to the first scenario and finds others by id', () => {
    const doc = makeResultDocument();
    expect(selectScenario(doc, null)?.id).toBe('baseline');
    expect(selectScenario(doc, 'sabotage')?.id).toBe('sabotage');
    expect(selectScenario({ ...doc, scenarios: [] }, null)).toBeNull();
  });

  it('names the known ids when the id is unknown', () => {
    expect(() => selectScenario(makeResultDocument(), 'x')).toThrow(
      new ReportOptionsError(
        'options.scenarioId must be a scenario id of the result document (baseline, sabotage, sabotage-1), got "x"',
      ),
    );
  });
});

describe('resolveGeoJsonOptions', () => {
  it('fills the scenario', () => {
    expect(resolveGeoJsonOptions(makeResultDocument()).scenario?.id).toBe('baseline');
    expect(resolveGeoJsonOptions(makeResultDocument(), { scenarioId: 'sabotage-1' }).scenario?.id).toBe('sabotage-1');
  });
});

describe('resolveDrillOptions', () => {
  it('fills every field from the defaults', () => {
    const resolved = resolveDrillOptions(makeResultDocument());
    expect(resolved).toMatchObject({
      top: DEFAULT_DRILL_OPTIONS.top,
      observeSeconds: DEFAULT_DRILL_OPTIONS.observeSeconds,
    });
    expect(resolved.scenario?.id).toBe('baseline');
  });

  it.each([
    [{ top: 0 }, 'options.top must be a whole number >= 1, got 0'],
    [{ top: 1.5 }, 'options.top must be a whole number >= 1, got 1.5'],
    [{ observeSeconds: Number.NaN }, 'options.observeSeconds must be a finite number of seconds >= 0, got NaN'],
  ])('rejects %j', (options, message) => {
    expect(() => resolveDrillOptions(makeResultDocument(), options)).toThrow(new ReportOptionsError(message));
  });
});
