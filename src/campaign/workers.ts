/**
 * @module How many worker threads a campaign starts. Each worker costs 200-320 MB and its own copy of the lexicons,
 * and a search is CPU-bound, so threads beyond the cores only add memory (`--workers 1000` once started 786
 * threads and 5 GB for a 2-example run): above twice the cores is refused unless asked for explicitly, and a pool
 * never has more threads than there are examples left to attack.
 */
import { availableParallelism } from 'node:os';
import { ConfigError } from '../core/errors.js';

/** Twice the cores: room for I/O-bound targets (endpoints) whose threads mostly wait. */
export function workerCap(cores = availableParallelism()): number {
  return cores * 2;
}

/** Throws a ConfigError (exit 2) naming the cap when `workers` is above it and not explicitly allowed. */
export function checkWorkers(workers: number, allowMany: boolean, cores = availableParallelism()): void {
  if (!(Number.isInteger(workers) && workers >= 1))
    throw new ConfigError(`--workers must be a whole number >= 1, got ${workers}`);
  const cap = workerCap(cores);
  if (workers > cap && !allowMany) {
    throw new ConfigError(
      `--workers ${workers} is above the cap of ${cap} (2 x ${cores} cores); pass --allow-many-workers to start ` +
        `that many threads`,
    );
  }
}

/**
 * Threads for a campaign with `toAttack` examples left: the requested number, at most one per example, at least one.
 */
export function poolSize(workers: number, toAttack: number): number {
  return Math.max(1, Math.min(workers, toAttack));
}
