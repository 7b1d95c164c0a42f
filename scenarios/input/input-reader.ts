// Where input files come from. The loader reads every file through an InputReader: from the file system (bounded
// in size, regular files only), or from the texts captured in a plan spec (remote workers, merge, resume), so one
// loader serves every command and a run's inputs are captured exactly as they were read, once.
//
//   loadInput ──key──> reader: file system (capturing) | captured texts ──bytes──> parse ──> validate

import assert from 'node:assert';
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MESSAGES } from '../messages.ts';
import { ScenarioError } from '../scenario-error.ts';

/** Prefix of the keys of files shipped with neverout (the embedded illustrative model). */
export const EMBEDDED_PREFIX = 'embedded:';

/** Largest input file read, in bytes (64 MiB); a larger file is refused while reading, never read whole. */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

/** One file as the loader read it: its key, the hash of its bytes, and its bytes as text or base64. */
export interface CapturedFile {
  /** An absolute path, or `embedded:<file>` for a shipped file. */
  readonly key: string;
  /** SHA-256 of the bytes, hex. */
  readonly sha256: string;
  /** The bytes as UTF-8 text when they are valid UTF-8, else null and `base64` holds them. */
  readonly text: string | null;
  readonly base64: string | null;
}

/** Reads input files by key. */
export interface InputReader {
  /**
   * The bytes of the file with this key.
   * @param displayName how diagnostics name the file
   * @throws ScenarioError when it cannot be read (located at the file)
   */
  read(key: string, displayName: string): Promise<Uint8Array>;
}

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Strict UTF-8 (a bad byte throws, never becomes U+FFFD); a leading byte order mark is dropped. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An input file's bytes as text. Every input is UTF-8 (a byte order mark is allowed and dropped): other bytes would
 * otherwise turn into U+FFFD and pass into ids and names unnoticed.
 * @param displayName how the diagnostic names the file
 * @throws ScenarioError located at the line and column (UTF-16 code units, as every diagnostic counts them) of the
 *   first bad byte
 */
export function decodeInputText(bytes: Uint8Array, displayName: string): string {
  try {
    return UTF8.decode(bytes);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const offset = findInvalidUtf8(bytes);
  assert(offset < bytes.length, 'the strict decoder and findInvalidUtf8 disagree');
  // The bytes before the bad one are valid: decode them to count lines (\n, \r\n, \r) and columns (UTF-16 code
  // units), as the parsers count them.
  const before = UTF8.decode(bytes.subarray(0, offset));
  const line = 1 + (before.match(/\r\n|\n|\r/g)?.length ?? 0);
  const column = before.length - (Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1) + 1;
  throw new ScenarioError([
    { severity: 'error', file: displayName, line, column, path: '', message: MESSAGES.notUtf8(bytes[offset], isUtf16ByteOrderMark(bytes)) },
  ]);
}

/** Whether the bytes start with a UTF-16 byte order mark (FF FE or FE FF), as Windows "Unicode" text does. */
function isUtf16ByteOrderMark(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence (Unicode 15, table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF); for an ill-formed sequence, the offset of its first byte.
 * The length when all are well formed.
 */
function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    // The second byte's range depends on the lead (table 3-7); later ones are plain continuation bytes.
    if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += length;
  }
  return i;
}

/**
 * Reads an input file through `reader` and decodes it as UTF-8: the one way the loader turns a file into text.
 * @throws ScenarioError when it cannot be read, or is not UTF-8 text (located at the first bad byte)
 */
export async function readInputText(
  reader: InputReader,
  key: string,
  displayName: string,
): Promise<{ bytes: Uint8Array; text: string }> {
  const bytes = await reader.read(key, displayName);
  return { bytes, text: decodeInputText(bytes, displayName) };
}

function readError(displayName: string, reason: string): ScenarioError {
  return new ScenarioError([
    { severity: 'error', file: displayName, line: 0, column: 0, path: '', message: MESSAGES.readFailed(reason) },
  ]);
}

/** The path of a shipped file. */
function embeddedPath(key: string): string {
  const name = key.slice(EMBEDDED_PREFIX.length);
  if (!/^[a-z0-9-]+\.(ya?ml|csv)$/.test(name)) throw new RangeError(`no embedded file "${name}"`);
  return fileURLToPath(new URL(`../nafin/${name}`, import.meta.url));
}

/**
 * Reads a regular file of at most `maxBytes` bytes. The size is enforced while reading (a growing or endless
 * file such as /dev/zero is cut off at the limit), and anything but a regular file is refused before reading.
 */
async function readBoundedFile(path: string, displayName: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw readError(displayName, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw readError(displayName, 'it is a folder, not a file');
    if (!stat.isFile()) throw readError(displayName, 'not a regular file (a device, pipe or socket)');
    if (stat.size > maxBytes) throw readError(displayName, `the file is larger than ${maxBytes / (1024 * 1024)} MiB`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw readError(displayName, `the file is larger than ${maxBytes / (1024 * 1024)} MiB`);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw readError(displayName, (error as Error).message);
  } finally {
    await handle.close();
  }
}

/** Suffix of a shipped file's parse snapshot, written next to it in dist/ by the build (scripts/copy-assets.js). */
export const PARSED_SNAPSHOT_SUFFIX = '.parsed.json';

/**
 * The parsed value of a shipped file as the build recorded it, when that record is present (dist/ only) and was
 * made from exactly these bytes (its SHA-256 `sha256`); else null, and the file is parsed as any other. Parsing the
 * embedded model's YAML costs a few hundred milliseconds of every command's start-up; reading the record, one.
 */
export async function readParsedSnapshot(key: string, sha256: string): Promise<unknown> {
  if (!key.startsWith(EMBEDDED_PREFIX)) return null;
  let text: string;
  try {
    text = await readFile(`${embeddedPath(key)}${PARSED_SNAPSHOT_SUFFIX}`, 'utf8');
  } catch {
    return null;
  }
  const record = JSON.parse(text) as { sha256?: unknown; value?: unknown };
  return record.sha256 === sha256 && record.value !== undefined ? record.value : null;
}

/** A reader of the file system (keys are absolute paths or `embedded:` keys), with a size limit per file. */
export function createFileReader(maxBytes = MAX_INPUT_FILE_BYTES): InputReader {
  return {
    read: (key, displayName) =>
      readBoundedFile(key.startsWith(EMBEDDED_PREFIX) ? embeddedPath(key) : key, displayName, maxBytes),
  };
}

/** Captures a file's bytes as text when they are valid UTF-8, else as base64. */
export function captureFile(key: string, bytes: Uint8Array): CapturedFile {
  const text = Buffer.from(bytes).toString('utf8');
  const exact = Buffer.from(text, 'utf8').equals(Buffer.from(bytes));
  return {
    key,
    sha256: sha256Hex(bytes),
    text: exact ? text : null,
    base64: exact ? null : Buffer.from(bytes).toString('base64'),
  };
}

/** The bytes of a captured file. */
export function capturedBytes(file: CapturedFile): Uint8Array {
  return file.text !== null ? Buffer.from(file.text, 'utf8') : Buffer.from(file.base64 ?? '', 'base64');
}

/** A reader that records every file it reads (first read of each key), for a plan spec. */
export function createCapturingReader(inner: InputReader): { readonly reader: InputReader; readonly files: () => CapturedFile[] } {
  const captured = new Map<string, CapturedFile>();
  return {
    reader: {
      async read(key, displayName) {
        const bytes = await inner.read(key, displayName);
        if (!captured.has(key)) captured.set(key, captureFile(key, bytes));
        return bytes;
      },
    },
    files: () => [...captured.values()],
  };
}

/**
 * A reader that serves only the given captured files (a plan spec's inputs); it never opens a file. Their hashes
 * are checked, so a tampered text is refused.
 */
export function createCapturedReader(files: readonly CapturedFile[]): InputReader {
  const byKey = new Map(files.map((f) => [f.key, f]));
  return {
    read(key, displayName) {
      const file = byKey.get(key);
      if (file === undefined) return Promise.reject(readError(displayName, 'not among the inputs carried by the plan'));
      const bytes = capturedBytes(file);
      if (sha256Hex(bytes) !== file.sha256) return Promise.reject(readError(displayName, 'its carried text does not match its hash'));
      return Promise.resolve(bytes);
    },
  };
}
