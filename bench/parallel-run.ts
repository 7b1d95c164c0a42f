// Child process of the benchmark: runs one benchmark model's baseline scenario through runPlan on the thread
// pool and prints one JSON line (throughput after warm-up, peak resident memory). A process of its own, so its
// peak memory is this run's alone.
//
// Usage: tsx bench/parallel-run.ts <model> <threads> <samples> <batchSize>

import { resourceUsage } from 'node:process';
import type { BatchResult, ScenarioTally } from '../engine/index.ts';
import { createThreadPoolExecutor, runPlan } from '../workers/index.ts';
import { benchPlan, loadBenchModel, type BenchModelName } from './bench-models.ts';

/** What the child prints. */
export interface ParallelRunResult {
  readonly model: string;
  readonly threads: number;
  readonly samples: number;
  readonly batchSize: number;
  readonly seconds: number;
  readonly scenariosPerSecond: number;
  /** Peak resident set size of the whole process (all threads), bytes. */
  readonly peakRssBytes: number;
  /**
   * CPU seconds the process used per wall-clock second during the timed run (all threads): about `threads` on an
   * idle machine; less when other jobs share the cores, which caps the speed-up.
   */
  readonly coresUsed: number;
  readonly unavailability: number[];
}

async function main(): Promise<void> {
  const [name, threadsText, samplesText, batchText] = process.argv.slice(2);
  const threads = Number(threadsText);
  const samples = Number(samplesText);
  const batchSize = Number(batchText);
  const bench = await loadBenchModel(name as BenchModelName);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const simulation = benchPlan(bench.model, bench.scenario, samples, batchSize);
  const plan = { kind: 'static', plan: simulation } as const;
  const executor = await createThreadPoolExecutor(plan, { threads });
  try {
    // Warm-up: every worker loads the code, builds its fast-path data and runs a few batches (own batch indices).
    const warmup = {
      kind: 'static',
      plan: { ...simulation, stopping: { ...simulation.stopping, maxSamples: Math.min(samples, 2 * threads * batchSize) } },
    } as const;
    await runPlan(warmup, executor);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const run = await runPlan(plan, executor);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const coresUsed = (cpu.user + cpu.system) / 1e6 / seconds;
    // A static plan's batches are BatchResults.
    const tally = run.tallies[0] as ScenarioTally<BatchResult>;
    const counted = tally.batches.slice(0, run.countedBatches[0]);
    const done = counted.reduce((sum, b) => sum + b.sampleCount, 0);
    const unavailability = bench.model.services.map(
      (_, s) => counted.reduce((sum, b) => sum + (b.services[s].kind === 'crude' ? b.services[s].down : 0), 0) / done,
    );
    clearInterval(sampler);
    // maxRSS is in kilobytes (getrusage); the sampled value catches the same peak on platforms that lack it.
    peakRss = Math.max(peakRss, resourceUsage().maxRSS * 1024);
    const result: ParallelRunResult = {
      model: name,
      threads,
      samples: done,
      batchSize,
      seconds,
      scenariosPerSecond: done / seconds,
      peakRssBytes: peakRss,
      coresUsed,
      unavailability,
    };
    console.log(JSON.stringify(result));
  } finally {
    clearInterval(sampler);
    await executor.close();
  }
}

await main();
