// Loaded with `node --import` into the benchmarked `quiver run`: prints the whole process's peak resident memory
// when the process exits (workers inherit the flag, and skip it).
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`));
}
