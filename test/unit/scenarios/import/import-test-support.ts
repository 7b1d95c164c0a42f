// Shared helpers of the importer tests: fixture locations, the Topology Zoo README table and the fast-check seed.

import { randomInt } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ImportError } from '../../../../scenarios/import/index.ts';

export const ZOO_DIRECTORY = fileURLToPath(new URL('../../../fixtures/topologyzoo/', import.meta.url));
export const MALFORMED_DIRECTORY = fileURLToPath(new URL('../../../fixtures/malformed/', import.meta.url));

/** One row of the README table: counts as networkx 3.6 reports them. */
export interface ZooRow {
  readonly file: string;
  readonly network: string;
  readonly nodes: number;
  readonly edges: number;
  readonly withCoordinates: number;
  readonly duplicates: number;
  readonly hyperedges: number;
  readonly external: number;
}

/** Reads the file table of test/fixtures/topologyzoo/README.md, so the expected counts come from the README. */
export function readZooTable(): ZooRow[] {
  const readme = readFileSync(`${ZOO_DIRECTORY}README.md`, 'utf8');
  return readme
    .split('\n')
    .filter((line) => /^\| \S+\.gml \|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      const [
        ,
        file = '',
        network = '',
        ,
        ,
        ,
        nodes = '',
        edges = '',
        coordinates = '',
        dup = '',
        hyper = '',
        ext = '',
      ] = cells;
      return {
        file,
        network,
        nodes: Number(nodes),
        edges: Number(edges),
        withCoordinates: Number(coordinates.split('/')[0]),
        duplicates: Number(dup),
        hyperedges: Number(hyper),
        external: Number(ext),
      };
    });
}

export function listZooFiles(): string[] {
  return readdirSync(ZOO_DIRECTORY)
    .filter((name) => name.endsWith('.gml'))
    .sort();
}

export function readZooFile(name: string): string {
  return readFileSync(`${ZOO_DIRECTORY}${name}`, 'utf8');
}

/**
 * Seed for fast-check: `FAST_CHECK_SEED` when set (CI), else a fresh one; printed so a failure can be replayed.
 */
export function fastCheckSeed(suite: string): number {
  const fromEnvironment = process.env['FAST_CHECK_SEED'];
  const seed = fromEnvironment === undefined ? randomInt(2 ** 31 - 1) : Number(fromEnvironment);
  console.log(`${suite}: fast-check seed ${seed} (set FAST_CHECK_SEED to replay)`);
  return seed;
}

/** Runs `action`, expects an ImportError and returns it. */
export function catchImportError(action: () => unknown): ImportError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError, but the import succeeded');
}
