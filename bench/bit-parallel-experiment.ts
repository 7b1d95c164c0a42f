// Experiment (not used by the engine): bit-parallel evaluation, 32 scenarios per Uint32 word, against the fast
// path's per-scenario evaluation, on the same failure lists from the skip sampler. The prototype only decides
// up/down per service (no served-endpoint counts, no targeted attacks), so its time is a lower bound on what a
// complete bit-parallel evaluator would cost. Run: npx tsx bench/bit-parallel-experiment.ts [model]
//
// Propagation: reach[v] holds the words' scenarios in which v is reached from the source; a node re-enters the
// work queue whenever it gains bits (a bit-parallel BFS over the service's relevant links only).

import { createBatchStreamPair, type CompiledModel, type CompiledService } from '../engine/index.ts';
import { evaluateFailures } from '../engine/fast/evaluate-failures.ts';
import { getFastScenario, type FastScenario } from '../engine/fast/fast-scenario.ts';
import { clearSkipSample, drawSkipSample, startSkipBatch } from '../engine/sampling/skip-sampler.ts';
import { loadBenchModel, serviceSubsets, withServices, type BenchModelName } from './bench-models.ts';

const WORD = 32;

interface Prepared {
  readonly model: CompiledModel;
  readonly fast: FastScenario;
  /** Failure lists of `samples` scenarios, CSR. */
  readonly failStart: Uint32Array;
  readonly failElement: Uint32Array;
  readonly samples: number;
}

function prepare(model: CompiledModel, fast: FastScenario, samples: number): Prepared {
  const scenario = {
    id: 'x',
    name: 'x',
    forcedElements: new Uint32Array(0),
    forcedGroups: new Uint32Array(0),
    randomFailures: true,
    elementFailureProbability: null,
    groupEventProbability: null,
    attack: { kind: 'none' },
  } as const;
  const stream = createBatchStreamPair('bit-parallel', 'x', 0);
  const scratch = fast.samplerScratch;
  startSkipBatch(scenario, fast.sampler, stream, scratch);
  const start = [0];
  const elements: number[] = [];
  for (let i = 0; i < samples; i++) {
    const count = drawSkipSample(model, scenario, fast.sampler, stream, scratch, i);
    for (let f = 0; f < count; f++) elements.push(scratch.failedElements[f]);
    start.push(elements.length);
    clearSkipSample(scratch);
  }
  return { model, fast, failStart: Uint32Array.from(start), failElement: Uint32Array.from(elements), samples };
}

/** The fast path's evaluation of every prepared scenario; returns down counts. */
function runPerScenario(p: Prepared): number[] {
  const mark = p.fast.samplerScratch.elementMark;
  const failed = p.fast.samplerScratch.failedElements;
  const served = new Float64Array(p.model.services.length);
  const down = p.model.services.map(() => 0);
  for (let i = 0; i < p.samples; i++) {
    let count = 0;
    for (let k = p.failStart[i]; k < p.failStart[i + 1]; k++) {
      failed[count++] = p.failElement[k];
      mark[p.failElement[k]] = 1;
    }
    if (count > 0) evaluateFailures(p.model, p.fast, count, served);
    p.model.services.forEach((_, s) => {
      if (count > 0 && served[s] < p.fast.endpointCount[s]) down[s]++;
      else if (count === 0 && !p.fast.structures[s].baseUp) down[s]++;
    });
    for (let f = 0; f < count; f++) mark[failed[f]] = 0;
  }
  return down;
}

/** Relevant-link CSR of one service (the same restriction the fast path uses). */
function serviceAdjacency(model: CompiledModel, fast: FastScenario, s: number) {
  const t = model.topology;
  const links = fast.structures[s].relevantLinks;
  const start = new Uint32Array(t.nodeCount + 1);
  for (const j of links) {
    start[t.linkSource[j] + 1]++;
    start[t.linkTarget[j] + 1]++;
  }
  for (let v = 0; v < t.nodeCount; v++) start[v + 1] += start[v];
  const cursor = start.slice(0, t.nodeCount);
  const node = new Uint32Array(2 * links.length);
  const edge = new Uint32Array(2 * links.length);
  for (const j of links) {
    const a = t.linkSource[j];
    const b = t.linkTarget[j];
    node[cursor[a]] = b;
    edge[cursor[a]++] = t.nodeCount + j;
    node[cursor[b]] = a;
    edge[cursor[b]++] = t.nodeCount + j;
  }
  return { start, node, edge };
}

/** Bit-parallel up/down of every service for every prepared scenario; returns down counts. */
function runBitParallel(p: Prepared): number[] {
  const model = p.model;
  const n = model.topology.nodeCount;
  const alive = new Uint32Array(model.elementCount).fill(0xffffffff);
  const reach = new Uint32Array(n);
  const inQueue = new Uint8Array(n);
  const queue = new Int32Array(n + 1);
  const touched = new Int32Array(n);
  const adjacency = model.services.map((_, s) => serviceAdjacency(model, p.fast, s));
  const down = model.services.map(() => 0);
  const sources = (service: CompiledService): Uint32Array[] =>
    service.kind === 'connected'
      ? [service.terminals.subarray(0, 1)]
      : service.k === 1
        ? [service.to]
        : Array.from(service.to, (d) => Uint32Array.of(d));
  const plan = model.services.map(sources);
  const results = new Uint32Array(64);

  const propagate = (s: number, from: Uint32Array): number => {
    const { start, node, edge } = adjacency[s];
    let head = 0;
    let tail = 0;
    let touchedCount = 0;
    for (const v of from) {
      reach[v] = alive[v];
      touched[touchedCount++] = v;
      queue[tail++] = v;
      inQueue[v] = 1;
    }
    while (head !== tail) {
      const v = queue[head];
      head = head === n ? 0 : head + 1;
      inQueue[v] = 0;
      const m = reach[v];
      for (let h = start[v]; h < start[v + 1]; h++) {
        const w = node[h];
        const gain = m & alive[edge[h]] & alive[w] & ~reach[w];
        if (gain === 0) continue;
        if (reach[w] === 0) touched[touchedCount++] = w;
        reach[w] |= gain;
        if (inQueue[w] === 0) {
          inQueue[w] = 1;
          queue[tail] = w;
          tail = tail === n ? 0 : tail + 1;
        }
      }
    }
    return touchedCount;
  };

  for (let word = 0; word < p.samples; word += WORD) {
    const last = Math.min(p.samples, word + WORD);
    for (let i = word; i < last; i++) {
      const bit = ~(1 << (i - word));
      for (let k = p.failStart[i]; k < p.failStart[i + 1]; k++) alive[p.failElement[k]] &= bit;
    }
    const valid = last - word === WORD ? 0xffffffff : (1 << (last - word)) - 1;
    model.services.forEach((service, s) => {
      let up: number;
      if (service.kind === 'connected') {
        const count = propagate(s, plan[s][0]);
        up = valid;
        for (const t of service.terminals) up &= reach[t];
        for (let i = 0; i < count; i++) reach[touched[i]] = 0;
      } else {
        // k = 1: one propagation from all `to` nodes at once; k = 2 of 3: one per `to` node, then per `from`
        // node the bitwise majority of its three reach words (the only k > 1 case in the generated models).
        const masks = plan[s];
        const from = service.from;
        for (let d = 0; d < masks.length; d++) {
          const count = propagate(s, masks[d]);
          for (let i = 0; i < from.length; i++) results[d * from.length + i] = reach[from[i]] & alive[from[i]];
          for (let i = 0; i < count; i++) reach[touched[i]] = 0;
        }
        up = valid;
        for (let i = 0; i < from.length; i++) {
          if (masks.length === 1) up &= results[i];
          else {
            const a = results[i];
            const b = results[from.length + i];
            const c = results[2 * from.length + i];
            up &= (a & b) | (a & c) | (b & c);
          }
        }
      }
      let downBits = ~up & valid;
      while (downBits !== 0) {
        downBits &= downBits - 1;
        down[s]++;
      }
    });
    for (let i = word; i < last; i++)
      for (let k = p.failStart[i]; k < p.failStart[i + 1]; k++) alive[p.failElement[k]] = 0xffffffff;
  }
  return down;
}

function best(work: () => void, repeats: number): number {
  let fastest = Infinity;
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, (performance.now() - started) / 1000);
  }
  return fastest;
}

/** Times both evaluators on a model's service subsets; returns rows of scenarios per second. */
export async function runBitParallelExperiment(name: BenchModelName = 'generated-2500', samples = 20_000) {
  const bench = await loadBenchModel(name);
  const rows = [];
  for (const subset of serviceSubsets(bench.model)) {
    const model = withServices(bench.model, subset.services);
    const fast = getFastScenario(model, bench.scenario);
    const prepared = prepare(model, fast, samples);
    const perScenario = best(() => runPerScenario(prepared), 5);
    const bitParallel = best(() => runBitParallel(prepared), 5);
    const a = runPerScenario(prepared);
    const b = runBitParallel(prepared);
    rows.push({
      subset: subset.name,
      perScenarioPerSecond: samples / perScenario,
      bitParallelPerSecond: samples / bitParallel,
      bitParallelOverPerScenario: perScenario / bitParallel,
      downPerScenario: a,
      downBitParallel: b,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const name = (process.argv[2] ?? 'generated-2500') as BenchModelName;
  for (const row of await runBitParallelExperiment(name)) {
    console.log(
      `${row.subset.padEnd(14)} per-scenario ${(row.perScenarioPerSecond / 1e3).toFixed(1)}k/s  bit-parallel ` +
        `${(row.bitParallelPerSecond / 1e3).toFixed(1)}k/s  ratio ${row.bitParallelOverPerScenario.toFixed(2)}x  ` +
        `down ${row.downPerScenario.join(',')} vs ${row.downBitParallel.join(',')}`,
    );
  }
}
