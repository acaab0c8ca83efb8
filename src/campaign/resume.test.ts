/**
 * Resume uses only records of its own campaign: records of another campaign, or of examples its plan does not
 * attack, are refused by name (exit 2) and left as they are; records from before records carried a campaign id
 * still resume when they fit the plan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quiverSync, readRecords } from '../testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-resume-'));
const base = ['run', '--target', 'local:afinn', '--limit', '8', '--workers', '1'];
const results = (dir: string) => join(dir, 'results.jsonl');
const lines = (records: readonly object[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
/** A record as Quiver wrote it before records carried the campaign id. */
const legacy = ({ campaignId: _id, ...r }: { campaignId?: string }) => ({ ...r, schemaVersion: 1 });

function ran(dir: string, ...args: string[]): void {
  const r = quiverSync(work, ...base, ...args, '--out', dir);
  assert.equal(r.code, 0, r.stderr);
}

test('results.jsonl of a campaign with another target is refused by file, line and campaign', () => {
  const mine = join(work, 'mine');
  const other = join(work, 'other');
  ran(mine);
  ran(other, '--target', 'local:vader', '--limit', '2');
  writeFileSync(results(mine), readFileSync(results(other)));
  const before = readFileSync(results(mine), 'utf8');
  const r = quiverSync(work, 'run', '--resume', mine);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      String.raw`mine\/results\.jsonl:1: record "demo-001" was written by campaign [0-9a-f]{16}, this folder ` +
        String.raw`holds campaign [0-9a-f]{16} \(another target`,
    ),
  );
  assert.equal(readFileSync(results(mine), 'utf8'), before, 'nothing appended');
});

test('ids the plan does not attack are refused by name, also in records without a campaign id', () => {
  const data = join(work, 'other-ids.jsonl');
  writeFileSync(
    data,
    '{"id":"x1","text":"Lovely staff.","label":"positive"}\n{"id":"x2","text":"Awful food.","label":"negative"}\n',
  );
  const foreign = join(work, 'foreign-ids');
  ran(foreign, '--dataset', data);
  const mine = join(work, 'ids');
  ran(mine, '--limit', '3');
  const campaign = JSON.parse(readFileSync(join(mine, 'campaign.json'), 'utf8'));
  // A campaign.json and records written before the campaign id existed, plus two records of another dataset.
  const { campaignId: _id, ...oldConfig } = campaign;
  writeFileSync(join(mine, 'campaign.json'), JSON.stringify(oldConfig));
  writeFileSync(results(mine), lines([...readRecords(mine).map(legacy), ...readRecords(foreign).map(legacy)]));
  const r = quiverSync(work, 'run', '--resume', mine);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /ids\/results\.jsonl:4: record "x1" is not an example this campaign plans/);
});

test('a record of another shard of the same campaign is refused', () => {
  const s0 = join(work, 'shard0');
  const s1 = join(work, 'shard1');
  ran(s0, '--shard', '0/2');
  ran(s1, '--shard', '1/2');
  const stray = readRecords(s1)[0]!;
  writeFileSync(results(s0), `${readFileSync(results(s0), 'utf8') + JSON.stringify(stray)}\n`);
  const r = quiverSync(work, 'run', '--resume', s0);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`shard0/results\\.jsonl:\\d+: record "${stray.id}" is not an example this campaign plans`),
  );
});

test('a campaign written before records carried a campaign id resumes where its records fit the plan', () => {
  const whole = join(work, 'whole');
  ran(whole);
  const old = join(work, 'old');
  ran(old, '--max-total-queries', '1');
  const { campaignId, ...oldConfig } = JSON.parse(readFileSync(join(whole, 'campaign.json'), 'utf8'));
  assert.match(campaignId, /^[0-9a-f]{16}$/);
  writeFileSync(join(old, 'campaign.json'), JSON.stringify(oldConfig));
  writeFileSync(results(old), lines(readRecords(whole).slice(0, 3).map(legacy)));
  const r = quiverSync(work, 'run', '--resume', old, '--max-total-queries', '1000000', '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /resuming: 3 already done/);
  const s = JSON.parse(r.stdout);
  assert.equal(s.examples, 8);
  assert.equal(s.remaining, 0);
  const records = readRecords(old);
  assert.deepEqual(
    records.map((x) => x.index),
    readRecords(whole).map((x) => x.index),
  );
  // New records carry the id the campaign would have had all along.
  assert.deepEqual(
    records.slice(3).map((x) => x.campaignId),
    Array(5).fill(campaignId),
  );
  assert.equal(JSON.parse(readFileSync(join(old, 'campaign.json'), 'utf8')).campaignId, campaignId);
});

test('a campaign trains its prior on its dataset, which counts by content in its id: a moved one is the same', () => {
  const a = join(work, 'moved-a.jsonl');
  const b = join(work, 'moved-b.jsonl');
  const body =
    '{"id":"m1","text":"Lovely staff.","label":"positive"}\n{"id":"m2","text":"Awful food.","label":"negative"}\n';
  writeFileSync(a, body);
  writeFileSync(b, body);
  ran(join(work, 'moved-1'), '--dataset', a);
  ran(join(work, 'moved-2'), '--dataset', b);
  const config = (dir: string) => JSON.parse(readFileSync(join(work, dir, 'campaign.json'), 'utf8'));
  assert.equal(config('moved-1').attack.search.options.prior.train, a, 'trained on the campaign dataset');
  assert.equal(config('moved-1').campaignId, config('moved-2').campaignId);
  // The same campaign, so resuming it with the other path is no conflict.
  const r = quiverSync(work, ...base, '--dataset', b, '--out', join(work, 'moved-1'));
  assert.equal(r.code, 0, r.stderr);
});
