// Golden (snapshot) test of the report's words: report.md of the brief and the main report (the appendix's long
// tables left out) for fixed fixture documents must equal the .md files next to this test exactly. These are
// no-regression snapshots, not truth: after an intended wording change, review the diff and update with
// `npx vitest run test/golden/reports -u`.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../engine/index.ts';
import {
  buildCharts,
  buildReportMarkdown,
  buildReportOutline,
  buildTables,
  checkResultDocument,
} from '../../../reports/index.ts';

function loadFixture(name: string): ResultDocument {
  const file = fileURLToPath(new URL(`../../fixtures/results/${name}`, import.meta.url));
  return checkResultDocument(JSON.parse(readFileSync(file, 'utf8')), file);
}

const geography = JSON.parse(
  readFileSync(new URL('../../../reports/assets/netherlands.geojson', import.meta.url), 'utf8'),
) as Parameters<typeof buildCharts>[1];

/** report.md without the appendix. */
function briefAndMain(doc: ResultDocument, baseline: ResultDocument | null): string {
  const outline = buildReportOutline({
    doc,
    baseline,
    charts: buildCharts(doc, geography),
    tables: buildTables(doc, baseline),
  });
  const sections = outline.sections.filter((s) => s.part !== 'appendix');
  return buildReportMarkdown({
    outline: { ...outline, sections },
    marking: 'DEPARTEMENTAAL VERTROUWELIJK',
    png: true,
  });
}

describe('report.md (brief and main report) snapshots', () => {
  it('matches the periodic analysis with its previous quarter as baseline', async () => {
    const markdown = briefAndMain(loadFixture('nafin-2026-q4.result.json'), loadFixture('nafin-2026-q3.result.json'));
    await expect(markdown).toMatchFileSnapshot('./nafin-2026-q4-with-baseline.report.md');
  });

  it('matches the default study', async () => {
    await expect(briefAndMain(loadFixture('nafin-default-study.result.json'), null)).toMatchFileSnapshot(
      './nafin-default-study.report.md',
    );
  });

  it('matches the minimal document (every optional section null)', async () => {
    await expect(briefAndMain(loadFixture('minimal.result.json'), null)).toMatchFileSnapshot('./minimal.report.md');
  });
});
