// The malformed-input corpus (test/fixtures/malformed): each file ends in an ImportError at the line recorded in
// its expected.json, never in another exception.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTopology } from '../../../../scenarios/import/index.ts';
import { MALFORMED_DIRECTORY, catchImportError } from './import-test-support.ts';

const EXPECTED_POSITIONS = JSON.parse(readFileSync(`${MALFORMED_DIRECTORY}expected.json`, 'utf8')) as Record<
  string,
  { line: number; column?: number }
>;
const CORPUS = readdirSync(MALFORMED_DIRECTORY).filter((name) => name !== 'expected.json' && name !== 'README.md');

describe('importTopology on the malformed corpus', () => {
  it('has an expected position for every corpus file', () => {
    expect(CORPUS.sort()).toEqual(Object.keys(EXPECTED_POSITIONS).sort());
  });

  it.each(CORPUS)('rejects %s with an ImportError at the recorded position', (name) => {
    const bytes = readFileSync(`${MALFORMED_DIRECTORY}${name}`);
    const error = catchImportError(() => importTopology(bytes, { fileName: name }));
    const expected = EXPECTED_POSITIONS[name];
    expect(error.file).toBe(name);
    expect(error.line).toBe(expected?.line);
    if (expected?.column !== undefined) expect(error.column).toBe(expected.column);
    expect(error.message.startsWith(`${name}:${error.line}:${error.column}: expected `)).toBe(true);
    expect(error.message.length).toBeLessThan(400);
  });
});
