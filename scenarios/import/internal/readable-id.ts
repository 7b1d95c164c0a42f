// Readable, unique element ids for converted topologies: `Den Haag (core)` becomes `den-haag-core`, a second
// `den-haag-core` becomes `den-haag-core-2`. One allocator serves nodes and links, which share an id space.

/** Longest slug kept, in characters; long labels (or 10 MB junk) still give short ids. */
export const MAX_SLUG_LENGTH = 48;

/**
 * Lower-case ASCII slug: accents stripped (NFKD), every run of other characters replaced by one `-`, no `-` at
 * either end, at most {@link MAX_SLUG_LENGTH} characters. May be empty (for a label in a non-Latin script).
 * Because runs collapse, a slug never contains `--`.
 */
export function slugify(text: string): string {
  const ascii = text
    .slice(0, MAX_SLUG_LENGTH * 4)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return ascii.slice(0, MAX_SLUG_LENGTH).replace(/^-/, '').replace(/-$/, '');
}

export class IdAllocator {
  private readonly used = new Set<string>();
  /** Next suffix to try per base, so n equal labels cost O(n), not O(n²). */
  private readonly nextSuffix = new Map<string, number>();

  /**
   * Returns `base` if free, else `base` + `separator` + 2, 3, ...; the result is reserved. `base` must be
   * non-empty. Links use the separator `--`, so parallel links `a--b`, `a--b--2` never read as `a--b-2` (a link
   * to node `b-2`).
   */
  allocate(base: string, separator = '-'): string {
    let suffix = this.nextSuffix.get(base) ?? 1;
    let candidate = suffix === 1 ? base : `${base}${separator}${suffix}`;
    while (this.used.has(candidate)) {
      suffix++;
      candidate = `${base}${separator}${suffix}`;
    }
    this.nextSuffix.set(base, suffix + 1);
    this.used.add(candidate);
    return candidate;
  }
}
