import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInput, ScenarioError } from '../../../scenarios/index.ts';

function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'neverout-extends-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('topologies that extend another', () => {
  it('add, replace and remove elements of the base', async () => {
    const base = await loadInput('scenarios/nafin/nafin-topology.yaml');
    const path = writeTemp(
      'variant.yaml',
      `format: neverout-topology/1
name: variant
extends: default
removeLinks: [vlissingen--core_middelburg]
links:
  - { id: vlissingen--agg_goes, from: vlissingen, to: agg_goes, medium: fibre, lengthKm: 30 }
`,
    );
    const variant = await loadInput(path);
    expect(variant.topology.links.length).toBe(base.topology.links.length);
    expect(variant.topology.links.some((l) => l.id === 'vlissingen--core_middelburg')).toBe(false);
    // New links follow the base's service-graph links (physical links, a layered model's, come last).
    const serviceLinks = variant.topology.links.filter((l) => l.physical !== true);
    expect(serviceLinks.at(-1)?.id).toBe('vlissingen--agg_goes');
    expect(variant.topologySource.sha256).not.toBe(base.topologySource.sha256);
  });

  it('locate errors in the extending file, with its own line and path', async () => {
    const path = writeTemp(
      'bad.yaml',
      `format: neverout-topology/1
name: bad
extends: default
removeNodes: [no_such_node]
`,
    );
    await expect(loadInput(path)).rejects.toThrow(ScenarioError);
    const path2 = writeTemp(
      'bad2.yaml',
      `format: neverout-topology/1
name: bad
extends: default
links:
  - { id: x, from: vlissingen, to: nowhere, medium: fibre, lengthKm: 3 }
`,
    );
    const error = await loadInput(path2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toBe(`${path2}:5:36 links[0].to: unknown node id "nowhere"`);
  });

  it('report an element removed twice at its second occurrence', async () => {
    const path = writeTemp(
      'twice.yaml',
      `format: neverout-topology/1
name: twice
extends: default
removeLinks: [vlissingen--core_middelburg, vlissingen--core_middelburg]
`,
    );
    const error = await loadInput(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toBe(
      `${path}:4:44 removeLinks[1]: "vlissingen--core_middelburg" is named twice (first at removeLinks[0])`,
    );
  });

  it('report a crew the base does not have, as for every other removal', async () => {
    const path = writeTemp(
      'crew.yaml',
      `format: neverout-topology/1
name: crew
extends: default
removeCrews: [no-such-crew]
`,
    );
    const error = await loadInput(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toBe(`${path}:4:15 removeCrews[0]: the base topology has no crew "no-such-crew"`);
  });
});
