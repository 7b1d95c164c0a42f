// Maps string offsets to one-based line and column, for parsers (saxes) that report offsets rather than the
// position where an element starts. Line breaks are \n, \r\n and \r, as in the other importers.

import type { SourcePosition } from '../import-error.ts';

export class LineIndex {
  /** Offset where each line starts, ascending; line n (one-based) starts at `lineStarts[n - 1]`. */
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      if (code === 0x0a || code === 0x0d) this.lineStarts.push(i + 1);
    }
  }

  /** Position of the character at `offset` (clamped to [0, text length]); columns count UTF-16 code units. */
  positionAt(offset: number): SourcePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: Math.max(0, offset - (this.lineStarts[low] ?? 0)) + 1 };
  }
}
