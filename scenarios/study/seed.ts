// The one rule for study seeds, applied to the `seed` of a study file, the --seed flag and every plan spec that
// arrives from a checkpoint or Redis, so a seed that runs can always be resumed, merged and sent to workers.

/** Longest seed accepted, in characters. */
export const MAX_SEED_LENGTH = 128;

/** What a seed must be, for messages. */
export const SEED_RULE = `1 to ${MAX_SEED_LENGTH} printable characters (a number or a word)`;

/** Checks a seed; null when it follows the rule, else what is wrong. */
export function checkSeed(seed: string): string | null {
  if (seed.length === 0) return `must be ${SEED_RULE}, got an empty text`;
  if (seed.length > MAX_SEED_LENGTH) return `must be ${SEED_RULE}, got ${seed.length} characters`;
  // Control characters (line breaks, tabs, escapes) would break manifests, logs and job ids.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(seed)) return `must be ${SEED_RULE}, got a text with control characters`;
  if (seed.trim() !== seed) return `must be ${SEED_RULE} without leading or trailing spaces`;
  return null;
}
