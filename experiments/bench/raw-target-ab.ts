/**
 * @module One local target alone, in a fresh process per measurement, compared across checkouts of the repository
 * (A/B of a change to a model's code), the builds alternating round by round so that the machine's drift hits all.
 *
 *   npx tsx experiments/bench/raw-target-ab.ts local:wink 3 /path/to/old-checkout /path/to/new-checkout
 *
 * Each measurement: SST-2 dev, each sentence in 4 variants with ~10 % of its longer words typo'd (a campaign's mix of
 * known and unknown words), in batches of 4; one warm-up pass, then the median of 5 timed passes. Prints texts/s per
 * round and each build's ratio to the first one. The checkouts need their node_modules (a symlink will do).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sharedDataset } from '../../src/testing/cli.js';

const MEASURE = '--measure';

/** The campaign-like texts: deterministic, the same for every build. */
function candidates(): string[] {
  const texts = readFileSync(sharedDataset('sst2-dev.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text);
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const typo = (w: string) => (random() < 0.1 && w.length > 3 ? w[0] + w[2]! + w[1] + w.slice(3) : w);
  return texts.flatMap((t) => Array.from({ length: 4 }, () => t.split(' ').map(typo).join(' ')));
}

/** Texts/s of `target` as built from the checkout at `dir`, in this process. */
async function measure(dir: string, target: string): Promise<number> {
  const { createTarget } = (await import(`${dir}/src/targets/index.ts`)) as typeof import('../../src/targets/index.js');
  const texts = candidates();
  const batches: string[][] = [];
  for (let i = 0; i < texts.length; i += 4) batches.push(texts.slice(i, i + 4));
  const t = await createTarget(target, {});
  for (const b of batches) await t.predict(b);
  const rates: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const start = performance.now();
    for (const b of batches) await t.predict(b);
    rates.push(texts.length / ((performance.now() - start) / 1000));
  }
  return rates.sort((a, b) => a - b)[2]!;
}

const [first, ...rest] = process.argv.slice(2);
if (first === MEASURE) {
  const [dir, target] = rest;
  console.log(Math.round(await measure(dir!, target!)));
} else {
  const [roundsArg, ...dirs] = rest;
  const rounds = Number(roundsArg);
  if (first === undefined || !Number.isInteger(rounds) || rounds < 1 || dirs.length < 2) {
    console.error('usage: raw-target-ab.ts TARGET ROUNDS CHECKOUT_A CHECKOUT_B [...]');
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  const rates = dirs.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [k, dir] of dirs.entries()) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, MEASURE, dir, first], { encoding: 'utf8' });
      rates[k]!.push(Number(out.trim()));
    }
  }
  console.log(`| build | ${first} texts/s per round | ÷ first build, per round |\n|---|---|---|`);
  for (const [k, dir] of dirs.entries()) {
    const ratios = rates[k]!.map((v, r) => (v / rates[0]![r]!).toFixed(2));
    console.log(`| ${dir} | ${rates[k]!.map((v) => v.toLocaleString('en-US')).join(' / ')} | ${ratios.join(' / ')} |`);
  }
}
