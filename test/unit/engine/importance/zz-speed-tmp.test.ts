import { it } from 'vitest';
import { createImportanceScratch, runImportanceSamples, estimateImportance } from '../../../../engine/importance/index.ts';
import { createBatchStream } from '../../../../engine/sampling/random-stream.ts';
import { baselineScenario } from '../../../../test/unit/engine/exact/model-builders.ts';
import { backboneModel } from '../../../../test/unit/engine/importance/importance-fixtures.ts';
it('speed', () => {
  const model = backboneModel();
  const scratch = createImportanceScratch(model);
  const services = model.services.map((_, s) => s);
  runImportanceSamples(model, baselineScenario(), services, createBatchStream('s', 'b', 9), 500, scratch);
  const t0 = performance.now();
  const sums = runImportanceSamples(model, baselineScenario(), services, createBatchStream('s', 'b', 0), 4000, scratch);
  const t = performance.now() - t0;
  console.log(`elapsed ${t.toFixed(0)} ms, ${(4000 / t * 1000).toFixed(0)} samples/s`, sums.serviceDownCount);
  const t1 = performance.now();
  const e = estimateImportance(model, baselineScenario(), 0, sums, undefined, { topN: 5 });
  console.log(`estimate ${(performance.now() - t1).toFixed(0)} ms`, JSON.stringify(e[0]));
});
