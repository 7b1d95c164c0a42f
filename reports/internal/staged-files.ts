// Writes a set of files so that a reader sees all of them change or none: each file is written under a temporary
// name in its target folder as soon as its content is ready (while the report's other charts still render), and
// every one is renamed into place only on commit. A failure before the commit leaves every target untouched.

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeWriteError } from './write-atomic.ts';

/** File content, or a promise of it (a chart still rendering); a rejected promise is never written. */
export type StagedContent = string | Uint8Array | Promise<string | Uint8Array>;

/** Files being written under temporary names, renamed into place together by {@link StagedFiles.commit}. */
export interface StagedFiles {
  /**
   * Starts writing `content` under a temporary name next to `path` once it is ready.
   * @param path relative to the staging root; each path at most once
   */
  add(path: string, content: StagedContent): void;
  /**
   * Waits for every write, then renames each file into place in the order added.
   * @returns the absolute paths, in the order added
   * @throws OutputPathError when a file cannot be written (temporary files are removed first); the rejection of a
   *   content promise, unchanged
   */
  commit(): Promise<string[]>;
  /** Waits for the writes under way and removes every temporary file; no target is touched. */
  discard(): Promise<void>;
}

interface StagedFile {
  readonly path: string;
  readonly temp: string;
  /** Settles when the temporary file is written; rejects with the content's or the write's error. */
  readonly written: Promise<void>;
}

/**
 * Stages files under `root` (created when missing, with every folder a path needs).
 * @param root the folder the paths are relative to
 */
export function createStagedFiles(root: string): StagedFiles {
  const files: StagedFile[] = [];
  const folders = new Map<string, Promise<unknown>>();
  // One random suffix per set: temporary names differ between processes and between sets.
  const suffix = `${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

  const makeFolder = (folder: string) => {
    let made = folders.get(folder);
    if (made === undefined) {
      made = mkdir(folder, { recursive: true });
      folders.set(folder, made);
    }
    return made;
  };

  const removeTemps = async () => {
    await Promise.allSettled(files.map((f) => f.written));
    await Promise.all(files.map((f) => rm(f.temp, { force: true }).catch(() => undefined)));
  };

  return {
    add(path, content) {
      const target = resolve(root, path);
      const temp = join(dirname(target), `.${basename(target)}.${suffix}`);
      const written = (async () => {
        const bytes = await content;
        try {
          await makeFolder(dirname(target));
          await writeFile(temp, bytes);
        } catch (error) {
          throw describeWriteError(target, error);
        }
      })();
      // Observed at commit or discard; this keeps a rejection that nobody awaits yet from being reported as unhandled.
      written.catch(() => undefined);
      files.push({ path: target, temp, written });
    },

    async commit() {
      const settled = await Promise.allSettled(files.map((f) => f.written));
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed !== undefined) {
        await removeTemps();
        throw failed.reason;
      }
      const committed: string[] = [];
      try {
        for (const file of files) {
          try {
            await rename(file.temp, file.path);
          } catch (error) {
            throw describeWriteError(file.path, error);
          }
          committed.push(file.path);
        }
      } catch (error) {
        await removeTemps();
        throw error;
      }
      return committed;
    },

    discard: removeTemps,
  };
}
