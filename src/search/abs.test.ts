import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Evaluated, SearchContext, SearchMethod } from '../core/search.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { contractTable, runSearchContract } from '../testing/search-contract.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { abs, absQuirks, resolveAbsOptions } from './abs.js';

runSearchContract('abs', () => abs());
runSearchContract('abs (beam 1)', () => abs({ beamWidth: 1 }));
runSearchContract('abs (paper intent)', () => abs({ paperIntent: true }));
runSearchContract('abs (paper-faithful: quirks a-g)', () => abs({ paperFaithful: true }));
for (const q of absQuirks) runSearchContract(`abs (quirk ${q})`, () => abs({ paperIntent: true, quirks: [q] }));

const easy = 'The food was great and the dessert was good.';
const hard = 'The food was great, the dessert was good and tasty, the service was great.';

test('abs: rejects an invalid beam and unknown quirks or options', () => {
  assert.throws(() => abs({ beamWidth: 2, minBeamWidth: 3 }), /minBeamWidth/);
  assert.throws(() => abs({ quirks: ['h'] } as never), /quirk/);
  assert.throws(() => abs({ width: 3 } as never), /unknown option "width"/);
});

test('abs: presets — paper intent ranks by weighted saliency, one batch per step; paper-faithful adds quirks', () => {
  const intent = resolveAbsOptions({ paperIntent: true });
  assert.equal(intent.ranking, 'weighted-saliency');
  assert.equal(intent.lazy, 'all');
  assert.equal(intent.keepParents, false);
  assert.deepEqual(intent.quirks, []);
  const released = resolveAbsOptions({ paperFaithful: true });
  assert.deepEqual(released.quirks, absQuirks);
  assert.equal(released.reuseRankingSuccess, false);
  assert.equal(released.beamWidth, 6);
  assert.deepEqual(resolveAbsOptions({ paperFaithful: true, quirks: ['a'] }).quirks, ['a']);
  assert.equal(resolveAbsOptions({}).ranking, 'sweep');
  assert.deepEqual(intent.interchangeable, [], 'the paper asks about every candidate');
});

test('abs: Quiver defaults find the same easy flip as the paper with fewer queries', async () => {
  const table = { ...contractTable, great: ['bad'] };
  const run = async (search: SearchMethod) => {
    const f = await engineFixture({ text: easy, groundTruth: 'positive', perturbations: [swapTable(table)] });
    return { found: await search.search(f.ctx), sent: f.evaluator.uniqueQueries };
  };
  const quiver = await run(abs());
  const paper = await run(abs({ paperIntent: true }));
  assert.equal(quiver.found.succeeded, true);
  assert.equal(paper.found.succeeded, true);
  assert.ok(quiver.sent < paper.sent, `${quiver.sent} vs ${paper.sent}`);
});

test('abs: quirk (c) carries P_max and the beam width over to the next example; paper intent does not', async () => {
  const other = 'The food was great and tasty and good, the service was great.';
  const sent = async (search: SearchMethod, text: string) => {
    const f = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
    await search.search(f.ctx);
    return f.target.sent.join('|');
  };
  for (const [quirks, leaks] of [
    [['c'], true],
    [[], false],
  ] as const) {
    const reused = abs({ paperIntent: true, quirks: [...quirks] });
    await sent(reused, other);
    const after = await sent(reused, hard);
    const fresh = await sent(abs({ paperIntent: true, quirks: [...quirks] }), hard);
    assert.equal(after !== fresh, leaks, `quirks ${quirks.join('')}`);
  }
});

test('abs: quirk (f) ends the search at a word with no candidates; paper intent skips it', async () => {
  // "lovely" matters most but has no candidates; "fine" -> "terrible terrible" flips the text.
  const table = { fine: ['terrible terrible'] };
  const run = async (quirks: ('f' | 'g')[]) => {
    const f = await engineFixture({
      text: 'The lovely food was fine.',
      groundTruth: 'positive',
      perturbations: [swapTable(table)],
    });
    return abs({ paperIntent: true, ranking: 'unk', quirks }).search(f.ctx);
  };
  assert.equal((await run(['g'])).succeeded, true);
  assert.equal((await run(['f', 'g'])).succeeded, false);
});

test("abs: on failure, paper intent returns the best case seen; quirk (e) the last batch's best", async () => {
  const run = async (quirks: 'e'[]) => {
    const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
    const batches: Evaluated[][] = [];
    const ctx: SearchContext = {
      ...f.ctx,
      evaluate: async (t) => {
        const r = await f.ctx.evaluate(t);
        batches.push(r);
        return r;
      },
    };
    const found = await abs({ paperIntent: true, quirks }).search(ctx);
    return { found, batches };
  };
  const intent = await run([]);
  assert.equal(intent.found.succeeded, false);
  const best = Math.max(
    ...intent.batches
      .flat()
      .filter((r) => !r.text.text.includes('[UNK]'))
      .map((r) => r.score),
  );
  assert.equal(intent.found.score, best);
  const code = await run(['e']);
  const last = code.batches[code.batches.length - 1]!;
  assert.ok(last.some((r) => r.text.text === code.found.text.text));
});

test('abs: a success met while ranking is returned at once unless quirk (g) forbids the reuse', async () => {
  const table = { ...contractTable, good: ['terrible'] };
  const run = async (quirks: 'g'[]) => {
    const f = await engineFixture({ text: easy, groundTruth: 'positive', perturbations: [swapTable(table)] });
    const found = await abs({ paperIntent: true, quirks }).search(f.ctx);
    return { found, requested: f.evaluator.queries };
  };
  const reuse = await run([]);
  const noReuse = await run(['g']);
  assert.equal(reuse.found.succeeded, true);
  assert.equal(noReuse.found.succeeded, true);
  assert.ok(noReuse.requested > reuse.requested, 'without reuse the search asks for texts the ranking already scored');
});

test('abs: the prior option names a labelled file, needs the sweep, and reports what it cost', async () => {
  assert.throws(() => abs({ prior: 'data.jsonl' }), /option "prior" must be \{"train"/);
  assert.throws(() => abs({ prior: { train: 'd.jsonl', text: 'x' } }), /option "prior" must be/);
  assert.throws(() => abs({ prior: { train: 'd.jsonl' }, ranking: 'delete' }), /needs ranking "sweep"/);
  assert.deepEqual(resolveAbsOptions({ prior: { train: 'd.jsonl' } }).prior, {
    train: 'd.jsonl',
    textField: 'text',
    labelField: 'label',
  });
  assert.equal(abs().priorCost(), null);

  const dir = mkdtempSync(join(tmpdir(), 'quiver-abs-prior-'));
  const train = join(dir, 'data.jsonl');
  writeFileSync(
    train,
    ['{"text":"great food","label":"positive"}', '{"text":"bad food","label":"negative"}'].join('\n'),
  );
  const search = abs({ prior: { train } });
  const f = await engineFixture({
    text: easy,
    groundTruth: 'positive',
    perturbations: [swapTable({ ...contractTable, great: ['bad'] })],
  });
  assert.equal((await search.search(f.ctx)).succeeded, true);
  const cost = search.priorCost();
  assert.ok(cost !== null && cost.texts > 0 && cost.trainMs >= 0 && cost.scoreMs >= 0);
  // The prior ranks "great" (seen with the positive label) first: the flip is the first text asked about.
  assert.equal(f.target.sent[1], 'The food was bad and the dessert was good.');
});

test('abs: a text close to flipping has every typo variant tried; elsewhere one per word', async () => {
  const perturbations = [swapTable({ great: ['bad'] }), swapTable({ good: ['godo', 'goood'] }, 'typo')];
  const f = await engineFixture({ text: 'The food was great and good.', groundTruth: 'positive', perturbations });
  // great -> bad leaves the text barely positive (lead 0.1): there both typos of "good" are asked about.
  const found = await abs({ forecast: false }).search(f.ctx);
  assert.equal(found.succeeded, true);
  assert.ok(f.target.sent.includes('The food was bad and goood.'));
  assert.ok(
    !f.target.sent.includes('The food was great and goood.'),
    'at the original, far from flipping, one typo per word',
  );
});

test('abs: the default composes greedily (beam width 1); the paper presets keep their beam of 6', () => {
  assert.equal(resolveAbsOptions({}).beamWidth, 1);
  assert.equal(resolveAbsOptions({ paperIntent: true }).beamWidth, 6);
  assert.equal(resolveAbsOptions({ paperIntent: true, minBeamWidth: 3 }).minBeamWidth, 3);
  assert.throws(() => abs({ paperIntent: true, prior: { train: 'd.jsonl' } }), /needs ranking "sweep"/);
});

test(
  'abs: the same example gives the same search whatever was attacked before it ' + '(any worker count, any order)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiver-abs-order-'));
    const train = join(dir, 'data.jsonl');
    const texts = [easy, hard, 'The service was slow but the food was great.', 'Good food, lovely staff.'];
    // The attacked texts are in the prior's data too: each must be left out of its own prior, whoever came before.
    const rows = [
      ...texts.map((text) => ({ text, label: 'positive' })),
      { text: 'bad cold food', label: 'negative' },
      { text: 'slow service', label: 'negative' },
    ];
    writeFileSync(train, rows.map((r) => JSON.stringify(r)).join('\n'));
    const attackAll = async (search: SearchMethod, order: readonly number[]) => {
      const out: Record<number, { text: string; sent: string[] }> = {};
      for (const k of order) {
        const f = await engineFixture({
          text: texts[k]!,
          groundTruth: 'positive',
          perturbations: [swapTable(contractTable)],
        });
        out[k] = { text: (await search.search(f.ctx)).text.text, sent: f.target.sent };
      }
      return out;
    };
    for (const options of [{}, { prior: { train } }, { beamWidth: 6 }]) {
      const one = await attackAll(abs(options), [0, 1, 2, 3]);
      const split = { ...(await attackAll(abs(options), [3, 1])), ...(await attackAll(abs(options), [2, 0])) };
      assert.deepEqual(split, one, JSON.stringify(options));
    }
  },
);
