/**
 * Overnight-campaign guarantees, end to end through the compiled CLI: crash-safe resume (SIGKILL at several moments),
 * graceful SIGINT, budgets, shards + merge, --force, dataset formats, status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rngFor } from '../core/rng.js';
import { comparable, exited, quiverChild, quiverSync, readRecords } from '../testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-campaign-'));
// A campaign long enough to be interrupted several times: the slower VADER model, all 120 demo reviews.
const campaign = ['run', '--target', 'local:vader', '--workers', '2'];

let reference: ReturnType<typeof comparable> | undefined;
function uninterrupted() {
  if (reference === undefined) {
    const out = join(work, 'reference');
    const r = quiverSync(work, ...campaign, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    reference = comparable(readRecords(out));
  }
  return reference;
}

function summaryOf(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
}

test('SIGKILL at several moments, then resume: the final results equal an uninterrupted run', async () => {
  const expected = uninterrupted();
  const out = join(work, 'killed');
  const rng = rngFor('kill-moments');
  let kills = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    // Killed during start-up (before campaign.json), there is nothing to resume: the original command starts it.
    const started = existsSync(join(out, 'campaign.json'));
    const args = attempt === 0 || !started ? [...campaign, '--out', out] : ['run', '--resume', out, '--workers', '2'];
    const child = quiverChild(work, ...args);
    const delay = 300 + Math.floor(rng() * 900);
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    const { signal } = await exited(child);
    clearTimeout(timer);
    if (signal !== 'SIGKILL') break; // finished before the kill landed
    kills++;
    // Whatever was written is whole records in dataset order: a prefix of the reference.
    const partial = existsSync(join(out, 'results.jsonl')) ? comparable(readRecords(out)) : [];
    assert.deepEqual(partial, expected.slice(0, partial.length));
  }
  assert.ok(kills >= 2, `only ${kills} kills landed; the campaign finished too fast to test`);
  const last = existsSync(join(out, 'campaign.json'))
    ? quiverSync(work, 'run', '--resume', out, '--workers', '2')
    : quiverSync(work, ...campaign, '--out', out);
  assert.equal(last.code, 0, last.stderr);
  const final = comparable(readRecords(out));
  assert.equal(new Set(final.map((r) => r.id)).size, final.length, 'no duplicate record');
  assert.deepEqual(final, expected);
  assert.equal(summaryOf(out).remaining, 0);
});

test('--resume on a folder killed during start-up (no campaign.json) says to run the original command', () => {
  const dir = join(work, 'never-started');
  mkdirSync(dir);
  const r = quiverSync(work, 'run', '--resume', dir);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    new RegExp(
      String.raw`never-started holds no campaign\.json: its campaign was stopped before it started; run the ` +
        'original quiver run command again',
    ),
  );
});

test('a torn last line is cut off on resume and the campaign completes', () => {
  const out = join(work, 'torn');
  assert.equal(quiverSync(work, 'run', '--limit', '6', '--out', out).code, 0);
  const lines = readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n');
  // Simulate a crash mid-write: drop the last two records and leave half of one.
  writeFileSync(join(out, 'results.jsonl'), `${lines.slice(0, 4).join('\n')}\n${lines[4]!.slice(0, 40)}`);
  const r = quiverSync(work, 'run', '--resume', out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n').length, 6);
  assert.deepEqual(
    readRecords(out).map((x) => x.index),
    [0, 1, 2, 3, 4, 5],
  );
});

test('first SIGINT stops gracefully: exit 130, summary with stopReason, a resumable prefix', async () => {
  const expected = uninterrupted();
  const out = join(work, 'sigint');
  const child = quiverChild(work, ...campaign, '--out', out);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  // Interrupt once the first records are on disk.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (
        existsSync(join(out, 'results.jsonl')) &&
        readFileSync(join(out, 'results.jsonl'), 'utf8').split('\n').length > 3
      ) {
        clearInterval(poll);
        child.kill('SIGINT');
        resolve();
      }
    }, 20);
  });
  const { code } = await exited(child);
  assert.equal(code, 130, stderr);
  assert.match(stderr, /SIGINT: finishing the examples in flight/);
  const s = summaryOf(out);
  assert.equal(s.stopReason, 'interrupted by SIGINT');
  assert.ok(s.remaining > 0);
  const partial = comparable(readRecords(out));
  assert.deepEqual(partial, expected.slice(0, partial.length));
  assert.equal(quiverSync(work, 'run', '--resume', out).code, 0);
  assert.deepEqual(comparable(readRecords(out)), expected);
});

test('budgets: --max-total-queries stops the campaign without overspending; a larger budget resumes it', () => {
  const out = join(work, 'budget');
  const r = quiverSync(work, 'run', '--max-queries', '150', '--max-total-queries', '1500', '--out', out, '--json');
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  // One count everywhere: every text sent (search, stability samples, verification), as the records add up.
  assert.equal(s.stopReason, `budget reached: --max-total-queries 1500 (${s.totalTextsSent} texts sent)`);
  assert.equal(
    s.totalTextsSent,
    readRecords(out).reduce((n, x) => n + x.textsSent!, 0),
  );
  assert.ok(s.totalTextsSent > s.totalUniqueQueries, 'stability samples and verifications are counted');
  assert.ok(s.totalTextsSent <= 1500, `${s.totalTextsSent} > 1500`);
  assert.ok(s.remaining > 0 && s.examples > 0);
  const again = quiverSync(work, 'run', '--resume', out, '--max-total-queries', '1000000', '--json');
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).remaining, 0);
  const t = quiverSync(work, 'run', '--limit', '50', '--max-time', '0s', '--out', join(work, 'budget-time'), '--json');
  assert.match(JSON.parse(t.stdout).stopReason, /--max-time/);
});

test('--dry-run estimates the campaign from a pilot and writes nothing', () => {
  const out = join(work, 'dry');
  const r = quiverSync(work, 'run', '--dry-run', '--json', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const e = JSON.parse(r.stdout);
  assert.equal(e.plannedExamples, 120);
  // at least --pilot; in-process: seconds of warm examples
  assert.ok(e.pilotExamples >= 12 && e.pilotExamples <= 120, String(e.pilotExamples));
  assert.equal(existsSync(out), false);
  // Against the real campaign (same configuration): queries within a factor of 2.
  const real = JSON.parse(quiverSync(work, 'run', '--json', '--out', join(work, 'dry-real')).stdout);
  const ratio = e.queries.expected / real.totalTextsSent;
  assert.ok(ratio > 0.5 && ratio < 2, `estimate ${e.queries.expected} vs ${real.totalTextsSent}`);
  assert.ok(e.wallMs.low <= e.wallMs.expected && e.wallMs.expected <= e.wallMs.high);
});

test('shards + merge equal the unsharded campaign; merge refuses mismatched folders', () => {
  const base = ['run', '--limit', '40', '--target', 'local:afinn'];
  assert.equal(quiverSync(work, ...base, '--out', join(work, 'whole')).code, 0);
  for (const i of [0, 1, 2])
    assert.equal(quiverSync(work, ...base, '--shard', `${i}/3`, '--out', join(work, `shard${i}`)).code, 0);
  const sizes = [0, 1, 2].map((i) => readRecords(join(work, `shard${i}`)).length);
  assert.equal(
    sizes.reduce((a, b) => a + b, 0),
    40,
  );
  assert.ok(
    sizes.every((n) => n > 0),
    String(sizes),
  );
  const m = quiverSync(
    work,
    'merge',
    join(work, 'shard0'),
    join(work, 'shard1'),
    join(work, 'shard2'),
    '--out',
    join(work, 'merged'),
  );
  assert.equal(m.code, 0, m.stderr);
  assert.deepEqual(comparable(readRecords(join(work, 'merged'))), comparable(readRecords(join(work, 'whole'))));
  const { elapsedMs: _a, ...whole } = summaryOf(join(work, 'whole'));
  assert.deepEqual(summaryOf(join(work, 'merged')), whole);
  assert.equal(quiverSync(work, ...base, '--shard', '0/3', '--seed', '9', '--out', join(work, 'shard0-other')).code, 0);
  const bad = quiverSync(
    work,
    'merge',
    join(work, 'shard0-other'),
    join(work, 'shard1'),
    '--out',
    join(work, 'merged-bad'),
  );
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /ran a different campaign.*seed/);
  const dup = quiverSync(work, 'merge', join(work, 'shard1'), join(work, 'shard1'), '--out', join(work, 'merged-dup'));
  assert.equal(dup.code, 2);
  assert.match(dup.stderr, /are both shard 1/);
});

test('same command on the same --out resumes; a different one is refused; --force sets the old one aside', () => {
  const out = join(work, 'again');
  assert.equal(quiverSync(work, 'run', '--limit', '3', '--out', out).code, 0);
  const before = readFileSync(join(out, 'results.jsonl'), 'utf8');
  const same = quiverSync(work, 'run', '--limit', '3', '--out', out);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stderr, /resuming: 3 already done/);
  assert.equal(readFileSync(join(out, 'results.jsonl'), 'utf8'), before);
  const other = quiverSync(work, 'run', '--limit', '3', '--search', 'greedy-wir', '--out', out);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /holds a different campaign \(search: .*\); resume it with --resume/);
  const conflict = quiverSync(work, 'run', '--resume', out, '--search', 'greedy-wir');
  assert.equal(conflict.code, 2);
  assert.match(conflict.stderr, /--search conflicts with the campaign/);
  const forced = quiverSync(work, 'run', '--limit', '3', '--search', 'greedy-wir', '--out', out, '--force');
  assert.equal(forced.code, 0, forced.stderr);
  const aside = readdirSync(work).filter((f) => f.startsWith('again.replaced-'));
  assert.equal(aside.length, 1);
  assert.equal(readFileSync(join(work, aside[0]!, 'results.jsonl'), 'utf8'), before);
  assert.equal(quiverSync(work, 'run', '--resume', join(work, 'nothing-here')).code, 2);
});

test('CSV with column mapping, --skip-invalid counted, status of a finished campaign', () => {
  const csv = join(work, 'reviews.csv');
  writeFileSync(
    csv,
    'review,stars\n"Great food, lovely staff.",positive\n"Awful, cold and slow.",negative\nbroken row without ' +
      'label\n"Fine ""little"" cafe",positive\n',
  );
  const out = join(work, 'csv');
  const strict = quiverSync(
    work,
    'run',
    '--dataset',
    csv,
    '--text-field',
    'review',
    '--label-field',
    'stars',
    '--out',
    out,
  );
  assert.equal(strict.code, 2);
  assert.match(strict.stderr, /reviews\.csv:4: field "\(line\)": has 1 columns, the header has 2/);
  const r = quiverSync(
    work,
    'run',
    '--dataset',
    csv,
    '--text-field',
    'review',
    '--label-field',
    'stars',
    '--skip-invalid',
    '--out',
    out,
    '--json',
  );
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.examples, 3);
  assert.equal(s.invalidLines, 1);
  assert.equal(readRecords(out)[2]!.original!.text, 'Fine "little" cafe');
  const st = quiverSync(work, 'status', out, '--json');
  assert.equal(st.code, 0, st.stderr);
  const status = JSON.parse(st.stdout);
  assert.equal(status.state, 'finished');
  assert.equal(status.done, 3);
  assert.match(quiverSync(work, 'status', out).stdout, /finished/);
});

test('an unwritable output folder is a clear error', () => {
  const file = join(work, 'a-file');
  appendFileSync(file, 'x');
  const r = quiverSync(work, 'run', '--limit', '1', '--out', join(file, 'sub'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot create output folder/);
});

test('presets fill what the user did not set', () => {
  const out = join(work, 'smoke');
  const r = quiverSync(work, 'run', '--preset', 'smoke', '--out', out, '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).examples, 20);
  const c = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
  assert.equal(c.preset, 'smoke');
  assert.equal(c.attack.maxQueries, 300);
  assert.equal(c.attack.search.options.beamWidth, 2);
  const own = quiverSync(work, 'run', '--preset', 'smoke', '--limit', '5', '--out', join(work, 'smoke5'), '--json');
  assert.equal(JSON.parse(own.stdout).examples, 5);
  assert.equal(quiverSync(work, 'run', '--preset', 'huge', '--out', join(work, 'x')).code, 2);
});
