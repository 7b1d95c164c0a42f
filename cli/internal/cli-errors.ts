// Errors of the command line itself (bad flags). Input-file problems are ScenarioError from scenarios/.

/** A flag or argument breaks its rule; exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Parses a positive integer flag, naming the flag and the rule on failure. */
export function parsePositiveInteger(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < 1) throw new CliUsageError(`${flag} must be a positive integer, got "${value}"`);
    return n;
  };
}

/** Parses a number in an open interval (lo, hi). */
export function parseNumberBetween(flag: string, lo: number, hi: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= lo || n >= hi) throw new CliUsageError(`${flag} must be a number in (${lo}, ${hi}), got "${value}"`);
    return n;
  };
}

/** Parses a duration in seconds: `90`, `90s`, `15m`, `2h`. */
export function parseDurationSeconds(flag: string): (value: string) => number {
  return (value: string) => {
    const match = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/.exec(value.trim());
    if (match === null) throw new CliUsageError(`${flag} must be a duration such as 90s, 15m or 2h, got "${value}"`);
    const scale = match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1;
    const seconds = Number(match[1]) * scale;
    if (!(seconds > 0)) throw new CliUsageError(`${flag} must be a positive duration, got "${value}"`);
    return seconds;
  };
}
