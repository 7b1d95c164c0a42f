// CSV reader (RFC 4180 quoting, with positions) for a nodes table `id,name,kind,lat,lon,...` and a links table
// `id,from,to,medium,lengthKm,...`. Header names are case-insensitive; extra columns become string attributes.

import { ImportError, type SourcePosition } from './import-error.ts';
import type { AttributeValue, ParsedGraph } from './imported-graph.ts';
import { EXPECTED, RECEIVED, WARNINGS, describeCharacter } from './messages.ts';
import { hasOwnKey, setOwnValue } from './internal/attribute-record.ts';
import { parseDecimal } from './internal/decimal.ts';
import { GraphBuilder, checkLatitude, checkLongitude, fileStem } from './internal/graph-builder.ts';

export interface CsvCell {
  /** Field text with quotes removed and `""` undone. */
  readonly text: string;
  readonly position: SourcePosition;
}

export interface CsvRecord {
  readonly cells: readonly CsvCell[];
  readonly position: SourcePosition;
}

/** One CSV text to import and the name used in its errors. */
export interface CsvTableInput {
  readonly text: string;
  readonly fileName: string;
}

/**
 * Splits CSV text into records per RFC 4180: fields separated by `,`, records by CRLF, LF or CR; a field in
 * double quotes may hold commas, line breaks and `""` for a quote. Completely empty lines are skipped. Throws
 * ImportError for an unclosed quote, text after a closing quote or a quote inside an unquoted field. Linear time.
 */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): SourcePosition => ({ line, column: index - lineStart + 1 });
  const atLineBreak = (): boolean => {
    const code = text.charCodeAt(index);
    return code === 0x0a || code === 0x0d;
  };
  const consumeLineBreak = (): void => {
    index += text.charCodeAt(index) === 0x0d && text.charCodeAt(index + 1) === 0x0a ? 2 : 1;
    line++;
    lineStart = index;
  };
  while (index < text.length) {
    if (atLineBreak()) {
      consumeLineBreak();
      continue;
    }
    const recordPosition = here();
    const cells: CsvCell[] = [];
    for (;;) {
      const position = here();
      if (text.charCodeAt(index) === 0x22) {
        const parts: string[] = [];
        index++;
        let segmentStart = index;
        for (;;) {
          if (index >= text.length) {
            throw new ImportError(
              file,
              here(),
              EXPECTED.csv.closeQuote(position.line, position.column),
              RECEIVED.endOfFile,
            );
          }
          const code = text.charCodeAt(index);
          if (code === 0x22) {
            parts.push(text.slice(segmentStart, index));
            index++;
            if (text.charCodeAt(index) !== 0x22) break;
            segmentStart = index;
            index++;
          } else if (code === 0x0a || code === 0x0d) {
            consumeLineBreak();
          } else {
            index++;
          }
        }
        cells.push({ text: parts.join(''), position });
        const next = text.charCodeAt(index);
        if (!(index >= text.length || next === 0x2c || next === 0x0a || next === 0x0d)) {
          throw new ImportError(
            file,
            here(),
            EXPECTED.csv.afterQuote,
            describeCharacter(String.fromCodePoint(text.codePointAt(index) ?? 0)),
          );
        }
      } else {
        const start = index;
        while (index < text.length && text.charCodeAt(index) !== 0x2c && !atLineBreak()) {
          if (text.charCodeAt(index) === 0x22) {
            throw new ImportError(file, here(), EXPECTED.csv.quoteInField, describeCharacter('"'));
          }
          index++;
        }
        cells.push({ text: text.slice(start, index), position });
      }
      if (index < text.length && text.charCodeAt(index) === 0x2c) {
        index++;
        continue;
      }
      break;
    }
    records.push({ cells, position: recordPosition });
  }
  return records;
}

/** A parsed table: lower-cased, trimmed header names and rows of exactly the header's width. */
interface CsvTable {
  readonly fileName: string;
  readonly columns: readonly string[];
  /** Header names as written, for attribute keys. */
  readonly headerNames: readonly string[];
  readonly headerPosition: SourcePosition;
  readonly rows: readonly CsvRecord[];
}

function readTable(input: CsvTableInput): CsvTable {
  const records = parseCsvRecords(input.text, input.fileName);
  const header = records[0];
  if (header === undefined) {
    throw new ImportError(input.fileName, { line: 1, column: 1 }, EXPECTED.csv.header, RECEIVED.emptyFile);
  }
  const headerNames = header.cells.map((cell) => cell.text.trim());
  const columns = headerNames.map((name) => name.toLowerCase());
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    const cell = header.cells[index];
    if (cell !== undefined && seen.has(name)) {
      throw new ImportError(input.fileName, cell.position, EXPECTED.csv.uniqueColumn(name), RECEIVED.text(name));
    }
    seen.add(name);
  });
  const rows = records.slice(1);
  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      throw new ImportError(
        input.fileName,
        row.position,
        EXPECTED.csv.fieldCount(columns.length),
        RECEIVED.fieldCount(row.cells.length),
      );
    }
  }
  return { fileName: input.fileName, columns, headerNames, headerPosition: header.position, rows };
}

/** Index of the first present column among `names` (aliases), or -1. */
function findColumn(table: CsvTable, names: readonly string[]): number {
  for (const name of names) {
    const index = table.columns.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

const NODE_COLUMNS = {
  id: ['id'],
  label: ['name', 'label'],
  kind: ['kind'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'longitude', 'lng'],
} as const;

const LINK_COLUMNS = {
  id: ['id'],
  source: ['from', 'source'],
  target: ['to', 'target'],
  medium: ['medium'],
  lengthKm: ['lengthkm', 'length_km'],
} as const;

function isLinksTable(table: CsvTable): boolean {
  return findColumn(table, LINK_COLUMNS.source) >= 0 && findColumn(table, LINK_COLUMNS.target) >= 0;
}

function isNodesTable(table: CsvTable): boolean {
  return !isLinksTable(table) && findColumn(table, NODE_COLUMNS.id) >= 0;
}

/** Maps column indices to the roles of `roles` (first matching alias wins). */
function mapColumns<Role extends string>(
  table: CsvTable,
  roles: Readonly<Record<Role, readonly string[]>>,
): ReadonlyMap<number, Role> {
  const roleOfColumn = new Map<number, Role>();
  for (const role of Object.keys(roles) as Role[]) {
    const index = findColumn(table, roles[role]);
    if (index >= 0) roleOfColumn.set(index, role);
  }
  return roleOfColumn;
}

/** Reads one row: non-empty cells of role columns by role, every other non-empty cell as a string attribute. */
function splitRow<Role extends string>(
  table: CsvTable,
  row: CsvRecord,
  roleOfColumn: ReadonlyMap<number, Role>,
): { byRole: Partial<Record<Role, CsvCell>>; attributes: Record<string, AttributeValue> } {
  const byRole: Partial<Record<Role, CsvCell>> = {};
  const attributes: Record<string, AttributeValue> = {};
  row.cells.forEach((cell, index) => {
    const role = roleOfColumn.get(index);
    const text = cell.text.trim();
    if (role !== undefined) {
      if (text !== '') byRole[role] = { text, position: cell.position };
    } else if (text !== '') {
      const name = table.headerNames[index] ?? String(index);
      if (!hasOwnKey(attributes, name)) setOwnValue(attributes, name, text);
    }
  });
  return { byRole, attributes };
}

/** Returns `cell`, or throws "expected a value in column X" at that (empty) cell. */
function requireCell(
  table: CsvTable,
  row: CsvRecord,
  cell: CsvCell | undefined,
  column: string,
  aliases: readonly string[],
): CsvCell {
  if (cell !== undefined) return cell;
  const position = row.cells[findColumn(table, aliases)]?.position ?? row.position;
  throw new ImportError(table.fileName, position, EXPECTED.csv.value(column), RECEIVED.emptyField);
}

/** A finite decimal number from a cell; `NaN`, text and overflowing values such as `1e999` are ImportErrors. */
function readNumber(cell: CsvCell, column: string, file: string): number {
  const value = parseDecimal(cell.text);
  if (value === null) throw new ImportError(file, cell.position, EXPECTED.csv.number(column), RECEIVED.text(cell.text));
  if (!Number.isFinite(value)) {
    throw new ImportError(file, cell.position, EXPECTED.finiteNumber, RECEIVED.number(cell.text.trim()));
  }
  return value;
}

function readNodes(table: CsvTable, builder: GraphBuilder): void {
  const file = table.fileName;
  const columns = mapColumns(table, NODE_COLUMNS);
  for (const row of table.rows) {
    const { byRole, attributes } = splitRow(table, row, columns);
    const idCell = requireCell(table, row, byRole.id, 'id', NODE_COLUMNS.id);
    const lat =
      byRole.lat === undefined ? null : checkLatitude(readNumber(byRole.lat, 'lat', file), file, byRole.lat.position);
    const lon =
      byRole.lon === undefined ? null : checkLongitude(readNumber(byRole.lon, 'lon', file), file, byRole.lon.position);
    builder.addNode(
      {
        id: idCell.text,
        label: byRole.label?.text ?? null,
        kind: byRole.kind?.text ?? null,
        lat,
        lon,
        latName: 'lat',
        lonName: 'lon',
        attributes,
        position: row.position,
      },
      idCell.position,
    );
  }
}

function readLinks(table: CsvTable, builder: GraphBuilder): void {
  const file = table.fileName;
  const columns = mapColumns(table, LINK_COLUMNS);
  // A links table's ids are the user's: one used twice is a mistake (not renamed, as a graph's edge labels are).
  const lineOfId = new Map<string, number>();
  for (const row of table.rows) {
    const { byRole, attributes } = splitRow(table, row, columns);
    const idCell = byRole.id;
    if (idCell !== undefined && idCell.text !== '') {
      const first = lineOfId.get(idCell.text);
      if (first !== undefined) {
        throw new ImportError(file, idCell.position, EXPECTED.uniqueLinkId(idCell.text), RECEIVED.repeatedId(idCell.text, first));
      }
      lineOfId.set(idCell.text, row.position.line);
    }
    const source = requireCell(table, row, byRole.source, 'from', LINK_COLUMNS.source);
    const target = requireCell(table, row, byRole.target, 'to', LINK_COLUMNS.target);
    let lengthKm: number | null = null;
    if (byRole.lengthKm !== undefined) {
      lengthKm = readNumber(byRole.lengthKm, 'lengthKm', file);
      if (!(lengthKm > 0)) {
        throw new ImportError(
          file,
          byRole.lengthKm.position,
          EXPECTED.positiveLength,
          RECEIVED.text(byRole.lengthKm.text),
        );
      }
    }
    builder.addLink(
      {
        id: byRole.id?.text ?? null,
        source: source.text,
        target: target.text,
        medium: byRole.medium?.text ?? null,
        lengthKm,
        attributes,
        line: row.position.line,
        column: row.position.column,
      },
      { sourceField: 'from', source: source.position, targetField: 'to', target: target.position },
    );
  }
}

/**
 * Parses one or two CSV tables (a nodes table, a links table, in either order) into an {@link ImportedGraph}.
 * A table with `from` and `to` columns (or `source`/`target`) is the links table; one with an `id` column is the
 * nodes table. Without a nodes table, nodes are created from the link ends (without coordinates, with a warning).
 * Throws ImportError for malformed CSV, wrong field counts, missing columns or values, non-numeric or
 * out-of-range coordinates, non-positive lengths, duplicate node ids and links naming unknown nodes.
 */
export function parseCsvTopology(tables: readonly CsvTableInput[]): ParsedGraph {
  let nodes: CsvTable | null = null;
  let links: CsvTable | null = null;
  for (const input of tables) {
    const table = readTable(input);
    if (isLinksTable(table) && links === null) links = table;
    else if (isNodesTable(table) && nodes === null) nodes = table;
    else {
      const expected =
        nodes === null && links === null
          ? EXPECTED.csv.tableKind
          : nodes === null
            ? EXPECTED.csv.nodesTable
            : EXPECTED.csv.linksTable;
      throw new ImportError(table.fileName, table.headerPosition, expected, RECEIVED.columns(table.headerNames));
    }
  }
  const main = nodes ?? links;
  if (main === null) {
    throw new ImportError('input.csv', { line: 1, column: 1 }, EXPECTED.csv.header, RECEIVED.emptyFile);
  }
  const builder = new GraphBuilder(main.fileName, (links ?? main).fileName);
  if (nodes !== null) readNodes(nodes, builder);
  if (links !== null) readLinks(links, builder);
  if (nodes === null && links !== null) {
    let created = 0;
    for (const end of builder.linkEnds()) {
      if (builder.hasNode(end.id)) continue;
      builder.addNode(
        {
          id: end.id,
          label: null,
          kind: null,
          lat: null,
          lon: null,
          latName: 'lat',
          lonName: 'lon',
          attributes: {},
          position: end.position,
        },
        end.position,
      );
      created++;
    }
    builder.warn('inferred-nodes', links.fileName, links.headerPosition, WARNINGS.inferredNodes(created));
  }
  return builder.build(fileStem(main.fileName), 'csv', {}, main.headerPosition);
}
