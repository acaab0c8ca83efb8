/**
 * @module The synonym edits of the validity review (experiments/results/validity/before-*), each with its sentence
 * and the judges' majority verdict on the flip it belongs to: the labelled cases calibrate.ts measures checks on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/version.js';

export type Verdict = 'valid' | 'questionable' | 'invalid';

export interface JudgedEdit {
  readonly item: number;
  readonly sentence: string;
  readonly position: number;
  readonly from: string;
  readonly to: string;
  readonly verdict: Verdict;
  /** The flip used only synonym edits (a typo-only flip was always valid, so mixed flips blur the verdict less). */
  readonly synonymOnly: boolean;
}

const RANK: Record<Verdict, number> = { valid: 0, questionable: 1, invalid: 2 };

export function judgedSynonymEdits(tag = 'before'): JudgedEdit[] {
  const dir = join(packageRoot, 'experiments', 'results', 'validity');
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const sheet = new Map(
    (read(`${tag}-sheet.json`) as { item: number; original: string }[]).map((s) => [s.item, s.original]),
  );
  const key = read(`${tag}-key.json`) as {
    item: number;
    families: string[];
    edits: { family: string; position: number; from: string; to: string }[];
  }[];
  const judges: Map<number, Verdict>[] = [];
  for (let n = 1; n <= 3; n++) {
    judges.push(
      new Map((read(`${tag}-judge-${n}.json`) as { item: number; verdict: Verdict }[]).map((r) => [r.item, r.verdict])),
    );
  }
  const out: JudgedEdit[] = [];
  for (const k of key) {
    const votes = judges.map((j) => j.get(k.item)!).sort((a, b) => RANK[a] - RANK[b]);
    const verdict = votes[1]!; // the median of three
    for (const e of k.edits) {
      if (e.family !== 'synonym') continue;
      out.push({
        item: k.item,
        sentence: sheet.get(k.item)!,
        position: e.position,
        from: e.from,
        to: e.to,
        verdict,
        synonymOnly: k.families.length === 1,
      });
    }
  }
  return out;
}
