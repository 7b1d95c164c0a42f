// Coverage of stratified sampling by the number of failure events (a layered model, a duct with random members, a
// forced link) against exact values.
import { describeCoverage } from './support.ts';

describeCoverage([5, 6, 7]);
