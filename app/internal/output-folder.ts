// The output folder of a command: checked before any work starts (so a bad --out costs nothing and nothing is
// half-written), and the one place result.json is written. The check writes a probe file, creating a missing folder
// for it and removing what it created, so that an input problem found afterwards leaves no empty folder behind; the
// first file written creates the folder again.

import { lstat, mkdir, readlink, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ResultDocument } from '../../engine/index.ts';
import { checkOutputLocation, describeWriteError, OutputPathError, writeFileAtomic } from '../../reports/index.ts';

/** Default output folder of every command that writes one. */
export const DEFAULT_OUT_DIR = 'neverout-out';

/** File name of the result document inside an output folder. */
export const RESULT_FILE = 'result.json';

/** Removes the folders `mkdir` created, from `outDir` up to `created` (the first one), each only while empty. */
async function removeCreatedFolders(outDir: string, created: string): Promise<void> {
  const top = resolve(created);
  for (let folder = resolve(outDir); ; folder = dirname(folder)) {
    // Not empty any more (another process wrote into it): leave it and what holds it.
    if (!(await rmdir(folder).then(() => true, () => false))) return;
    if (folder === top || dirname(folder) === folder) return;
  }
}

/**
 * Makes sure files can be written into `outDir` by writing and removing a probe file in it; a missing folder (and
 * its missing parents) is created for the probe and removed again. Every writer (checkpoint, result.json, report)
 * creates the folder with its first file.
 * @throws OutputPathError naming the folder and the reason
 */
export async function prepareOutputFolder(outDir: string): Promise<void> {
  checkOutputLocation(outDir, `into ${outDir}`);
  try {
    const info = await stat(outDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (info !== null && !info.isDirectory()) throw new OutputPathError(`cannot write into ${outDir}: it is a file, not a folder`);
    if (info === null && (await lstat(outDir).then((l) => l.isSymbolicLink(), () => false))) {
      throw new OutputPathError(`cannot write into ${outDir}: it is a link to a missing folder (${await readlink(outDir)})`);
    }
    // The first folder created, or undefined when it existed (a link to a missing folder fails here, EEXIST).
    const created = await mkdir(outDir, { recursive: true });
    try {
      const probe = join(outDir, `.neverout-probe-${process.pid}`);
      await writeFile(probe, '');
      await rm(probe, { force: true });
    } finally {
      if (created !== undefined) await removeCreatedFolders(outDir, created);
    }
  } catch (error) {
    if (error instanceof OutputPathError) throw error;
    throw describeWriteError(outDir, error);
  }
}

/** Writes the result document into `outDir` atomically; returns its path. */
export async function writeResultDocument(outDir: string, document: ResultDocument): Promise<string> {
  const path = join(outDir, RESULT_FILE);
  await writeFileAtomic(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
