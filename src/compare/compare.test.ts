import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultRecord } from '../contracts/record.js';
import { campaign, record, type RecordSpec } from '../report/fixtures/records.js';
import { KeywordTarget } from '../testing/keyword-target.js';
import { alignCampaigns } from './align.js';
import { compareCampaigns, displayNames, pairTest } from './compare.js';
import { renderComparison } from './render.js';

const typo = { family: 'typo', position: 0, from: 'a', to: 'b' };
const syn = { family: 'synonym', position: 1, from: 'c', to: 'd' };

// The keyword model (negative on bad/terrible/rude..., positive otherwise) is the "other model" of the matrix.
const A = campaign('camp-a', 'local:a', [
  { id: 'e1', status: 'succeeded', text: 'great food', adversarial: 'bad food', edits: [typo] },
  { id: 'e2', status: 'succeeded', text: 'good food', adversarial: 'goood food', edits: [syn] },
  { id: 'e3', status: 'succeeded', text: 'lovely food', adversarial: 'rude food', edits: [typo, syn] },
  { id: 'e4', status: 'failed', text: 'great day' },
  { id: 'e5', status: 'skipped', text: 'fine day' },
]);
const B = campaign('camp-b', 'local:b', [
  { id: 'e1', status: 'failed', text: 'great food' },
  { id: 'e2', status: 'failed', text: 'good food' },
  { id: 'e3', status: 'skipped', text: 'lovely food' },
  { id: 'e4', status: 'succeeded', text: 'great day', adversarial: 'terrible day', edits: [typo] },
  { id: 'e5', status: 'succeeded', text: 'fine day', adversarial: 'fine dya', edits: [typo] },
]);

test('compare: summaries, McNemar pair, transfer matrix and family attribution by hand', async () => {
  const targets = new Map<string, KeywordTarget>();
  const c = await compareCampaigns([A, B], {
    intersection: false,
    targetFor: async (k) => {
      const t = targets.get(k.name) ?? new KeywordTarget();
      targets.set(k.name, t);
      return t;
    },
  });
  assert.equal(c.mode, 'identical');
  assert.equal(c.examples, 5);
  const [a, b] = c.models;
  // A: 3 flips, 1 robust, 1 skipped -> ASR 3/4, original accuracy 4/5, under attack 1/5.
  assert.equal(a!.summary.attackSuccessRate, 0.75);
  assert.equal(a!.summary.originalAccuracy, 0.8);
  assert.equal(a!.summary.accuracyUnderAttack, 0.2);
  // B: robust on e1, e2; flips e4, e5; skipped e3.
  assert.equal(b!.summary.accuracyUnderAttack, 0.4);
  // Per example, robust under A: e4; under B: e1, e2. Discordant: b = 1 (e4), c = 2 (e1, e2); neither: e3, e5.
  const p = c.pairs[0]!;
  assert.deepEqual([p.n, p.bothRobust, p.onlyA, p.onlyB, p.neither], [5, 0, 1, 2, 2]);
  assert.equal(p.method, 'exact-binomial');
  assert.equal(p.pValue, 1); // 2 * (1 + 3) / 8 capped
  assert.ok(Math.abs(p.difference! - -0.2) < 1e-12);
  // A's flips on B: e1 ("bad food": negative, transfers), e2 ("goood food": positive, does not); e3 is not eligible
  // (B got its original wrong). B's flips on A: e4 ("terrible day") transfers; e5 not eligible (A skipped it).
  const m = c.transfer!;
  assert.deepEqual([m[0]![1]!.eligible, m[0]![1]!.transferred, m[0]![1]!.share], [2, 1, 0.5]);
  assert.deepEqual(m[0]![1]!.byFamily, {
    typo: { eligible: 1, transferred: 1 },
    synonym: { eligible: 1, transferred: 0 },
  });
  assert.deepEqual([m[1]![0]!.eligible, m[1]![0]!.transferred, m[1]![0]!.share], [1, 1, 1]);
  assert.deepEqual(
    [m[0]![0]!.eligible, m[0]![0]!.transferred, m[1]![1]!.eligible],
    [3, 3, 2],
    'diagonal: own verified flips',
  );
  // Each target is queried once, in one batch, only with the other campaign's adversarial texts.
  assert.deepEqual(targets.get('camp-b')!.sent, ['bad food', 'goood food', 'rude food']);
  assert.deepEqual(targets.get('camp-a')!.sent, ['terrible day', 'fine dya']);
  // Attribution: A uses typo in e1, e3 (alone in e1) -> 2 of 4 attacked; pooled transfer of A's typo flips: 1/1.
  const typoRow = c.families.find((f) => f.family === 'typo')!;
  assert.deepEqual(typoRow.models[0], {
    using: 2,
    only: 1,
    rate: 0.5,
    transfer: { eligible: 1, transferred: 1, share: 1 },
  });
  assert.deepEqual(typoRow.models[1], {
    using: 2,
    only: 2,
    rate: 0.5,
    transfer: { eligible: 1, transferred: 1, share: 1 },
  });
  const synRow = c.families.find((f) => f.family === 'synonym')!;
  assert.deepEqual(synRow.models[0]!.transfer, { eligible: 1, transferred: 0, share: 0 });
  assert.deepEqual(synRow.models[1], {
    using: 0,
    only: 0,
    rate: 0,
    transfer: { eligible: 0, transferred: 0, share: null },
  });
  const text = renderComparison(c);
  assert.match(text, /Attack success rate\s+75\.0%\s+50\.0%/);
  assert.match(text, /local:a\s+local:b\s+5\s+0\s+1\s+2\s+2\s+-20\.0 pp\s+exact\s+1\.0000/);
  assert.match(text, /local:a\s+\(3\)\s+50% 1\/2/);
});

test('compare without targets skips the matrix; errored examples leave the pair test', async () => {
  const E = campaign('camp-e', 'local:e', [
    { id: 'e1', status: 'errored', text: 'great food' },
    { id: 'e2', status: 'failed', text: 'good food' },
    { id: 'e3', status: 'failed', text: 'lovely food' },
    { id: 'e4', status: 'failed', text: 'great day' },
    { id: 'e5', status: 'failed', text: 'fine day' },
  ]);
  const c = await compareCampaigns([A, E], { intersection: false });
  assert.equal(c.transfer, null);
  assert.equal(c.pairs[0]!.n, 4);
  assert.doesNotMatch(renderComparison(c), /Transferability/);
});

test('pairTest: discordant counts and the chi-square branch on a larger hand-built sample', () => {
  const rec = (robust: boolean) =>
    record({ id: 'x', status: robust ? 'failed' : 'succeeded', text: 't', ...(robust ? {} : { adversarial: 'u' }) });
  // 20 both robust, 30 robust under A only, 12 under B only, 8 neither.
  const spec: [boolean, boolean, number][] = [
    [true, true, 20],
    [true, false, 30],
    [false, true, 12],
    [false, false, 8],
  ];
  const ra: ResultRecord[] = [];
  const rb: ResultRecord[] = [];
  for (const [x, y, n] of spec) {
    for (let i = 0; i < n; i++) {
      ra.push(rec(x));
      rb.push(rec(y));
    }
  }
  const p = pairTest('A', 'B', ra, rb);
  assert.deepEqual([p.n, p.bothRobust, p.onlyA, p.onlyB, p.neither], [70, 20, 30, 12, 8]);
  assert.equal(p.method, 'chi-square-cc');
  assert.ok(Math.abs(p.statistic! - 289 / 42) < 1e-12);
  assert.ok(Math.abs(p.pValue - 0.008711912962379598) < 1e-12);
  assert.ok(Math.abs(p.difference! - 18 / 70) < 1e-12);
});

test('alignment: different datasets or example sets are refused unless --intersection', () => {
  const other = campaign('camp-c', 'local:c', [{ id: 'e1', status: 'failed', text: 'great food' }], 'b'.repeat(64));
  assert.throws(
    () => alignCampaigns([A, other], false),
    new RegExp(
      String.raw`ran on different datasets \(sha256 aaaaaaaaaaaa… vs bbbbbbbbbbbb…\)\. Compare on the examples ` +
        'they share with --intersection',
    ),
  );
  const fewer = campaign('camp-d', 'local:d', [
    { id: 'e1', status: 'failed', text: 'great food' },
    { id: 'e2', status: 'failed', text: 'a different text' },
    { id: 'e9', status: 'failed', text: 'only here' },
  ]);
  assert.throws(
    () => alignCampaigns([A, fewer], false),
    /attacked different examples: 3 only in the first, 1 only in the second/,
  );
  const al = alignCampaigns([A, fewer], true);
  assert.equal(al.mode, 'intersection');
  assert.deepEqual(al.ids, ['e1']);
  assert.deepEqual(al.conflicting, ['e2'], 'same id, different text');
  assert.deepEqual(al.dropped, [4, 2]);
  assert.throws(() => alignCampaigns([A], false), /at least two/);
  const none = campaign('camp-n', 'local:n', [{ id: 'z', status: 'failed', text: 'z' }], 'c'.repeat(64));
  assert.throws(() => alignCampaigns([A, none], true), /share no example/);
});

test('display names: the target spec, made unique by folder when two campaigns share it', () => {
  const specs: RecordSpec[] = [{ id: 'e1', status: 'failed', text: 't' }];
  const x = campaign('prompt-v1', 'local:wink', specs);
  const y = campaign('prompt-v2', 'local:wink', specs);
  const z = campaign('other', 'local:vader', specs);
  assert.deepEqual(displayNames([x, y, z]), ['local:wink (prompt-v1)', 'local:wink (prompt-v2)', 'local:vader']);
  assert.deepEqual(displayNames([x, x]), ['local:wink (prompt-v1) #1', 'local:wink (prompt-v1) #2']);
});
