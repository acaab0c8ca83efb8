/**
 * Scaling on a long campaign: 11,715 examples (MR test, SST-2 dev and Financial PhraseBank without its neutral lines,
 * three rounds under new ids, so each round is attacked afresh with its own seeds), with 1 and 2 workers,
 * alternating, twice. Prints examples per second in each third of the campaign; the last third is the steady state
 * of an overnight run: every worker has compiled its code and met the corpus' vocabulary.
 *
 *   npx tsx experiments/bench/long.ts [targets=local:afinn,local:wink]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDatasets } from '../../src/testing/cli.js';
import { recordTimes } from './timing.js';

const targets = (process.argv[2] ?? 'local:afinn,local:wink').split(',');
const work = mkdtempSync(join(tmpdir(), 'quiver-long-'));

function longInput(): string {
  const rows: string[] = [];
  for (let round = 0; round < 3; round++) {
    for (const file of ['mr-test.jsonl', 'sst2-dev.jsonl', 'financial-phrasebank-50agree.jsonl']) {
      for (const line of readFileSync(join(sharedDatasets, file), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const row = JSON.parse(line) as { id: string; label: string };
        if (row.label !== 'neutral') rows.push(JSON.stringify({ ...row, id: `round${round}-${row.id}` }));
      }
    }
  }
  const path = join(work, 'long.jsonl');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

/** Examples per second in each third of the campaign (by record order). */
async function thirds(target: string, workers: number, input: string, run: number): Promise<number[]> {
  const stamps = await recordTimes(
    target,
    workers,
    input,
    join(work, `${target.replace(':', '-')}-w${workers}-${run}`),
  );
  const n = stamps.length;
  const cut = [1, Math.floor(n / 3), Math.floor((2 * n) / 3), n];
  return [0, 1, 2].map((k) => (cut[k + 1]! - cut[k]!) / ((stamps[cut[k + 1]! - 1]! - stamps[cut[k]! - 1]!) / 1000));
}

const input = longInput();
const rows: string[] = [];
for (const target of targets) {
  for (let run = 1; run <= 2; run++) {
    const one = await thirds(target, 1, input, run);
    const two = await thirds(target, 2, input, run);
    const f = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString('en-US')).join(' / ');
    rows.push(`| ${target} | ${run} | ${f(one)} | ${f(two)} | **${(two[2]! / one[2]!).toFixed(2)}×** |`);
  }
}
console.log(
  `11,715 examples (3 rounds of MR test, SST-2 dev, Financial PhraseBank non-neutral), abs, four families, ` +
    `seed 42.

| target | run | 1 worker, examples/s (first / second / last third) | ` +
    `2 workers, examples/s (first / second / last third) | 2 workers ÷ 1, last third |
|---|---|---|---|---|
${rows.join('\n')}`,
);
