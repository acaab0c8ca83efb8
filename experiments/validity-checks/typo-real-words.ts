// Share of the default typo variants (drawn with realWords: true) that the real-word rule would drop, on the first
// 200 texts of SST-2 dev and MR test: `npx tsx experiments/validity-checks/typo-real-words.ts`.
import { readFileSync } from 'node:fs';
import { defaultTypoOptions, typoVariants } from '../../perturbations/typo.js';
import { isRealWord } from '../../perturbations/lib/real-word.js';
import { rngFor } from '../../src/core/rng.js';

const files = ['sst2-dev', 'mr-test'].map((d) => new URL(`../../../shared/datasets/${d}.jsonl`, import.meta.url));
let n = 0;
let real = 0;
const examples: string[] = [];
for (const f of files) {
  for (const line of readFileSync(f, 'utf8').trim().split('\n').slice(0, 200)) {
    for (const w of (JSON.parse(line) as { text: string }).text.split(/\s+/)) {
      for (const v of typoVariants(w, { ...defaultTypoOptions, realWords: true }, (op) => rngFor(`${w}:${op}`))) {
        n++;
        if (!isRealWord(v)) continue;
        real++;
        if (examples.length < 30) examples.push(`${w}->${v}`);
      }
    }
  }
}
console.log(`${real} of ${n} variants (${((100 * real) / n).toFixed(1)} %) are real words, e.g. ${examples.join(' ')}`);
