// The output folder of a command: checked before any work starts (so a bad --out costs nothing and nothing is
// half-written), and the one place result.json is written.

import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultDocument } from '../../engine/index.ts';
import { checkOutputLocation, describeWriteError, OutputPathError, writeFileAtomic } from '../../reports/index.ts';

/** Default output folder of every command that writes one. */
export const DEFAULT_OUT_DIR = 'neverout-out';

/** File name of the result document inside an output folder. */
export const RESULT_FILE = 'result.json';

/**
 * Makes sure `outDir` is a writable folder (creating it when missing) by writing and removing a probe file.
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
    await mkdir(outDir, { recursive: true });
    const probe = join(outDir, `.neverout-probe-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
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
