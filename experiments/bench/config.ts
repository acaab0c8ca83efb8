/**
 * The attack every benchmark in experiments/bench runs: abs over all four default families, seed 42, 20 stability
 * samples.
 */
import type { AttackConfig } from '../../src/contracts/campaign.js';

export function benchAttack(target: string, targetOptions: Readonly<Record<string, unknown>> = {}): AttackConfig {
  return {
    target,
    targetOptions,
    goal: { name: 'untargeted' },
    search: { name: 'abs', options: {} },
    perturbations: ['typo', 'synonym', 'reorder', 'rare-word'].map((name) => ({ name, options: {} })),
    maxPerturbRatio: 0.25,
    protect: [],
    seed: 42,
    maxQueries: null,
    stabilitySamples: 20,
    verifyRepeats: 1,
  };
}
