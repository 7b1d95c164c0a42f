// A progress bar on stderr for long runs; silent when stderr is not a terminal or with --quiet. Under a
// relative-error target its total is the samples the run is projected to need (from the current relative error),
// not the sample cap, so the percentage and ETA say when the target is expected to be met.

import cliProgress from 'cli-progress';
import type { RunProgress } from '../../app/index.ts';

export interface ProgressReporter {
  update(progress: RunProgress): void;
  /** Replaces the bar by a one-line notice (e.g. "rendering the report"). */
  note(text: string): void;
  stop(): void;
}

/**
 * @param unit what a sample is called (samples, years)
 * @param target the relative-error target, or null
 */
export function createProgressReporter(enabled: boolean, unit: string, target: number | null): ProgressReporter {
  if (!enabled || process.stderr.isTTY !== true) return { update: () => undefined, note: () => undefined, stop: () => undefined };
  const goal = target === null ? '' : ` toward ${(target * 100).toFixed(target < 0.01 ? 1 : 0)}% rel. error`;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ` {bar} {percentage}% | {value}/{total} ${unit}${goal} | {scenarios} scenarios done | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const stop = (): void => {
    if (started) bar.stop();
    started = false;
  };
  return {
    update(progress) {
      const total = Math.max(1, progress.expectedSamples);
      const scenarios = `${progress.stoppedScenarios}/${progress.scenarioCount}`;
      if (!started) {
        bar.start(total, 0, { scenarios });
        started = true;
      }
      bar.setTotal(total);
      bar.update(progress.completedSamples, { scenarios });
    },
    note(text) {
      stop();
      process.stderr.write(`${text}\n`);
    },
    stop,
  };
}
