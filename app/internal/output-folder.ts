// The output folder of a command: checked before any work starts (so a bad --out costs nothing and nothing is
// half-written), and the one place result.json is written. A missing folder is not created here: the first file
// written creates it, so an input problem found after this check leaves no empty folder behind.

import { constants } from 'node:fs';
import { access, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ResultDocument } from '../../engine/index.ts';
import { checkOutputLocation, describeWriteError, OutputPathError, writeFileAtomic } from '../../reports/index.ts';

/** Default output folder of every command that writes one. */
export const DEFAULT_OUT_DIR = 'neverout-out';

/** File name of the result document inside an output folder. */
export const RESULT_FILE = 'result.json';

async function statOrNull(path: string): Promise<Awaited<ReturnType<typeof stat>> | null> {
  return stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}

/**
 * Makes sure files can be written into `outDir` without creating it: an existing folder by writing and removing a
 * probe file; a missing one by finding the folder it would be created in (its nearest existing ancestor) and checking
 * that one is a folder this process may write into. Every writer (checkpoint, result.json, report) creates the
 * folder with its first file.
 * @throws OutputPathError naming the folder and the reason
 */
export async function prepareOutputFolder(outDir: string): Promise<void> {
  checkOutputLocation(outDir, `into ${outDir}`);
  try {
    const info = await statOrNull(outDir);
    if (info !== null) {
      if (!info.isDirectory()) throw new OutputPathError(`cannot write into ${outDir}: it is a file, not a folder`);
      const probe = join(outDir, `.neverout-probe-${process.pid}`);
      await writeFile(probe, '');
      await rm(probe, { force: true });
      return;
    }
    let ancestor = dirname(resolve(outDir));
    let found = await statOrNull(ancestor);
    while (found === null) {
      ancestor = dirname(ancestor);
      found = await statOrNull(ancestor);
    }
    // A file on the way makes stat fail with ENOTDIR above; this only catches one put there since.
    if (!found.isDirectory()) throw Object.assign(new Error(`${ancestor} is not a folder`), { code: 'ENOTDIR' });
    await access(ancestor, constants.W_OK | constants.X_OK);
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
