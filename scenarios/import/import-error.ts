// Error classes of the topology importers: ImportError for problems in an imported file (always located),
// ImportOptionsError for invalid options passed by the caller (a programming or CLI-flag problem, not file content).

import { InputError } from '../../engine/index.ts';
import { formatImportErrorMessage } from './messages.ts';

/** Where a problem was found: `line` and `column` are one-based; `column` counts UTF-16 code units. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * A problem in an imported file. The message reads `Surfnet.gml:12:5: expected ']' to close node, got end of file`;
 * tests should check the class (`name === 'ImportError'`) and the fields, not the wording.
 */
export class ImportError extends InputError {
  override readonly name = 'ImportError';
  /** File name as given by the caller (not resolved against any directory). */
  readonly file: string;
  /** One-based line of the problem. */
  readonly line: number;
  /** One-based column of the problem, in UTF-16 code units. */
  readonly column: number;
  /** What the importer expected at that position. */
  readonly expected: string;
  /** What it found instead, already shortened for display. */
  readonly received: string;

  constructor(file: string, position: SourcePosition, expected: string, received: string) {
    super(formatImportErrorMessage(file, position.line, position.column, expected, received));
    this.file = file;
    this.line = position.line;
    this.column = position.column;
    this.expected = expected;
    this.received = received;
  }
}

/** Invalid options given to `importTopology` or `importedGraphToTopologyDocument`; the message names the option. */
export class ImportOptionsError extends InputError {
  override readonly name = 'ImportOptionsError';
  /** Option path such as `service.endpoints[2]`. */
  readonly optionPath: string;

  constructor(optionPath: string, message: string) {
    super(message);
    this.optionPath = optionPath;
  }
}

/** Type guard for {@link ImportError}, robust across module copies (checks the name, not the prototype only). */
export function isImportError(value: unknown): value is ImportError {
  return value instanceof ImportError || (value instanceof Error && value.name === 'ImportError');
}
