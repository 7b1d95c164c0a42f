// `npm run coverage`: the coverage table of every estimator over COVERAGE_SEEDS seeds (default 1,000), printed as
// Markdown for docs/statistics.md, then the wrong-verdict table of the sequential verdict rule. Exits 1 when a case's
// 99% band misses 95%, or a verdict case's wrong-verdict band lies above 5%.

import { clopperPearsonInterval } from '../../engine/index.ts';
import { formatCoverageTable, listCoverageCases, measureCoverage } from './coverage-cases.ts';
import { listVerdictCases, MAX_WRONG_RATE, measureWrongVerdicts } from './verdict-cases.ts';

const seeds = Number(process.env['COVERAGE_SEEDS'] ?? 1000);
const results = listCoverageCases().map((c) => {
  const started = performance.now();
  const result = measureCoverage(c, seeds);
  console.error(`${c.name}: ${result.covered}/${seeds} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
});
console.log(formatCoverageTable(results));

const verdictLines = [
  '| case | exact u | seeds | wrong verdicts | verdicts | 99% band of wrong | naive rule wrong | accepted |',
  '|---|---|---|---|---|---|---|---|',
];
let verdictsAccepted = true;
for (const c of listVerdictCases()) {
  const r = measureWrongVerdicts(c, seeds);
  const band = clopperPearsonInterval(r.wrong, seeds, 0.99);
  const accepted = band.lower <= MAX_WRONG_RATE;
  verdictsAccepted &&= accepted;
  const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
  verdictLines.push(
    `| ${c.name} | ${r.exact.toPrecision(4)} | ${seeds} | ${r.wrong} | ${r.verdicts} | ${percent(band.lower)}-${percent(band.upper)} | ${r.naiveWrong} | ${accepted ? 'yes' : 'no'} |`,
  );
}
console.log(`\n${verdictLines.join('\n')}`);
process.exitCode = results.every((r) => r.accepted) && verdictsAccepted ? 0 : 1;
