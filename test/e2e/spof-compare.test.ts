// End-to-end: the planner's questions on the embedded default model. Which single element takes a service
// down (spof)? What does a second route to Vlissingen buy (compare)?

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CutSetAnalysis, ResultDocument } from '../../engine/index.ts';
import { runCli } from '../support/run-cli.ts';

describe('neverout spof', () => {
  it('lists the single points of failure of the default model by name, including its planted weak spots', { timeout: 180_000 }, async () => {
    const text = await runCli(['spof', '--order', '1', '--quiet']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('single points of failure');
    expect(text.stdout).toContain('fibre link vlissingen - core_middelburg [vlissingen--core_middelburg]');
    const json = await runCli(['spof', '--order', '2', '--json', '--quiet']);
    const analysis = JSON.parse(json.stdout) as CutSetAnalysis;
    const naval = analysis.services.find((s) => s.serviceId === 'c2-naval');
    expect(naval?.cutSets.some((c) => c.order === 1 && c.elements[0] === 'vlissingen--core_middelburg')).toBe(true);
    const atc = analysis.services.find((s) => s.serviceId === 'civil-atc-eindhoven');
    expect(atc?.cutSets.some((c) => c.order === 1 && c.elements[0] === 'eindhoven_airport--vb_eindhoven')).toBe(true);
    // Layers: the "redundant" fleet C2 circuit pair shares one duct under the Moerdijk bridges, found and named.
    const fleet = analysis.services.find((s) => s.serviceId === 'fleet-circuits-vlissingen-rotterdam');
    expect(fleet?.cutSets.some((c) => c.order === 1 && c.elements[0] === 'duct-moerdijk-bridges')).toBe(true);
    expect(fleet?.cutSets.some((c) => c.order === 1 && c.elements[0].startsWith('cy_'))).toBe(false);
    expect(analysis.layerEffects?.find((e) => e.element === 'duct-moerdijk-bridges')?.links.map((l) => l.linkId)).toEqual([
      'fleet-circuit-rail',
      'fleet-circuit-motorway',
    ]);
    expect(text.stdout).toContain(
      'Duct cut under the Moerdijk bridges (carrier-y) [risk group duct-moerdijk-bridges]: takes down logical links fleet-circuit-rail (its route) and fleet-circuit-motorway (its route)',
    );
    // Deterministic: the same analysis twice.
    const again = await runCli(['spof', '--order', '2', '--json', '--quiet']);
    expect(again.stdout).toBe(json.stdout);
  });

  it('sees capacity and protection weak spots that connectivity hides (examples/nafin-traffic-services.yaml)', { timeout: 180_000 }, async () => {
    const json = await runCli(['spof', 'examples/nafin-traffic-services.yaml', '--order', '1', '--json', '--quiet']);
    expect(json.code).toBe(0);
    const analysis = JSON.parse(json.stdout) as CutSetAnalysis;
    const isSpof = (serviceId: string, element: string): boolean | undefined =>
      analysis.services.find((s) => s.serviceId === serviceId)?.cutSets.some((c) => c.order === 1 && c.elements[0] === element);
    // Capacity: an intake link is a single point of failure of the 320 Gbit/s intake, not of its connectivity.
    expect(isSpof('intake-112-capacity', 'pol_le_driebergen--agg_ede')).toBe(true);
    expect(isSpof('routing-112', 'pol_le_driebergen--agg_ede')).toBe(false);
    // Protection: a meldkamer's access link leaves it connected but no longer protected.
    expect(isSpof('meldkamers-protected', 'mk_limburg--core_maastricht')).toBe(true);
    expect(isSpof('routing-112', 'mk_limburg--core_maastricht')).toBe(false);
  });
});

describe('neverout compare', () => {
  it('prints paired differences for the default model and a variant with one added link', { timeout: 240_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'neverout-compare-'));
    const result = await runCli([
      'compare', 'default', 'examples/nafin-second-route-vlissingen.yaml',
      '--samples', '60000', '--seed', '2', '--json', '--no-report', '--out', out,
    ]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as ResultDocument;
    const services = doc.comparison?.scenarios[0].services ?? [];
    expect(services).toHaveLength(20);
    const naval = services.find((s) => s.serviceId === 'c2-naval');
    expect(naval?.difference.estimate).toBeGreaterThan(0);
    // Services the added link cannot touch are coupled exactly: zero difference in every sample.
    const ring = services.find((s) => s.serviceId === 'haagse-ring');
    expect(ring?.difference.estimate).toBe(0);
    expect(ring?.baseAvailability).toEqual(ring?.planAvailability);
    for (const s of services) {
      const pairedWidth = s.difference.upper - s.difference.lower;
      const unpaired = 2 * Math.hypot((s.baseAvailability.upper - s.baseAvailability.lower) / 2, (s.planAvailability.upper - s.planAvailability.lower) / 2);
      expect(pairedWidth).toBeLessThan(unpaired);
    }
  });

  it(
    'compares in time: fibre repaired by a supplier with a 24 h response costs downtime, with a paired interval excluding zero',
    { timeout: 240_000 },
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'neverout-compare-time-'));
      const result = await runCli([
        'compare', 'default', 'examples/nafin-fibre-supplier-24h-study.yaml', '--seed', '1', '--no-report', '--out', out,
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('Comparison in time');
      expect(result.stdout).toMatch(/^baseline\s+c2-naval\s.*more downtime$/m);
      const doc = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as ResultDocument;
      expect(doc.comparison?.kind).toBe('time');
      expect(doc.comparison?.years).toBe(1000);
      const baseline = doc.comparison?.scenarios.find((s) => s.scenarioId === 'baseline');
      const naval = baseline?.services.find((s) => s.serviceId === 'c2-naval')?.time;
      // Plan minus base downtime per year: positive, its paired 95% interval above zero.
      expect(naval?.downtimeMinutesPerYear.difference.lower).toBeGreaterThan(0);
      // The same failures on both sides: a service no fibre repair can touch is identical year by year.
      const core = baseline?.services.find((s) => s.serviceId === 'c2000-core')?.time;
      expect(core?.downtimeMinutesPerYear.difference).toEqual({ estimate: 0, lower: 0, upper: 0 });
      // The supplier's crew is in the plan's crew figures, Defence's in the base's.
      expect(baseline?.crews?.base.map((c) => c.crewId)).toContain('defence-fibre');
      expect(baseline?.crews?.plan.map((c) => c.crewId)).toContain('supplier-fibre');
    },
  );
});
