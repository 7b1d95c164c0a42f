// Coverage of stratified sampling by the number of failure events (a layered model, a duct with random members, a
// forced link, a dug duct whose likely link failures are background atoms) against exact values.
import { describeCoverage } from './support.ts';

describeCoverage([5, 6, 7, 8]);
