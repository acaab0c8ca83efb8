/**
 * @module The validity benchmark's second half: `npx tsx experiments/validity/tally.ts --tag after`. Reads the
 * judges' verdicts (`experiments/results/validity/<tag>-judge-<n>.json`, one `{item, verdict}` per sheet item) and
 * the key written by sample.ts, and prints the tally by majority verdict (overall, by perturbation family mix and by
 * campaign), each judge's own counts, and the agreement between judges (share of items on which each pair agrees,
 * and Fleiss' kappa), as Markdown for experiments/results/validity.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/version.js';

type Verdict = 'valid' | 'questionable' | 'invalid';
const VERDICTS: readonly Verdict[] = ['valid', 'questionable', 'invalid'];

interface KeyItem {
  readonly item: number;
  readonly cell: string;
  readonly families: readonly string[];
}

function arg(name: string): string {
  const k = process.argv.indexOf(`--${name}`);
  const v = k < 0 ? undefined : process.argv[k + 1];
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

const dir = join(packageRoot, 'experiments', 'results', 'validity');
const tag = arg('tag');
const key = JSON.parse(readFileSync(join(dir, `${tag}-key.json`), 'utf8')) as KeyItem[];
const judges: Map<number, Verdict>[] = [];
for (let n = 1; existsSync(join(dir, `${tag}-judge-${n}.json`)); n++) {
  const rows = JSON.parse(readFileSync(join(dir, `${tag}-judge-${n}.json`), 'utf8')) as {
    item: number;
    verdict: string;
  }[];
  const m = new Map<number, Verdict>();
  for (const r of rows) {
    if (!VERDICTS.includes(r.verdict as Verdict))
      throw new Error(`${tag}-judge-${n}.json: item ${r.item}: verdict "${r.verdict}"`);
    m.set(r.item, r.verdict as Verdict);
  }
  for (const k of key) if (!m.has(k.item)) throw new Error(`${tag}-judge-${n}.json has no verdict for item ${k.item}`);
  judges.push(m);
}
if (judges.length < 2) throw new Error(`need at least two judges' files ${tag}-judge-<n>.json`);

/** The verdict most judges gave; a tie goes to the worse verdict (a finding must convince a majority). */
function majority(item: number): Verdict {
  const counts = VERDICTS.map((v) => judges.filter((j) => j.get(item) === v).length);
  const best = Math.max(...counts);
  return VERDICTS[counts.lastIndexOf(best)]!;
}

function familyMix(k: KeyItem): string {
  if (k.families.length === 1) return `${k.families[0]} only`;
  return k.families.includes('synonym') ? 'synonym + other' : 'other mixes';
}

const pct = (a: number, n: number) => (n === 0 ? '–' : `${((100 * a) / n).toFixed(0)} %`);

function row(label: string, items: readonly KeyItem[]): string {
  const v = items.map((k) => majority(k.item));
  const c = (x: Verdict) => v.filter((y) => y === x).length;
  return (
    `| ${label} | ${items.length} | ${pct(c('valid'), items.length)} | ${pct(c('questionable'), items.length)} ` +
    `| ${pct(c('invalid'), items.length)} |`
  );
}

function fleissKappa(): number {
  const n = judges.length;
  const N = key.length;
  let pBar = 0;
  const totals = VERDICTS.map(() => 0);
  for (const k of key) {
    const counts = VERDICTS.map((v) => judges.filter((j) => j.get(k.item) === v).length);
    for (const [i, c] of counts.entries()) totals[i]! += c;
    pBar += (counts.reduce((s, c) => s + c * c, 0) - n) / (n * (n - 1));
  }
  pBar /= N;
  const pE = totals.reduce((s, t) => s + (t / (N * n)) ** 2, 0);
  return (pBar - pE) / (1 - pE);
}

const lines: string[] = [];
lines.push(
  `| ${tag}: majority of ${judges.length} judges | flips | valid | questionable | invalid |`,
  '|---|---|---|---|---|',
);
lines.push(row('all flips', key));
const mixes = [...new Set(key.map(familyMix))].sort();
for (const m of mixes)
  lines.push(
    row(
      m,
      key.filter((k) => familyMix(k) === m),
    ),
  );
lines.push(
  row(
    'any synonym',
    key.filter((k) => k.families.includes('synonym')),
  ),
);
for (const cell of [...new Set(key.map((k) => k.cell))].sort())
  lines.push(
    row(
      `campaign ${cell}`,
      key.filter((k) => k.cell === cell),
    ),
  );
lines.push('');
lines.push('| judge | valid | questionable | invalid |', '|---|---|---|---|');
judges.forEach((j, i) => {
  const c = (x: Verdict) => key.filter((k) => j.get(k.item) === x).length;
  lines.push(`| ${i + 1} | ${c('valid')} | ${c('questionable')} | ${c('invalid')} |`);
});
lines.push('');
const pairs: string[] = [];
for (let a = 0; a < judges.length; a++) {
  for (let b = a + 1; b < judges.length; b++) {
    const agree = key.filter((k) => judges[a]!.get(k.item) === judges[b]!.get(k.item)).length;
    pairs.push(`${a + 1}–${b + 1}: ${agree}/${key.length}`);
  }
}
const unanimous = key.filter((k) => new Set(judges.map((j) => j.get(k.item))).size === 1).length;
lines.push(
  `Agreement: ${pairs.join(', ')}; all ${judges.length} agree on ${unanimous}/${key.length}; Fleiss' κ ` +
    `= ${fleissKappa().toFixed(2)}.`,
);
console.log(lines.join('\n'));
