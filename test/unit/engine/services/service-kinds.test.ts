// The service-kind registries: every kind the engine knows has a definition on both sides, lookups refuse unknown
// kinds, and estimator support is read from the declaration. Behaviour per kind is in test/contract/.

import { describe, expect, it } from 'vitest';
import {
  isReachExact,
  isServiceKind,
  resolveServiceKinds,
  SERVICE_KIND_NAMES,
  SERVICE_KINDS,
  serviceKindOf,
  supportsEstimator,
  type CompiledService,
} from '../../../../engine/index.ts';
import { TOPOLOGY_SERVICE_KINDS } from '../../../../scenarios/index.ts';

const connected: CompiledService = { kind: 'connected', id: 'c', terminals: Uint32Array.of(0, 1) };
const reach: CompiledService = { kind: 'reach', id: 'r', from: Uint32Array.of(0), to: Uint32Array.of(1, 2), k: 1 };

describe('SERVICE_KINDS', () => {
  it('declares every kind once, with the same keys on the input side', () => {
    expect(SERVICE_KIND_NAMES).toEqual(['connected', 'reach', 'capacity', 'latency', 'protected', 'traffic']);
    for (const kind of SERVICE_KIND_NAMES) expect(SERVICE_KINDS[kind].kind).toBe(kind);
    expect(Object.keys(TOPOLOGY_SERVICE_KINDS)).toEqual([...SERVICE_KIND_NAMES]);
    for (const kind of SERVICE_KIND_NAMES) expect(TOPOLOGY_SERVICE_KINDS[kind].kind).toBe(kind);
  });
});

describe('isServiceKind', () => {
  it('accepts the known kinds only', () => {
    expect(isServiceKind('connected')).toBe(true);
    expect(isServiceKind('reach')).toBe(true);
    expect(isServiceKind('capacity')).toBe(true);
    expect(isServiceKind('bandwidth')).toBe(false);
    expect(isServiceKind('toString')).toBe(false);
    expect(isServiceKind(3)).toBe(false);
  });
});

describe('serviceKindOf', () => {
  it('returns the definition of the service kind', () => {
    expect(serviceKindOf(connected)).toBe(SERVICE_KINDS.connected);
    expect(serviceKindOf(reach).countEndpoints(reach)).toBe(1);
  });

  it('throws a RangeError naming the service for an unknown kind', () => {
    const alien = { kind: 'bandwidth', id: 'x' } as unknown as CompiledService;
    expect(() => serviceKindOf(alien)).toThrow(RangeError);
    expect(() => serviceKindOf(alien)).toThrow(/service x has unknown kind "bandwidth"/);
  });
});

describe('resolveServiceKinds', () => {
  it('looks each service up in order', () => {
    expect(resolveServiceKinds([reach, connected])).toEqual([SERVICE_KINDS.reach, SERVICE_KINDS.connected]);
  });
});

describe('supportsEstimator', () => {
  it('reads the declaration: every kind supports crude; the connectivity kinds also PMC', () => {
    for (const service of [connected, reach]) {
      expect(supportsEstimator(service, 'crude')).toBe(true);
      expect(supportsEstimator(service, 'pmc')).toBe(true);
    }
    for (const kind of ['capacity', 'latency', 'protected'] as const) {
      const service = { kind, id: kind } as unknown as CompiledService;
      expect(supportsEstimator(service, 'crude')).toBe(true);
      expect(supportsEstimator(service, 'pmc')).toBe(false);
      expect(isReachExact(service)).toBe(false);
    }
    expect(isReachExact(connected) && isReachExact(reach)).toBe(true);
  });
});
