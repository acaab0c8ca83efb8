/**
 * @module Ctrl-C and SIGTERM during a campaign: the first asks for a graceful stop (no new examples; the ones in
 * flight finish and are written; the summary records the stop); the second exits at once. Records already written
 * are synced to disk, so an immediate exit loses only the examples in flight, which a resume attacks again.
 */
export function onInterrupt(
  stop: (signal: NodeJS.Signals) => void,
  log: (msg: string) => void,
  graceMs: number,
): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals): void => {
    count++;
    if (count === 1) {
      const s = Math.round(graceMs / 1000);
      log(
        `quiver: ${signal}: finishing the examples in flight (at most ${s}s, --stop-timeout), then stopping (again ` +
          `to exit now; resume later with --resume)`,
      );
      stop(signal);
    } else {
      log(`quiver: ${signal} again: exiting now; every record written so far is safe`);
      process.exit(130);
    }
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
