// The one error hierarchy of neverout. Every error a command can end with derives from NeveroutError, and the
// CLI maps an error to its exit code by these base classes alone: InputError 2, InterruptedError 130, anything
// else 1 (a bug, reported with what is needed to replay it).

/** Base of every error neverout throws on purpose. */
export abstract class NeveroutError extends Error {
  /** Process exit code the CLI ends with for this error. */
  abstract readonly exitCode: number;
}

/**
 * A problem with what the user gave: a file, a flag, an output folder, a checkpoint, a Redis URL. Exit code 2.
 * The message names where the problem is (file:line:column field, the flag, or the path) and the rule broken.
 */
export class InputError extends NeveroutError {
  override readonly name: string = 'InputError';
  readonly exitCode = 2;
}

/** The user interrupted a run before anything useful was written (a partial run with a result is not an error). */
export class InterruptedError extends NeveroutError {
  override readonly name: string = 'InterruptedError';
  readonly exitCode = 130;
}

/**
 * An internal invariant broke: a bug in neverout, never a user mistake. Exit code 1. Carries what is needed to
 * replay it (seed, scenario, batch) when it happened inside a batch.
 */
export class InternalError extends NeveroutError {
  override readonly name: string = 'InternalError';
  readonly exitCode = 1;
}

/** True for errors that are the user's to fix (exit code 2). */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}

/** Error codes of the file system that mean "not writable there", which the user fixes by naming another path. */
const PATH_ERROR_REASONS: Readonly<Record<string, string>> = {
  EEXIST: 'a file is in the way of a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'a part of the path does not exist',
  ENAMETOOLONG: 'the name is too long',
  EINVAL: 'the path is not valid there',
};

/**
 * What a file-system error code means to a user writing a file (every writer words it the same), or undefined for a
 * code that is no path problem.
 */
export function describePathErrorCode(code: string | undefined): string | undefined {
  return code === undefined ? undefined : PATH_ERROR_REASONS[code];
}
