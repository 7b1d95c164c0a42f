// `npm run coverage`: the coverage table of every estimator over COVERAGE_SEEDS seeds (default 1,000), printed as
// Markdown for docs/statistics.md. Exits 1 when a case's 99% band misses 95%.

import { formatCoverageTable, listCoverageCases, measureCoverage } from './coverage-cases.ts';

const seeds = Number(process.env['COVERAGE_SEEDS'] ?? 1000);
const results = listCoverageCases().map((c) => {
  const started = performance.now();
  const result = measureCoverage(c, seeds);
  console.error(`${c.name}: ${result.covered}/${seeds} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
});
console.log(formatCoverageTable(results));
process.exitCode = results.every((r) => r.accepted) ? 0 : 1;
