// Thread entry that parses, validates and compiles a plan spec off the worker's main thread: compiling a large
// study (attack planning) can take minutes, and the main thread must keep renewing the BullMQ job locks.
//
//   workerData { specText, planSha256, workerName } ──> CompileOutcome posted back

import { parentPort, workerData } from 'node:worker_threads';
import { ENGINE_VERSION } from '../../engine/index.ts';
import { formatDiagnostic, ScenarioError } from '../../scenarios/index.ts';
import { InvalidPlanSpecError, parsePlanSpecText } from '../checkpoint/index.ts';
import type { CompileOutcome, CompileRequest } from './compile-spec-in-thread.ts';
import { compilePlanSpec, PlanHashMismatchError } from './load-plan-from-texts.ts';

async function compile(request: CompileRequest): Promise<CompileOutcome> {
  const short = `${request.planSha256.slice(0, 12)}…`;
  try {
    const spec = parsePlanSpecText(request.specText);
    if (spec.planSha256 !== request.planSha256) {
      return {
        kind: 'refused',
        reason: `the spec stored under plan ${short} names plan ${spec.planSha256.slice(0, 12)}…`,
      };
    }
    const { compiled } = await compilePlanSpec(spec);
    return {
      kind: 'ok',
      plan: compiled.plan,
      deterministic: compiled.scenarios.map((s) => s.deterministic),
      title: spec.study?.name ?? spec.topology.name,
    };
  } catch (error) {
    if (error instanceof ScenarioError) {
      const first = error.diagnostics.slice(0, 3).map(formatDiagnostic).join('; ');
      return {
        kind: 'refused',
        reason: `the study of plan ${short} does not validate on worker ${request.workerName}: ${first}`,
      };
    }
    if (error instanceof PlanHashMismatchError) {
      return { kind: 'refused', reason: `on worker ${request.workerName} (engine ${ENGINE_VERSION}) ${error.message}` };
    }
    if (error instanceof InvalidPlanSpecError) return { kind: 'refused', reason: error.message };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(await compile(workerData as CompileRequest));
