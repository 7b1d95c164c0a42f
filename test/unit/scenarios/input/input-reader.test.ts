// Input files are UTF-8 text: bytes that are not are an input error at the line and column of the first bad byte,
// for every file the loader reads (YAML and JSON, a topology's base, CSV tables), never decoded to U+FFFD.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, loadInput, ScenarioError } from '../../../../scenarios/index.ts';
import { decodeInputText } from '../../../../scenarios/input/input-reader.ts';

const BOM = [0xef, 0xbb, 0xbf];

function bytesOf(...parts: Array<string | number[]>): Uint8Array {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}

/** The formatted diagnostics of the ScenarioError `run` throws (fails when it throws nothing or something else). */
function errorOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).diagnostics.map(formatDiagnostic);
  }
  throw new Error('expected a ScenarioError');
}

describe('decodeInputText', () => {
  it('decodes UTF-8 text, and drops a byte order mark', () => {
    expect(decodeInputText(bytesOf('name: Zürich – “quoted” 🌍\n'), 'f.yaml')).toBe('name: Zürich – “quoted” 🌍\n');
    expect(decodeInputText(bytesOf(BOM, 'name: x\n'), 'f.yaml')).toBe('name: x\n');
    expect(decodeInputText(bytesOf(BOM), 'f.yaml')).toBe('');
  });

  it('locates the first byte that is not UTF-8 by line and column, counted as in every other diagnostic', () => {
    // Latin-1 é (0xE9) on line 3, after the 9 characters "name: caf".
    expect(errorOf(() => decodeInputText(bytesOf('x: 1\ny: 2\nname: caf', [0xe9], '\n'), 'f.yaml'))).toEqual([
      'f.yaml:3:10: not UTF-8 text (byte 0xE9): save the file as UTF-8',
    ]);
    // Columns count UTF-16 code units, as the parsers' do (ü one, 🌍 two), whatever their bytes; CRLF and CR end lines.
    expect(errorOf(() => decodeInputText(bytesOf('a\r\nb\rZü🌍', [0x80]), 'f.csv'))).toEqual([
      'f.csv:3:5: not UTF-8 text (byte 0x80): save the file as UTF-8',
    ]);
    // A byte order mark is not a column.
    expect(errorOf(() => decodeInputText(bytesOf(BOM, 'ab', [0xff]), 'f.yaml'))).toEqual([
      'f.yaml:1:3: not UTF-8 text (byte 0xFF): save the file as UTF-8',
    ]);
    // Windows "Unicode" text is UTF-16: said so, at its start.
    for (const mark of [[0xff, 0xfe], [0xfe, 0xff]]) {
      expect(errorOf(() => decodeInputText(bytesOf(mark, 'n\u0000'), 'f.yaml'))).toEqual([
        'f.yaml:1:1: UTF-16 text (it starts with a UTF-16 byte order mark): save the file as UTF-8',
      ]);
    }
  });

  it('refuses every kind of bad sequence at its first byte', () => {
    for (const [bad, byte] of [
      [[0xc3], '0xC3'], // truncated at the end of the file
      [[0xe2, 0x82, 0x41], '0xE2'], // truncated before an ASCII byte
      [[0xc0, 0xaf], '0xC0'], // overlong
      [[0xed, 0xa0, 0x80], '0xED'], // a UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], '0xF4'], // above U+10FFFF
      [[0xbf], '0xBF'], // a continuation byte alone
    ] as const) {
      expect(errorOf(() => decodeInputText(bytesOf('ok: é\n', [...bad]), 'f.yaml'))).toEqual([
        `f.yaml:2:1: not UTF-8 text (byte ${byte}): save the file as UTF-8`,
      ]);
    }
  });
});

describe('loadInput, text encoding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neverout-encoding-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, bytes: Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const failureOf = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (error instanceof ScenarioError ? error.message : String(error)),
    );

  const TOPOLOGY = `format: neverout-topology/1
name: Latin-1
nodes:
  - { id: a, kind: site, name: Alkmaar, failureProbability: 0.001 }
  - { id: b, kind: site, name: B`;
  const REST = `, failureProbability: 0.001 }
links:
  - { id: ab, from: a, to: b, medium: fibre, failureProbability: 0.01 }
`;

  it('refuses a YAML file and a base topology that are not UTF-8, at the first bad byte', async () => {
    const latin1 = write('latin1.yaml', bytesOf(TOPOLOGY, [0xe9], 'ziers', REST));
    expect(await failureOf(loadInput(latin1))).toBe(`${latin1}:5:33: not UTF-8 text (byte 0xE9): save the file as UTF-8`);
    const variant = write('variant.yaml', bytesOf('format: neverout-topology/1\nname: v\nextends: latin1.yaml\n'));
    expect(await failureOf(loadInput(variant))).toContain('latin1.yaml:5:33: not UTF-8 text (byte 0xE9): save the file as UTF-8');
  });

  it('refuses a CSV nodes or links table that is not UTF-8, naming the table', async () => {
    const nodes = write(
      'nodes.csv',
      bytesOf('id,name,kind,lat,lon\na,Alkmaar,site,52.6,4.7\nb,B', [0xe9], 'ziers,site,51.0,3.8\n'),
    );
    expect(await failureOf(loadInput(nodes))).toBe(`${nodes}:3:4: not UTF-8 text (byte 0xE9): save the file as UTF-8`);
    const goodNodes = write(
      'good-nodes.csv',
      bytesOf('id,name,kind,lat,lon\na,Alkmaar,site,52.6,4.7\nb,Béziers,site,51.0,3.8\n'),
    );
    const links = write('links.csv', bytesOf('id,from,to,medium\nab,a,b,fibre', [0x96], '\n'));
    expect(await failureOf(loadInput(goodNodes, { linksCsv: links }))).toBe(
      `${links}:2:13: not UTF-8 text (byte 0x96): save the file as UTF-8`,
    );
  });

  it('accepts UTF-8 with and without a byte order mark, in YAML and CSV', async () => {
    const yaml = await loadInput(write('bom.yaml', bytesOf(BOM, TOPOLOGY, 'éziers', REST)));
    expect(yaml.topology.nodes[1].name).toBe('Béziers');
    const csv = await loadInput(
      write('bom.csv', bytesOf(BOM, 'id,name,kind,lat,lon\na,Alkmaar,site,52.6,4.7\nb,Béziers,site,51.0,3.8\n')),
      {
        linksCsv: write('bom-links.csv', bytesOf(BOM, 'id,from,to,medium\nab,a,b,fibre\n')),
      },
    );
    expect(csv.topology.nodes.map((n) => n.name)).toEqual(['Alkmaar', 'Béziers']);
    expect(csv.topology.links.map((l) => l.id)).toEqual(['ab']);
  });
});
