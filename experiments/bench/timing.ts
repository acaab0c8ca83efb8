/**
 * @module Helpers shared by the benchmarks: a timed real campaign, the median of repeated measurements, a timed target.
 */
import { runCampaign } from '../../src/campaign/run.js';
import type { Prediction, Target } from '../../src/core/target.js';
import { benchAttack } from './config.js';

/**
 * Runs the benchmark attack as a real campaign (worker pool, ordered JSONL log in `outDir`) over a JSONL file and
 * returns when each record was emitted (performance.now()), in dataset order.
 */
export async function recordTimes(target: string, workers: number, input: string, outDir: string): Promise<number[]> {
  const stamps: number[] = [];
  await runCampaign(
    {
      attack: benchAttack(target),
      dataset: { path: input, format: 'jsonl', fields: { text: 'text', label: 'label', id: 'id' } },
      skipInvalid: false,
      limit: null,
      shard: null,
      preset: null,
      workers,
      budgets: { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null },
      outDir,
      mode: 'new',
      force: false,
      handleSignals: false,
    },
    { onStart: () => {}, onResult: () => stamps.push(performance.now()), onEnd: () => {} },
  );
  return stamps;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Time spent inside a target's predict, with the texts and calls it took (reset between passes). */
export interface ModelClock {
  ms: number;
  texts: number;
  calls: number;
}

/** The target, timed: every predict call adds to `clock`. */
export function timedTarget(target: Target, clock: ModelClock): Target {
  return {
    id: target.id,
    labels: target.labels,
    async predict(batch: readonly string[]): Promise<Prediction[]> {
      const t = performance.now();
      const out = await target.predict(batch);
      clock.ms += performance.now() - t;
      clock.texts += batch.length;
      clock.calls++;
      return out;
    },
  };
}
