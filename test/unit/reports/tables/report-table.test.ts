// Table cells for readers and CSV for machines: intervals split into bound columns, RFC 4180 quoting, spreadsheet
// formula neutralising, CSV-only columns.

import { describe, expect, it } from 'vitest';
import { formatCell, formatCellParts, formatCsv, type ReportTable } from '../../../../reports/tables/report-table.ts';

const table: ReportTable = {
  name: 'demo',
  title: 'Demo',
  description: 'A demo table.',
  columns: [
    { header: 'Service', format: 'text' },
    { header: 'Availability', format: 'availability' },
    { header: 'Downtime', format: 'downtime', unit: 'min/yr' },
    { header: 'Samples', format: 'integer', csvOnly: true },
    { header: 'Cut', format: 'boolean' },
  ],
  rows: [
    [
      'C2, "navy"',
      { estimate: 0.9999969, lower: 0.9999962, upper: 0.99999755 },
      { estimate: 1.6, lower: 1.4, upper: 1.8 },
      2_000_000,
      true,
    ],
    ['=cmd()', 0.99, null, 10, false],
  ],
  section: 'tables',
  collapsed: false,
  groupBy: [],
};

describe('formatCsv', () => {
  it('splits interval columns into estimate, lower and upper with full precision and quotes per RFC 4180', () => {
    const lines = formatCsv(table).split('\r\n');
    expect(lines[0]).toBe(
      'Service,Availability,Availability 95% CI lower,Availability 95% CI upper,Downtime (min/yr),Downtime (min/yr) 95% CI lower,Downtime (min/yr) 95% CI upper,Samples,Cut',
    );
    expect(lines[1]).toBe('"C2, ""navy""",0.9999969,0.9999962,0.99999755,1.6,1.4,1.8,2000000,true');
    expect(lines[2]).toBe("'=cmd(),0.99,,,,,,10,false");
    expect(lines[3]).toBe('');
  });
});

describe('formatCsv with a marking', () => {
  it('writes the marking as the first line, one field, before the header', () => {
    const lines = formatCsv(table, 'DEPARTEMENTAAL VERTROUWELIJK, NL').split('\r\n');
    expect(lines[0]).toBe('"DEPARTEMENTAAL VERTROUWELIJK, NL"');
    expect(lines[1]?.startsWith('Service,Availability,')).toBe(true);
    expect(formatCsv(table).split('\r\n')[0]?.startsWith('Service,')).toBe(true);
  });
});

describe('formatCell', () => {
  it('formats intervals with a shared precision and the CI in brackets', () => {
    const [, availability, downtime] = table.columns;
    if (availability === undefined || downtime === undefined) throw new Error('columns');
    expect(formatCell(availability, { estimate: 0.9999969, lower: 0.9999962, upper: 0.99999755 })).toBe(
      '99.99969% (99.99962–99.99976%)',
    );
    expect(formatCell(downtime, { estimate: 1.6, lower: 1.4, upper: 1.8 })).toBe('1.6 min/yr (1.4–1.8 min/yr)');
    expect(formatCell(downtime, null)).toBe('—');
    expect(
      formatCellParts({ header: 'p', format: 'probability' }, { estimate: 3e-6, lower: 2e-6, upper: 4e-6 }),
    ).toEqual({
      value: '3 × 10⁻⁶',
      range: '2–4 × 10⁻⁶',
    });
    expect(
      formatCellParts({ header: 'd', format: 'difference' }, { estimate: 1e-6, lower: -1e-6, upper: 3e-6 }).range,
    ).toBe('−1 × 10⁻⁶ to +3 × 10⁻⁶');
  });
});
