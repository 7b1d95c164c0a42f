// Runs in its own file so mathjs starts unloaded: validating the default model must not import it.
import { describe, expect, it } from 'vitest';
import { loadInput, parseSourceDocument, validateTopology } from '../../../scenarios/index.ts';
import { isMathjsLoaded, parseQuantity, runWithQuantityParser } from '../../../scenarios/quantity.ts';

const TOPOLOGY_NEEDING_MATHJS = `format: neverout-topology/1
name: t
nodes:
  - { id: a, kind: site, mtbf: sqrt(10000) h, mttr: 1 h }
  - { id: b, kind: site, mtbf: 99 h, mttr: 12 parsecs }
links:
  - { id: ab, from: a, to: b, medium: fibre, lengthKm: 5 km, availability: 0.9 }
`;

describe('isMathjsLoaded', () => {
  it('stays false while the embedded default study is loaded and validated', async () => {
    const loaded = await loadInput(null);
    expect(loaded.topology.nodes.length).toBeGreaterThan(0);
    expect(isMathjsLoaded()).toBe(false);
  });
});

describe('runWithQuantityParser', () => {
  it('runs the check once when every quantity takes the fast path', async () => {
    let runs = 0;
    const value = await runWithQuantityParser(() => {
      runs++;
      return parseQuantity('3 cuts / 1000 km / year', 'ratePerKmYear');
    });
    expect(value).toEqual({ kind: 'ok', value: 0.0030000000000000005 });
    expect(runs).toBe(1);
    expect(isMathjsLoaded()).toBe(false);
  });

  it('parseQuantity outside it refuses a text that needs mathjs before mathjs is loaded', () => {
    expect(() => parseQuantity('sqrt(4) h', 'duration')).toThrow(/prepareQuantityParser/);
  });

  it('loads mathjs and runs the check again when a quantity needs it, with mathjs messages', async () => {
    const parsed = parseSourceDocument('t.yaml', TOPOLOGY_NEEDING_MATHJS);
    if (parsed.kind !== 'ok') throw new Error('fixture does not parse');
    const validation = await validateTopology(parsed.document);
    expect(isMathjsLoaded()).toBe(true);
    expect(validation.kind).toBe('invalid');
    const messages =
      validation.kind === 'invalid'
        ? validation.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)
        : [];
    expect(messages).toEqual([
      'expected a duration (e.g. 12 h, 3 days), got "12 parsecs" (unknown unit or name "parsecs")',
    ]);
    let runs = 0;
    await runWithQuantityParser(() => runs++);
    expect(runs).toBe(1);
  });
});
