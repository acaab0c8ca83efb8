/**
 * @module `npx tsx experiments/synonym-checks/calibrate.ts`: for every synonym edit the validity review judged
 * (judged-edits.ts), which of the synonym checks would have rejected it, and at which embedding and context-fit
 * thresholds: the checks' defaults are set where they reject the most questionable and invalid swaps for the fewest
 * valid ones. Prints Markdown.
 */
import { AttackText } from '../../src/core/attack-text.js';
import type { PerturbContext } from '../../src/core/perturbation.js';
import { rngFor } from '../../src/core/rng.js';
import { winkAnalyzer } from '../../src/nlp/wink-analyzer.js';
import { BUNDLED_VECTORS_PATH, loadWordVectors } from '../../src/nlp/word-vectors.js';
import { contextLemmas } from '../../perturbations/lib/checked-synonyms.js';
import { contextFitDrop } from '../../perturbations/lib/context-fit.js';
import { inFixedExpression } from '../../perturbations/lib/fixed-expressions.js';
import { synonymCandidates, WORDNET_POS } from '../../perturbations/lib/synonym-candidates.js';
import { isCommonWordForm } from '../../perturbations/lib/word-form-check.js';
import { rankSenses } from '../../perturbations/lib/word-sense.js';
import { judgedSynonymEdits, type Verdict } from './judged-edits.js';

const WINDOW = Number(process.env.WINDOW ?? 6);
const v = loadWordVectors(BUNDLED_VECTORS_PATH);
const rows: {
  verdict: Verdict;
  from: string;
  to: string;
  fixed: boolean;
  sense: boolean;
  form: boolean;
  cos: number;
  drop: number;
}[] = [];
for (const e of judgedSynonymEdits()) {
  const text = AttackText.fromString(e.sentence);
  if (text.words[e.position] !== e.from) continue;
  const analysis = winkAnalyzer.analyze(text.words, text.seps);
  const ctx: PerturbContext = { analysis, rng: (k) => rngFor(k) };
  const info = analysis.words[e.position]!;
  const pos = WORDNET_POS[info.pos];
  const context = contextLemmas(ctx, e.position, WINDOW);
  const best = pos === undefined ? undefined : rankSenses(info.lemma, pos, context, 3, v)[0];
  const opts = { maxSenses: 3, maxCandidates: Infinity, multiWord: false, minSenseShare: 0.1 };
  const sense =
    best !== undefined && synonymCandidates(e.from, info, { ...opts, senses: [best.offset] }).includes(e.to);
  const centroid = v.centroid(context);
  rows.push({
    verdict: e.verdict,
    from: e.from,
    to: e.to,
    fixed: inFixedExpression(text, e.position, ctx),
    sense,
    form: isCommonWordForm(e.to, e.from),
    cos: v.cosine(e.from, e.to) ?? -2,
    drop: centroid === null ? 0 : (contextFitDrop(v, e.from, e.to, centroid) ?? 0),
  });
}

const verdicts: Verdict[] = ['valid', 'questionable', 'invalid'];
const share = (pred: (r: (typeof rows)[number]) => boolean, verdict: Verdict) => {
  const of = rows.filter((r) => r.verdict === verdict);
  return `${of.filter(pred).length}/${of.length}`;
};
console.log(`| check | rejects valid | rejects questionable | rejects invalid |\n|---|---|---|---|`);
const line = (name: string, rejects: (r: (typeof rows)[number]) => boolean) =>
  console.log(`| ${name} | ${verdicts.map((vd) => share(rejects, vd)).join(' | ')} |`);
line('fixed-expression', (r) => r.fixed);
line('word-sense', (r) => !r.sense);
line('word-form', (r) => !r.form);
for (const t of [0.3, 0.4, 0.45, 0.5, 0.55, 0.6]) line(`embedding minCosine ${t}`, (r) => r.cos < t);
for (const t of [0.05, 0.1, 0.15, 0.2, 0.25]) line(`context-fit maxDrop ${t}`, (r) => r.drop > t);
const defaults = (r: (typeof rows)[number]) =>
  r.fixed ||
  !r.sense ||
  !r.form ||
  r.cos < Number(process.env.COS ?? 0.45) ||
  r.drop > Number(process.env.DROP ?? 0.15);
line('all (defaults)', defaults);
if (process.env.VERBOSE)
  for (const r of rows)
    console.log(
      r.verdict.padEnd(12),
      `${r.from}->${r.to}`.padEnd(28),
      r.fixed ? 'FIXED' : '     ',
      r.sense ? '     ' : 'SENSE',
      r.form ? '    ' : 'FORM',
      r.cos.toFixed(2),
      r.drop.toFixed(2),
      defaults(r) ? 'REJECT' : '',
    );

// What the vector checks add once the WordNet and frequency checks have run: the swaps those let through.
const residual = rows.filter((r) => !r.fixed && r.sense && r.form);
console.log(
  `\nAfter fixed-expression, word-sense and ` +
    `word-form: ${verdicts.map((vd) => `${residual.filter((r) => r.verdict === vd).length} ${vd}`).join(', ')}`,
);
console.log(`| vector check | rejects valid | rejects questionable | rejects invalid |\n|---|---|---|---|`);
const rline = (name: string, rejects: (r: (typeof rows)[number]) => boolean) =>
  console.log(
    `| ${name} | ${verdicts
      .map((vd) => {
        const of = residual.filter((r) => r.verdict === vd);
        return `${of.filter(rejects).length}/${of.length}`;
      })
      .join(' | ')} |`,
  );
for (const t of [0, 0.1, 0.2, 0.3, 0.4, 0.5]) rline(`embedding minCosine ${t}`, (r) => r.cos < t);
for (const t of [0.1, 0.15, 0.2, 0.25, 0.3]) rline(`context-fit maxDrop ${t}`, (r) => r.drop > t);
if (process.env.VERBOSE)
  for (const r of residual)
    console.log(r.verdict.padEnd(12), `${r.from}->${r.to}`.padEnd(28), r.cos.toFixed(2), r.drop.toFixed(2));
