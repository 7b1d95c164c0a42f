// Ctrl-C (and SIGTERM) for long commands: the first asks the command to stop gracefully (a run finishes the batches
// in progress and writes a partial result), the second ends the process at once through the exit main.ts installs.

let hardExit: () => void = () => undefined;

/** Installed by cli/main.ts, the only place that ends the process. */
export function setHardExit(exit: () => void): void {
  hardExit = exit;
}

/**
 * Watches SIGINT and SIGTERM until disposed: the first calls `onFirst`, the second the hard exit.
 * @returns a function that removes the handlers
 */
export function watchInterrupts(onFirst: () => void): () => void {
  let count = 0;
  const handler = (): void => {
    count++;
    if (count === 1) onFirst();
    else hardExit();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
