// Reads a result document from a file, the one way every command that takes one does (report, export, merge and
// the runs' --baseline): checked as the report and the exports read it, every problem located in the file.

import { readFile } from 'node:fs/promises';
import type { ResultDocument } from '../../engine/index.ts';
import {
  checkExportInput,
  checkResultDocument,
  findJsonSyntaxError,
  ReportInputError,
  type ResultDocumentProblem,
} from '../../reports/index.ts';
import { decodeInputText, parseSourceDocument, ScenarioError, type Diagnostic } from '../../scenarios/index.ts';
import { checkResultCounts } from './check-result-counts.ts';

function fileError(file: string, message: string, line = 0, column = 0): Diagnostic {
  return { severity: 'error', file, line, column, path: '', message };
}

/** 1-based line and column of a character offset. */
function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Splits a problem path such as `scenarios[0].services[2].availability` into segments for the locator. */
function pathSegments(path: string): Array<string | number> {
  if (path.startsWith('(')) return [];
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/** The problems a check finds (its ReportInputError's), or none. */
function problemsOf(check: () => unknown): readonly ResultDocumentProblem[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof ReportInputError) return error.problems;
    throw error;
  }
}

/**
 * Reads a result document, for every command that takes one (report, export, --baseline): a missing file, invalid
 * JSON, another result version or a damaged document (ids the model does not know or repeated, coordinates out of
 * range, sample counts that are not whole numbers or disagree) becomes a ScenarioError whose diagnostics give
 * `file:line:column path` (exit code 2).
 */
export async function readResultFile(file: string): Promise<ResultDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError([fileError(file, `cannot read file: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`)]);
  }
  // UTF-8 as every input file (a byte order mark, which some editors write and JSON.parse rejects, is dropped).
  const text = decodeInputText(bytes, file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const located = findJsonSyntaxError(text);
    if (located !== null) {
      const where = lineColumnAt(text, located.offset);
      const message = `not a result document: invalid JSON: expected ${located.expected}, got ${located.received}`;
      throw new ScenarioError([fileError(file, message, where.line, where.column)]);
    }
    throw new ScenarioError([
      fileError(file, `not a result document: invalid JSON: ${error instanceof Error ? error.message : String(error)}`),
    ]);
  }
  try {
    const doc = checkResultDocument(value, file);
    // The exports' checks and the counts' both need the shape checked; their problems are reported together.
    const problems = [...problemsOf(() => checkExportInput(doc, file)), ...checkResultCounts(doc)];
    if (problems.length > 0) throw new ReportInputError(file, problems);
    return doc;
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    // Locating is only needed on this path, so the (slower) position-keeping parse runs only for broken documents.
    const source = parseSourceDocument(file, text);
    const locate = (path: Array<string | number>) => (source.kind === 'ok' ? source.document.locate(path) : { line: 0, column: 0 });
    const diagnostics: Diagnostic[] = error.problems.map((p) => {
      const segments = pathSegments(p.path);
      const where = locate(segments);
      const path = segments.length === 0 ? '' : p.path;
      const message = `${segments.length === 0 ? 'not a result document: ' : ''}expected ${p.expected}, got ${p.received}`;
      return { severity: 'error', file, line: where.line, column: where.column, path, message };
    });
    // The checks run one after another (shape, exports, counts): list their problems in the order of the file.
    throw new ScenarioError(diagnostics.sort((a, b) => a.line - b.line || a.column - b.column));
  }
}
