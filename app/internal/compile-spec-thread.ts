// Compiles a plan spec in a short-lived worker thread (see compile-spec-entry.ts for why) for `neverout worker`:
// the PlanLoader the distributed worker is given.

import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PlanLoadOutcome } from '../../workers/index.ts';

// From the sources this is a shim that registers the TypeScript loader; in the build it is the compiled entry.
const ENTRY = fileURLToPath(new URL('./compile-spec-entry.js', import.meta.url));

/** What the thread receives. */
export interface CompileRequest {
  /** The spec's JSON text, as stored in Redis (parsed and validated in the thread). */
  readonly specText: string;
  /** The plan hash the job names; the compiled plan must have it. */
  readonly planSha256: string;
  /** For messages. */
  readonly workerName: string;
}

/** Runs the compile thread once. Rejects only when the thread itself dies. */
export function compileSpecInThread(specText: string, planSha256: string, workerName: string): Promise<PlanLoadOutcome> {
  const request: CompileRequest = { specText, planSha256, workerName };
  return new Promise((resolve, reject) => {
    const thread = new Worker(ENTRY, { workerData: request });
    let settled = false;
    thread.once('message', (outcome: PlanLoadOutcome) => {
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
