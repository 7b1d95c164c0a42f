// A progress bar on stderr for long runs; silent when stderr is not a terminal or with --quiet.

import cliProgress from 'cli-progress';
import type { RunProgress } from '../../workers/index.ts';

export interface ProgressReporter {
  update(progress: RunProgress): void;
  stop(): void;
}

export function createProgressReporter(enabled: boolean): ProgressReporter {
  if (!enabled || process.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' {bar} {percentage}% | {value}/{total} samples | ETA {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      if (!started) {
        bar.start(progress.plannedSamples, 0);
        started = true;
      }
      bar.update(progress.completedSamples);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
