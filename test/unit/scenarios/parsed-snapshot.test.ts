import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_PATH, DEFAULT_TOPOLOGY_PATH, parseSourceDocument } from '../../../scenarios/index.ts';
import { documentFromParsedValue, type SourceDocument } from '../../../scenarios/source-document.ts';

// The build (npm test's pretest) writes a parse snapshot of each embedded YAML file next to its copy in dist/; the
// compiled loader reads it instead of parsing the YAML when its hash matches the bytes (scripts/copy-assets.js).
const distReader = (await import(new URL('../../../dist/scenarios/input/input-reader.js', import.meta.url).href)) as {
  readParsedSnapshot(key: string, sha256: string): Promise<unknown>;
};

function parse(path: string): SourceDocument {
  const outcome = parseSourceDocument(path, readFileSync(path, 'utf8'));
  if (outcome.kind !== 'ok') throw new Error(`${path} does not parse`);
  return outcome.document;
}

describe('parse snapshots of the embedded files', () => {
  it.each([
    ['nafin-topology.yaml', DEFAULT_TOPOLOGY_PATH],
    ['default-study.yaml', DEFAULT_STUDY_PATH],
  ])('%s: the snapshot is exactly the parsed YAML, and is used only for the same bytes', async (name, path) => {
    const bytes = readFileSync(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const snapshot = await distReader.readParsedSnapshot(`embedded:${name}`, sha256);
    expect(snapshot).toEqual(parse(path).value);
    expect(await distReader.readParsedSnapshot(`embedded:${name}`, sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')))).toBeNull();
  });

  it('locates fields as the parsed document does, parsing the text only when asked', () => {
    const text = readFileSync(DEFAULT_TOPOLOGY_PATH, 'utf8');
    const parsed = parse(DEFAULT_TOPOLOGY_PATH);
    const fromSnapshot = documentFromParsedValue('nafin-topology.yaml', text, parsed.value);
    expect(fromSnapshot.value).toBe(parsed.value);
    for (const path of [['links', 3, 'capacity'], ['services', 2, 'target'], ['nodes', 40], ['riskGroups', 5, 'id']]) {
      expect(fromSnapshot.locate(path)).toEqual(parsed.locate(path));
    }
  });
});
