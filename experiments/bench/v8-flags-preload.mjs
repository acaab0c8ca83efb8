// Loaded with `node --import` into the `quiver run` that experiments/bench/jit-cost.ts dissects: sets the V8 flags in
// QUIVER_BENCH_V8_FLAGS (space-separated) process-wide before any worker starts, so every worker isolate has them.
// Node refuses V8 flags in a worker's execArgv, hence this route rather than `node --trace-opt`. Workers inherit the
// `--import` and skip it.
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  for (const flag of (process.env.QUIVER_BENCH_V8_FLAGS ?? '').split(' ').filter(Boolean)) setFlagsFromString(flag);
}
