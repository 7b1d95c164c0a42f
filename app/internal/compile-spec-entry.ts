// Thread entry that parses, validates and compiles a plan spec off the worker's main thread: compiling a large
// study (attack planning) can take minutes, and the main thread must keep renewing the BullMQ job locks.
//
//   workerData { specText, planSha256, workerName } ──> PlanLoadOutcome posted back

import { parentPort, workerData } from 'node:worker_threads';
import { ENGINE_VERSION } from '../../engine/index.ts';
import {
  compilePlanSpec,
  formatDiagnostic,
  InvalidPlanSpecError,
  parsePlanSpecText,
  PlanHashMismatchError,
  ScenarioError,
} from '../../scenarios/index.ts';
import type { PlanLoadOutcome } from '../../workers/index.ts';
import type { CompileRequest } from './compile-spec-thread.ts';

async function compile(request: CompileRequest): Promise<PlanLoadOutcome> {
  const short = `${request.planSha256.slice(0, 12)}…`;
  try {
    const spec = parsePlanSpecText(request.specText);
    if (spec.planSha256 !== request.planSha256) {
      return { kind: 'refused', reason: `the spec stored under plan ${short} names plan ${spec.planSha256.slice(0, 12)}…` };
    }
    const job = await compilePlanSpec(spec);
    const title = job.inputs.map((input) => input.studySource?.name ?? input.topologySource.name).join(' vs ');
    return { kind: 'ok', plan: job.batchPlan, title };
  } catch (error) {
    if (error instanceof ScenarioError) {
      const first = error.diagnostics.slice(0, 3).map(formatDiagnostic).join('; ');
      return { kind: 'refused', reason: `the study of plan ${short} does not validate on worker ${request.workerName}: ${first}` };
    }
    if (error instanceof PlanHashMismatchError) {
      return { kind: 'refused', reason: `on worker ${request.workerName} (engine ${ENGINE_VERSION}) ${error.message}` };
    }
    if (error instanceof InvalidPlanSpecError) return { kind: 'refused', reason: error.message };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(await compile(workerData as CompileRequest));
