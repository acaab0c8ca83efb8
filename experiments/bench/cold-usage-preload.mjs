// Loaded with `node --import` into the benchmarked `quiver run` (experiments/bench/cold.ts): prints the whole
// process's CPU time (every thread: main, workers, V8's compiler and GC threads) when it exits. Workers inherit the
// flag, and skip it.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    process.stderr.write(`\ncpu-us ${u.userCPUTime} ${u.systemCPUTime}\n`);
  });
}
