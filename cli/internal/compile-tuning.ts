// V8 tuning for `neverout report`, a short process that runs a great deal of code only a few times: each chart thread
// lays out its charts with Vega's 1 MB bundle for a second or two. TurboFan's optimising compiles of that code cost
// more CPU than they save before the process ends, and on a 2-core machine they compete with the chart threads.

import { setFlagsFromString } from 'node:v8';

/**
 * V8's interrupt budget (bytecode executed before a function is considered for optimisation) for this process:
 * about fifteen times the default (67 584 in Node 20), so TurboFan compiles only code that stays hot. Measured on the
 * default study's report (bench/report.ts): 0.7 to 1.3 CPU-s less of 4 to 6, the same files. V8 reads the budget
 * when it next decides, so the setting holds for the rest of the process and for worker threads started later.
 */
export const REPORT_INTERRUPT_BUDGET = 1_000_000;

/**
 * Makes V8 optimise only code that stays hot, for the rest of the process (every thread: V8 flags are process-wide).
 * Only for a process that does nothing else afterwards: a Monte Carlo run would reach its optimised loops later.
 */
export function delayOptimisingCompiler(): void {
  setFlagsFromString(`--interrupt-budget=${REPORT_INTERRUPT_BUDGET}`);
}
