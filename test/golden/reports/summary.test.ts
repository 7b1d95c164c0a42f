// Golden (snapshot) test of the report summary text: the Markdown rendering of buildSummary on fixed fixture
// documents must equal the .md files next to this test exactly. These are no-regression snapshots, not truth:
// after an intended wording change, review the diff and update with `npx vitest run test/golden/reports -u`.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../engine/index.ts';
import { buildSummary, checkResultDocument, formatSummaryMarkdown } from '../../../reports/index.ts';

function loadFixture(name: string): ResultDocument {
  const file = fileURLToPath(new URL(`../../fixtures/results/${name}`, import.meta.url));
  return checkResultDocument(JSON.parse(readFileSync(file, 'utf8')), file);
}

describe('formatSummaryMarkdown(buildSummary(...)) snapshots', () => {
  it('matches the periodic analysis with its previous quarter as baseline', async () => {
    const summary = buildSummary(loadFixture('nafin-2026-q4.result.json'), loadFixture('nafin-2026-q3.result.json'));
    await expect(formatSummaryMarkdown(summary)).toMatchFileSnapshot('./nafin-2026-q4-with-baseline.summary.md');
  });

  it('matches the minimal document (every optional section null)', async () => {
    const summary = buildSummary(loadFixture('minimal.result.json'));
    await expect(formatSummaryMarkdown(summary)).toMatchFileSnapshot('./minimal.summary.md');
  });
});
