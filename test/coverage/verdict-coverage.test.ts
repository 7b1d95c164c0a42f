// Error rate of the sequential verdict rule against exact values (cases in verdict-cases.ts): at most 5% wrong
// verdicts per case, and the naive rule (the plain 95% interval after every batch) significantly above that where
// the target sits at the exact value.

import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from '../../engine/index.ts';
import { CI_VERDICT_SEEDS, listVerdictCases, MAX_WRONG_RATE, measureWrongVerdicts } from './verdict-cases.ts';

const SEEDS = CI_VERDICT_SEEDS;

describe('sequential verdict rule against exact values', () => {
  it.each(listVerdictCases().map((c) => [c.name, c] as const))(
    '%s: at most 5% wrong verdicts (binomial 99% band)',
    (_, c) => {
      const r = measureWrongVerdicts(c, SEEDS);
      const band = clopperPearsonInterval(r.wrong, SEEDS, 0.99);
      expect(
        band.lower,
        `${r.wrong} wrong of ${SEEDS} (${r.verdicts} verdicts), naive rule ${r.naiveWrong} wrong`,
      ).toBeLessThanOrEqual(MAX_WRONG_RATE);
      if (c.limitFactor === 1) {
        // The naive rule's wrong verdicts lie significantly above the bound: the sequential correction is needed.
        expect(
          clopperPearsonInterval(r.naiveWrong, SEEDS, 0.99).lower,
          `naive rule ${r.naiveWrong} wrong of ${SEEDS}`,
        ).toBeGreaterThan(MAX_WRONG_RATE);
      } else {
        // A target 10% away is reachable: most seeds end with the right verdict.
        expect(r.verdicts - r.wrong, `${r.verdicts} verdicts, ${r.wrong} wrong`).toBeGreaterThan(SEEDS / 2);
      }
    },
  );
});
