// Report tables: raw values plus a per-column format, so one table yields readable cells for HTML and Markdown and
// machine-readable CSV (RFC 4180) with full-precision numbers and one column per CI bound.

import type { Interval } from '../../engine/index.ts';
import type { ReportSectionId } from '../outline/report-sections.ts';
import {
  formatAvailability,
  availabilityPercentDecimals,
  formatCount,
  formatDowntime,
  formatNines,
  formatNumber,
  formatPercent,
  formatProbability,
  formatSigned,
  formatTarget,
} from '../internal/format.ts';

/** How a column's values read. Intervals are allowed in every numeric format. */
export type ColumnFormat =
  | 'text'
  /** A verdict word ("met", "missed", "uncertain", "better", ...): text that HTML colours by value. */
  | 'status'
  | 'integer'
  /** Availability in [0, 1], shown as a percentage with enough digits. */
  | 'availability'
  /** A target availability, shown without trailing zeros ("99.999%"). */
  | 'target'
  /** Probability in [0, 1]; scientific notation below 1e-3. */
  | 'probability'
  /** Signed probability difference. */
  | 'difference'
  /** Minutes per year, shown in min/yr or h/yr. */
  | 'downtime'
  | 'nines'
  /** Fraction in [0, 1] shown as a percentage. */
  | 'percent'
  | 'number'
  | 'boolean';

/** One table cell's raw value; null prints as an empty cell (CSV) or a dash (HTML, Markdown). */
export type CellValue = string | number | boolean | Interval | null;

export interface TableColumn {
  readonly header: string;
  readonly format: ColumnFormat;
  /** Unit appended to the CSV header, e.g. "min/yr"; the readable cell carries its own unit. */
  readonly unit?: string;
  /** Only in the CSV file (estimator details, ids): keeps the HTML and Markdown tables narrow. */
  readonly csvOnly?: boolean;
}

/** Tables longer than this many rows print only as a pointer to their CSV file (and fold away on screen). */
export const MAX_PRINTED_ROWS = 60;

/** A table of the report: one CSV file and one HTML/Markdown table. */
export interface ReportTable {
  /** File stem in kebab-case, unique in a report: `tables/<name>.csv`. */
  readonly name: string;
  readonly title: string;
  /** One sentence on what the table holds. */
  readonly description: string;
  readonly columns: readonly TableColumn[];
  readonly rows: ReadonlyArray<readonly CellValue[]>;
  /** The report section that shows the table. */
  readonly section: ReportSectionId;
  /** True for long data (more than {@link MAX_PRINTED_ROWS} rows, convergence points): printed as a pointer to the CSV. */
  readonly collapsed: boolean;
  /**
   * Columns whose values group the rows (e.g. scenario): HTML shows them once as a group heading row instead of
   * in every row. Empty for no grouping.
   */
  readonly groupBy: readonly number[];
}

/** True for an {@link Interval} cell. */
export function isInterval(value: CellValue): value is Interval {
  return typeof value === 'object' && value !== null && 'estimate' in value && 'lower' in value && 'upper' in value;
}

function formatScalar(format: ColumnFormat, value: number, decimals?: number): string {
  switch (format) {
    case 'integer':
      return formatCount(value);
    case 'availability':
      return formatAvailability(value, decimals);
    case 'target':
      return formatTarget(value);
    case 'probability':
      return formatProbability(value);
    case 'difference':
      return formatSigned(value);
    case 'downtime':
      return formatDowntime(value);
    case 'nines':
      return formatNines(value);
    case 'percent':
      return formatPercent(value, 2);
    case 'number':
    case 'text':
    case 'status':
    case 'boolean':
      return formatNumber(value, 4);
  }
}

/** "2.97 × 10⁻⁶" and "3.27 × 10⁻⁶" become "2.97–3.27 × 10⁻⁶"; "1.2 min/yr", "1.4 min/yr" become "1.2–1.4 min/yr". */
function joinRange(lower: string, upper: string): string {
  const lowerSpace = lower.indexOf(' ');
  const upperSpace = upper.indexOf(' ');
  if (
    lowerSpace > 0 &&
    upperSpace > 0 &&
    lower.slice(lowerSpace) === upper.slice(upperSpace) &&
    !lower.startsWith('−') &&
    !upper.startsWith('−')
  ) {
    return `${lower.slice(0, lowerSpace)}–${upper}`;
  }
  if (lower.endsWith('%') && upper.endsWith('%')) return `${lower.slice(0, -1)}–${upper}`;
  const signed = lower.startsWith('+') || lower.startsWith('−') || upper.startsWith('+') || upper.startsWith('−');
  return signed ? `${lower} to ${upper}` : `${lower}–${upper}`;
}

/** A cell split into its value and, for an interval, its 95% CI range (null for a point value). */
export interface CellParts {
  readonly value: string;
  readonly range: string | null;
}

/** A cell as readers see it, split so HTML can put the CI on its own line. */
export function formatCellParts(column: TableColumn, value: CellValue): CellParts {
  if (value === null) return { value: '—', range: null };
  if (typeof value === 'string') return { value, range: null };
  if (typeof value === 'boolean') return { value: value ? 'yes' : 'no', range: null };
  if (typeof value === 'number') return { value: formatScalar(column.format, value), range: null };
  if (value.lower === value.upper && value.lower === value.estimate)
    return { value: formatScalar(column.format, value.estimate), range: null };
  // An availability interval shares one number of decimals, so its bounds line up with the estimate.
  const decimals =
    column.format === 'availability'
      ? availabilityPercentDecimals([value.estimate, value.lower, value.upper])
      : undefined;
  return {
    value: formatScalar(column.format, value.estimate, decimals),
    range: joinRange(
      formatScalar(column.format, value.lower, decimals),
      formatScalar(column.format, value.upper, decimals),
    ),
  };
}

/**
 * A cell as readers see it: "99.99969% (99.99968–99.99970%)" for an availability interval, "3.1 × 10⁻⁶" for a small
 * probability, "—" for null, "yes"/"no" for booleans.
 */
export function formatCell(column: TableColumn, value: CellValue): string {
  const parts = formatCellParts(column, value);
  return parts.range === null ? parts.value : `${parts.value} (${parts.range})`;
}

/** True when the column holds at least one interval, so CSV splits it into estimate, lower and upper. */
function hasIntervals(table: ReportTable, columnIndex: number): boolean {
  return table.rows.some((row) => {
    const cell = row[columnIndex];
    return cell !== undefined && isInterval(cell);
  });
}

/** Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP "CSV injection"). */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180 section 2). */
function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvScalar(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return neutraliseFormula(value);
  return String(value.estimate);
}

/**
 * The table as CSV (RFC 4180, CRLF line ends, UTF-8): numbers at full precision in plain JavaScript notation
 * (1e-9 stays "1e-9"), interval columns split into "<header>", "<header> 95% CI lower" and "... upper".
 * @param marking a marking line (e.g. a classification) written as the file's first line, one field, before the
 *   header: a pasted table must carry it; null for none
 */
export function formatCsv(table: ReportTable, marking: string | null = null): string {
  const split = table.columns.map((_, i) => hasIntervals(table, i));
  const headers = table.columns.flatMap((column, i) => {
    const header = column.unit === undefined ? column.header : `${column.header} (${column.unit})`;
    return split[i] === true ? [header, `${header} 95% CI lower`, `${header} 95% CI upper`] : [header];
  });
  const lines = [
    ...(marking === null ? [] : [quoteCsvField(neutraliseFormula(marking))]),
    headers.map(quoteCsvField).join(','),
  ];
  for (const row of table.rows) {
    const fields = table.columns.flatMap((_, i) => {
      const cell = row[i] ?? null;
      if (split[i] !== true) return [csvScalar(cell)];
      if (cell !== null && isInterval(cell)) return [String(cell.estimate), String(cell.lower), String(cell.upper)];
      // A point value in an interval column: the bounds are unknown, not equal to it.
      return [csvScalar(cell), '', ''];
    });
    lines.push(fields.map(quoteCsvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
