// Coverage of permutation Monte Carlo given a forced link, and of risk-group conditioning, against exact values.
import { describeCoverage } from './support.ts';

describeCoverage([3, 4]);
