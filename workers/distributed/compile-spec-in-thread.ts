// Compiles a plan spec in a short-lived worker thread (see compile-spec-worker.ts for why) and returns the plan.

import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SimulationPlan } from '../../engine/index.ts';

const ENTRY = fileURLToPath(new URL('./compile-spec-worker.js', import.meta.url));

/** What the thread receives. */
export interface CompileRequest {
  /** The spec's JSON text, as stored in Redis (parsed and validated in the thread). */
  readonly specText: string;
  /** The plan hash the job names; the compiled plan must have it. */
  readonly planSha256: string;
  /** For messages. */
  readonly workerName: string;
}

/** What the thread sends back: a plan, a refusal (the study cannot run here), or an unexpected failure. */
export type CompileOutcome =
  | {
      readonly kind: 'ok';
      readonly plan: SimulationPlan;
      readonly deterministic: readonly boolean[];
      readonly title: string;
    }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Runs the compile thread once. Rejects only when the thread itself dies. */
export function compileSpecInThread(request: CompileRequest): Promise<CompileOutcome> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(ENTRY, { workerData: request });
    let settled = false;
    thread.once('message', (outcome: CompileOutcome) => {
      settled = true;
      resolve(outcome);
      void thread.terminate();
    });
    thread.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    thread.once('exit', (code) => {
      if (!settled) reject(new Error(`the plan compile thread exited with code ${code}`));
      settled = true;
    });
  });
}
