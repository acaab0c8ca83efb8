/**
 * @module The `append` family: a distractor appended to the text, as the CheckList and StressTest baselines run in
 * AORTA (../shared notes §3.3). Anchored at the last word in `move` mode (it edits no word of the text, so a final
 * stopword does not block it); one append per text, counted as one edit.
 */
import type { AttackText } from '../src/core/attack-text.js';
import type { Perturbation } from '../src/core/perturbation.js';
import { ConfigError } from '../src/core/errors.js';
import { rngFor } from '../src/core/rng.js';

export interface AppendOptions {
  /** `stresstest` (Naik et al. 2018), `checklist` (50 random 10-character strings) or your own list. */
  readonly distractors: 'stresstest' | 'checklist' | readonly string[];
}

export const defaultAppendOptions: AppendOptions = { distractors: 'stresstest' };

/** StressTest's distractors as AORTA appends them: a tautology, a negated falsehood, the tautology five times. */
export const STRESSTEST_DISTRACTORS: readonly string[] = [
  'and true is true',
  'and false is not true',
  Array.from({ length: 5 }, () => 'and true is true').join(' '),
];

/**
 * CheckList's "random suffix" test as AORTA runs it: 50 fixed random 10-character alphanumeric strings. AORTA's own
 * strings are not published; these are drawn once from a fixed seed, so they are the same in every run.
 */
export const CHECKLIST_DISTRACTORS: readonly string[] = (() => {
  const rng = rngFor('quiver:checklist-distractors');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 50 }, () =>
    Array.from({ length: 10 }, () => alphabet[Math.floor(rng() * alphabet.length)]!).join(''),
  );
})();

export function resolveAppendOptions(options: Readonly<Record<string, unknown>>): string[] {
  for (const key of Object.keys(options)) {
    if (key !== 'distractors') throw new ConfigError(`append: unknown option "${key}"; valid options: distractors`);
  }
  const d = options.distractors ?? defaultAppendOptions.distractors;
  if (d === 'stresstest') return [...STRESSTEST_DISTRACTORS];
  if (d === 'checklist') return [...CHECKLIST_DISTRACTORS];
  if (Array.isArray(d) && d.length > 0 && d.every((s) => typeof s === 'string' && s.trim() !== ''))
    return d.map((s: string) => s.trim());
  throw new ConfigError(
    `append: option distractors must be "stresstest", "checklist" or a non-empty list of strings, ` +
      `got ${JSON.stringify(d)}`,
  );
}

export function append(options: Readonly<Record<string, unknown>> = {}): Perturbation {
  const distractors = resolveAppendOptions(options);
  return {
    family: 'append',
    granularity: 'sentence',
    anchor: 'move',
    candidates(text: AttackText, index: number): AttackText[] {
      // Only at the last original word, and only once: after an append the last word is the distractor.
      if (index !== text.length - 1 || text.ids[index]! >= text.originalWordCount) return [];
      return distractors.map((d) => text.insertWord(text.length, d, 'append'));
    },
  };
}
