// Preloaded with `node --import` by the scale benchmark: samples the MAIN thread's own memory (its V8 heap and
// buffers; worker threads are separate isolates) and writes the peaks to $QUIVER_MEMORY_PROBE at exit.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread && process.env.QUIVER_MEMORY_PROBE) {
  const peak = { heapUsedMb: 0, externalMb: 0, arrayBuffersMb: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.heapUsedMb = Math.max(peak.heapUsedMb, m.heapUsed / 2 ** 20);
    peak.externalMb = Math.max(peak.externalMb, m.external / 2 ** 20);
    peak.arrayBuffersMb = Math.max(peak.arrayBuffersMb, m.arrayBuffers / 2 ** 20);
  };
  setInterval(sample, 50).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(process.env.QUIVER_MEMORY_PROBE, JSON.stringify(peak));
  });
}
