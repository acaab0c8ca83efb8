/**
 * @module `npx tsx experiments/synonym-checks/measure.ts [--dataset file] [--limit n]`: over a dataset's texts, the
 * share of WordNet synonym candidates each synonym check removes (checked-synonyms.ts, in its order) and the time per
 * word and per candidate, against the unchecked candidates. Prints Markdown.
 */
import { readFileSync } from 'node:fs';
import { AttackText } from '../../src/core/attack-text.js';
import type { PerturbContext } from '../../src/core/perturbation.js';
import { rngFor } from '../../src/core/rng.js';
import { winkAnalyzer } from '../../src/nlp/wink-analyzer.js';
import { BUNDLED_VECTORS_PATH, loadWordVectors } from '../../src/nlp/word-vectors.js';
import { DEFAULT_SYNONYM_CHECKS, synonymChecker, type CheckTrace } from '../../perturbations/lib/checked-synonyms.js';
import { synonymCandidates } from '../../perturbations/lib/synonym-candidates.js';
import { zipf } from '../../perturbations/lib/word-frequency.js';

const arg = (name: string, fallback: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k < 0 ? fallback : process.argv[k + 1]!;
};
const dataset = arg('dataset', '../shared/datasets/sst2-dev.jsonl');
const limit = Number(arg('limit', '200'));
const texts = readFileSync(dataset, 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, limit)
  .map((l) => (JSON.parse(l) as { text: string }).text);
const base = { maxSenses: 3, maxCandidates: Number.POSITIVE_INFINITY, multiWord: false, minSenseShare: 0.1 };
// Load data files first, so their one-off load is not counted per word.
loadWordVectors(BUNDLED_VECTORS_PATH);
zipf('warm');
const examples = texts.map((t) => {
  const text = AttackText.fromString(t);
  const ctx: PerturbContext = { analysis: winkAnalyzer.analyze(text.words, text.seps), rng: (k) => rngFor(k) };
  return { text, ctx };
});

function time(run: (text: AttackText, k: number, ctx: PerturbContext) => unknown): number {
  const started = performance.now();
  for (const { text, ctx } of examples) for (let k = 0; k < text.length; k++) run(text, k, ctx);
  return performance.now() - started;
}

// Warm both paths once (WordNet lines, sense counts, signatures), then time fresh per-example caches.
const words = examples.reduce((n, e) => n + e.text.length, 0);
time((text, k, ctx) => synonymCandidates(text.words[k]!, ctx.analysis.words[text.ids[k]!], { ...base }));
const plainMs = time((text, k, ctx) =>
  synonymCandidates(text.words[k]!, ctx.analysis.words[text.ids[k]!], { ...base }),
);
const trace: CheckTrace = new Map();
synonymChecker(base, DEFAULT_SYNONYM_CHECKS, BUNDLED_VECTORS_PATH);
const traced = synonymChecker(base, DEFAULT_SYNONYM_CHECKS, BUNDLED_VECTORS_PATH);
time((text, k, ctx) => traced(text, k, ctx, trace));
const checker = synonymChecker(base, DEFAULT_SYNONYM_CHECKS, BUNDLED_VECTORS_PATH);
const checkedMs = time((text, k, ctx) => checker(text, k, ctx));

const total = [...trace.values()].reduce((a, b) => a + b, 0);
console.log(
  `${examples.length} texts of ${dataset}, ${words} words, ${total} WordNet candidates (top 3 senses, sense share ` +
    `0.1)\n`,
);
console.log('| check (in order) | candidates removed | share of all |\n|---|---|---|');
for (const name of [
  'fixed-expression',
  'name',
  'word-sense',
  'derivation',
  'word-form',
  'embedding',
  'context-fit',
  'kept',
] as const) {
  const n = trace.get(name) ?? 0;
  console.log(`| ${name} | ${n} | ${((100 * n) / total).toFixed(1)} % |`);
}
console.log(
  `\nunchecked candidates: ${((plainMs * 1000) / words).toFixed(1)} µs per word; ` +
    `checked: ${((checkedMs * 1000) / words).toFixed(1)} µs per word, ${((checkedMs * 1000) / total).toFixed(1)} µs ` +
    `per WordNet candidate (first call per example and word; later calls hit the cache)`,
);
