/**
 * Partial merges never pass for complete ones: unfinished or missing shards are refused unless --allow-incomplete
 * (then the summary says `remaining`), a merge killed half-way leaves nothing under the destination's name, and
 * export, report and compare warn about an incomplete campaign.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, quiverChild, quiverSync, readRecords } from '../testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-merge-'));
const base = ['run', '--target', 'local:afinn', '--limit', '24', '--workers', '1'];
const at = (name: string) => join(work, name);
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

function ran(name: string, ...args: string[]): void {
  const r = quiverSync(work, ...base, ...args, '--out', at(name));
  assert.equal(r.code, 0, r.stderr);
}

test('shards that stopped half-way, were killed or are missing are refused; --allow-incomplete marks the merge', () => {
  ran('s0', '--shard', '0/2');
  ran('s1', '--shard', '1/2', '--max-total-queries', '30');
  assert.ok(summaryOf(at('s1')).remaining > 0);
  const stopped = quiverSync(work, 'merge', at('s0'), at('s1'), '--out', at('m-stopped'));
  assert.equal(stopped.code, 2, stopped.stderr);
  assert.match(
    stopped.stderr,
    /s1: \d+ of \d+ planned examples have a record \(stopped: budget reached.*--allow-incomplete/,
  );
  assert.equal(existsSync(join(at('m-stopped'), 'results.jsonl')), false);

  const missing = quiverSync(work, 'merge', at('s0'), '--out', at('m-missing'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /shard\(s\) 1 of 2 missing/);

  const partial = quiverSync(
    work,
    'merge',
    at('s0'),
    at('s1'),
    '--out',
    at('m-partial'),
    '--allow-incomplete',
    '--json',
  );
  assert.equal(partial.code, 0, partial.stderr);
  assert.match(partial.stderr, /warning: the merged campaign is incomplete/);
  const s = JSON.parse(partial.stdout);
  assert.equal(s.remaining, 24 - s.examples);
  assert.ok(s.remaining > 0);
  assert.match(s.stopReason, /merged with --allow-incomplete/);
  assert.deepEqual(summaryOf(at('m-partial')), s);

  for (const [cmd, ...args] of [
    ['export', '--format', 'jsonl'],
    ['report', '--html', at('r.html')],
  ] as const) {
    const r = quiverSync(work, cmd, at('m-partial'), ...args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`quiver ${cmd}: warning: .*m-partial is incomplete: \\d+ of 24 planned examples have a record`),
    );
  }
  ran('whole');
  const compared = quiverSync(work, 'compare', at('whole'), at('s1'), '--intersection', '--no-transfer');
  assert.equal(compared.code, 0, compared.stderr);
  assert.match(compared.stderr, /quiver compare: warning: .*s1 is incomplete/);
  assert.doesNotMatch(compared.stderr, /whole is incomplete/);
  assert.doesNotMatch(quiverSync(work, 'export', at('whole'), '--format', 'jsonl').stderr, /warning/);

  // A shard killed before it wrote its summary.
  ran('s1-done', '--shard', '1/2');
  rmSync(join(at('s1-done'), 'summary.json'));
  const killed = quiverSync(work, 'merge', at('s0'), at('s1-done'), '--out', at('m-killed'));
  assert.equal(killed.code, 2);
  assert.match(killed.stderr, /s1-done: it has no summary\.json/);
});

test('a merge killed half-way leaves no partial campaign under the destination name', async () => {
  // One big finished campaign to merge (made-up ids, same campaign), so the merge takes a while to write.
  ran('big', '--limit', '1');
  const [record] = readRecords(at('big'));
  const n = 20000;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ ...record, id: `x${i}`, index: i }));
  writeFileSync(join(at('big'), 'results.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(at('big'), 'summary.json'),
    JSON.stringify({ ...summaryOf(at('big')), examples: n, remaining: 0 }),
  );
  const out = at('m-big');
  const child = quiverChild(work, 'merge', at('big'), '--out', out);
  // Kill it as soon as it has started writing anything.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (existsSync(join(out, 'campaign.json')) || readdirSync(work).some((f) => f.startsWith('m-big.merging-'))) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 2);
  });
  const { signal } = await exited(child);
  assert.equal(signal, 'SIGKILL', 'the merge finished before it could be killed');
  assert.equal(existsSync(join(out, 'campaign.json')), false, 'a partial merge is visible under the destination name');
  assert.equal(existsSync(join(out, 'results.jsonl')), false);
  // Merging again completes.
  const again = quiverSync(work, 'merge', at('big'), '--out', out, '--json');
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).remaining, 0);
  assert.equal(readRecords(out).length, n);
});
