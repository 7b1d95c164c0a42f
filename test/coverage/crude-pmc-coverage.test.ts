// Coverage of crude Monte Carlo and permutation Monte Carlo (links only; nodes and links) against exact values.
import { describeCoverage } from './support.ts';

describeCoverage([0, 1, 2]);
