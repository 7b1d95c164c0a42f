// Staged report files: nothing changes where a reader looks until the commit, which renames every file into place in
// the order added; a failed content or write leaves every target as it was and no temporary file behind.

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputPathError } from '../../../../reports/index.ts';
import { createStagedFiles } from '../../../../reports/internal/staged-files.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'neverout-staged-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file under root, relative and sorted (temporary files included: they start with a dot). */
async function listFiles(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/** A promise and the functions that settle it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createStagedFiles', () => {
  it('changes no target before the commit, then renames every file into place in the order added', async () => {
    await writeFile(join(root, 'report.md'), 'old');
    const staged = createStagedFiles(root);
    const svg = deferred<string>();
    staged.add('charts/a.svg', svg.promise);
    staged.add('charts/a.png', Uint8Array.from([1, 2, 3]));
    staged.add('report.md', 'new');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Written under temporary names only: the old report is what a reader sees.
    expect(await readFile(join(root, 'report.md'), 'utf8')).toBe('old');
    expect((await listFiles()).filter((f) => !f.split('/').at(-1)?.startsWith('.'))).toEqual(['report.md']);
    svg.resolve('<svg/>');
    const files = await staged.commit();
    expect(files.map((f) => relative(root, f))).toEqual(['charts/a.svg', 'charts/a.png', 'report.md']);
    expect(await listFiles()).toEqual(['charts/a.png', 'charts/a.svg', 'report.md']);
    expect(await readFile(join(root, 'report.md'), 'utf8')).toBe('new');
    expect(await readFile(join(root, 'charts/a.svg'), 'utf8')).toBe('<svg/>');
    expect([...(await readFile(join(root, 'charts/a.png')))]).toEqual([1, 2, 3]);
  });

  it('rejects the commit with a failed content, leaving the targets untouched and no temporary file', async () => {
    await writeFile(join(root, 'report.md'), 'old');
    const staged = createStagedFiles(root);
    const failure = new Error('chart broke');
    staged.add('report.md', 'new');
    staged.add('charts/a.svg', Promise.reject(failure));
    await expect(staged.commit()).rejects.toBe(failure);
    expect(await listFiles()).toEqual(['report.md']);
    expect(await readFile(join(root, 'report.md'), 'utf8')).toBe('old');
  });

  it('discards: waits for the writes under way and removes every temporary file', async () => {
    const staged = createStagedFiles(root);
    const late = deferred<string>();
    staged.add('a.csv', 'x');
    staged.add('b.csv', late.promise);
    const discarded = staged.discard();
    late.resolve('y');
    await discarded;
    expect(await listFiles()).toEqual([]);
  });

  it('names a path that cannot be written in an OutputPathError', async () => {
    await writeFile(join(root, 'charts'), 'a file where the folder should be');
    const staged = createStagedFiles(root);
    staged.add('charts/a.svg', '<svg/>');
    staged.add('report.md', 'new');
    const error = await staged.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputPathError);
    expect((error as Error).message).toContain(join(root, 'charts', 'a.svg'));
    expect(await listFiles()).toEqual(['charts']);
  });
});
