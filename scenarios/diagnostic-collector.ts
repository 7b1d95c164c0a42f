// Collects located diagnostics while validating one file, and turns zod issues into them.

import type { z } from 'zod';
import { MESSAGES } from './messages.ts';
import { formatPath, type Diagnostic, type DiagnosticLogger } from './scenario-error.ts';
import type { SourceDocument } from './source-document.ts';

type Path = ReadonlyArray<string | number>;

/** Gathers errors and warnings for one source document. */
export class DiagnosticCollector {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly source: SourceDocument) {}

  error(path: Path, message: string): void {
    this.add('error', path, message);
  }

  warning(path: Path, message: string): void {
    this.add('warning', path, message);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }

  /** Sends the warnings to a logger. */
  flushWarnings(logger: DiagnosticLogger): void {
    for (const d of this.diagnostics) if (d.severity === 'warning') logger(d);
  }

  private add(severity: Diagnostic['severity'], path: Path, message: string): void {
    const where = this.source.locate(path);
    this.diagnostics.push({
      severity,
      file: where.file ?? this.source.file,
      line: where.line,
      column: where.column,
      path: formatPath(where.path ?? path),
      message,
    });
  }

  /**
   * Validates `value` (found at `basePath`) against a schema, reporting every issue.
   * @returns the parsed value, or null when there were issues
   */
  check<T>(schema: z.ZodType<T>, value: unknown, basePath: Path, knownFields: readonly string[]): T | null {
    const outcome = schema.safeParse(value);
    if (outcome.success) return outcome.data;
    const report = (issue: z.core.$ZodIssue, prefix: Array<string | number>): void => {
      const local = [...prefix, ...(issue.path as Array<string | number>)];
      const path = [...basePath, ...local];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) this.error([...path, key], unknownFieldMessage(key, knownFields));
        return;
      }
      const received = valueAt(value, local);
      if (issue.code === 'invalid_union') {
        if (isRecord(received) && 'kind' in received) {
          this.error([...path, 'kind'], MESSAGES.expected(stripExpected(issue.message), received.kind));
          return;
        }
        // One alternative of the right shape (a mapping where the union takes a mapping or a list: every issue of it
        // lies inside the value): its own issues name the field that is wrong, which "expected a selector or a list
        // of selectors" would not. Otherwise the union's own rule says best what the value should be.
        const shaped = issue.errors.filter((branch) => branch.every((inner) => inner.path.length > 0));
        if (shaped.length === 1) {
          for (const inner of shaped[0]) report(inner, local);
          return;
        }
      }
      this.error(path, MESSAGES.expected(stripExpected(issue.message), received));
    };
    for (const issue of outcome.error.issues) report(issue, []);
    return null;
  }
}

function stripExpected(message: string): string {
  return message.startsWith('expected ') ? message.slice('expected '.length) : message;
}

function unknownFieldMessage(key: string, knownFields: readonly string[]): string {
  // A field the format knows elsewhere (e.g. a node's "name" on a link) is not a typo: never suggest it back.
  if (knownFields.includes(key)) return `field "${key}" is not allowed here`;
  const suggestion = closest(key, knownFields);
  const base = `unknown field "${key}"`;
  return suggestion === null ? base : `${base} (did you mean "${suggestion}"?)`;
}

/** Nearest known field by edit distance, when close enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The value at a path inside plain data, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
