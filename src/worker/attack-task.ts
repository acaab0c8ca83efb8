/**
 * @module The worker-side handler: rebuilds the attack from plain config once per thread (models, WordNet index and
 * tagger stay warm for the whole campaign) and attacks one example per task.
 */
import { attackExample, type AttackParts } from '../engine/attack-example.js';
import { buildAttackParts } from '../registry.js';
import type { AttackTask, AttackTaskResult } from './protocol.js';

let cached: { key: string; parts: Promise<AttackParts> } | undefined;

export async function runAttackTask(task: AttackTask): Promise<AttackTaskResult> {
  const key = JSON.stringify(task.config);
  if (cached?.key !== key) cached = { key, parts: buildAttackParts(task.config) };
  const parts = await cached.parts;
  const { seed, maxQueries, maxPerturbRatio, stabilitySamples, verifyRepeats } = task.config;
  return attackExample(
    parts,
    { seed, maxQueries: maxQueries ?? Infinity, maxPerturbRatio, stabilitySamples, verifyRepeats },
    task.example,
  );
}
