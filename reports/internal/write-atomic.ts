// Atomic file output for reports: write a temporary file in the target folder, then rename it over the target, so
// a reader (or a crash) never sees a half-written chart, table or page.

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describePathErrorCode, InputError } from '../../engine/index.ts';

/** A file or folder could not be written where the user asked (a file in the way, no permission, read-only). */
export class OutputPathError extends InputError {
  override readonly name = 'OutputPathError';
}

/** The InputError for a file-system error writing `path`, or the error itself when it is not a path problem. */
export function describeWriteError(path: string, error: unknown): unknown {
  const reason = describePathErrorCode((error as NodeJS.ErrnoException | null)?.code);
  return reason === undefined ? error : new OutputPathError(`cannot write ${path}: ${reason}`, { cause: error });
}

/** Virtual file systems: writing there never makes a file a user can open, and some paths there block or spin. */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Refuses an output path inside a virtual file system (/proc, /sys, /dev), before anything is created there.
 * @param what how the message names the path (default the path itself)
 * @throws OutputPathError
 */
export function checkOutputLocation(path: string, what = path): void {
  const absolute = resolve(path);
  const root = VIRTUAL_ROOTS.find((r) => absolute === r || absolute.startsWith(`${r}/`));
  if (root !== undefined) throw new OutputPathError(`cannot write ${what}: it is inside ${root}, a virtual file system`);
}

/**
 * Writes `content` to `path` atomically (same-folder temp file, then rename; rename is atomic within a file system).
 * An existing target must be a regular file: a device, a pipe or a folder is never replaced.
 * @throws OutputPathError when the path cannot be written (named, with the reason)
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  checkOutputLocation(path);
  const existing = await stat(path).catch(() => null);
  if (existing !== null && !existing.isFile()) {
    const kind = existing.isDirectory() ? 'a folder' : 'not a regular file (a device, pipe or socket)';
    throw new OutputPathError(`cannot write ${path}: it is ${kind}`);
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw describeWriteError(path, error);
  }
}
