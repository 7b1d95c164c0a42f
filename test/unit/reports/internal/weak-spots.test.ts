// Weak spots: single points of failure (own endpoints apart), most critical elements, cheapest attacks, map classes.

import { describe, expect, it } from 'vitest';
import {
  classifyCriticality,
  findDisconnectingAttacks,
  findMostCritical,
  findSinglePoints,
} from '../../../../reports/internal/weak-spots.ts';
import { loadFixture } from '../support/report-fixtures.ts';

const doc = loadFixture('current');

describe('findSinglePoints', () => {
  it('separates a service’s own endpoints from actionable single points of failure', () => {
    const zeeland = findSinglePoints(doc).find((s) => s.serviceId === 'zeeland');
    expect(zeeland).toEqual({
      serviceId: 'zeeland',
      elements: ['flood-zeeland'],
      endpoints: ['dh-hq', 'vls-navy'],
      truncated: true,
    });
  });

  it('is empty without a cut-set analysis', () => {
    expect(findSinglePoints({ ...doc, cutSets: null })).toEqual([]);
  });
});

describe('findMostCritical', () => {
  it('ranks non-endpoint elements across services by criticality importance, each element once', () => {
    expect(findMostCritical(doc, 3).map((c) => c.elementId)).toEqual(['flood-zeeland', 'platform-vendor-a', 'wdt-vls']);
  });
});

describe('findDisconnectingAttacks', () => {
  it('lists attacks that cut a service off alone, cheapest first', () => {
    expect(findDisconnectingAttacks(doc).map((a) => a.attack.serviceId)).toEqual(['air-defence', 'zeeland']);
  });
});

describe('classifyCriticality', () => {
  it('marks members of single-point risk groups, 2-element cut sets and endpoints, with reasons', () => {
    const classes = classifyCriticality(doc);
    expect(classes.get('wdt-vls')?.elementClass).toBe('spof-group-member');
    expect(classes.get('nmg-vkl')?.elementClass).toBe('cut-2');
    expect(classes.get('dh-hq')?.elementClass).toBe('endpoint');
    expect(classes.get('wdt-vls')?.reasons.join('; ')).toContain('Flood Zeeland');
  });

  it('leaves members of too large single-point groups unmarked when asked', () => {
    expect(classifyCriticality(doc, 2).get('wdt-vls')?.elementClass).toBe('cut-2');
  });
});
