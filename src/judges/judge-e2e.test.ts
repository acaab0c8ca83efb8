/**
 * The judge end to end through the compiled CLI: an `openai:` judge against `quiver serve --judge-rule` over real
 * HTTP (verdicts, judged-invalid records, usage, the answer cache, budgets, resume identity), and a `module:` judge
 * (reject levels, the release preset, a failing judge).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultRecord } from '../contracts/record.js';
import { cliPath, readRecords, serveChild } from '../testing/cli.js';
import { validityChecks } from '../validity/checks.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-judge-e2e-'));
const moduleJudge = `module:${join(import.meta.dirname, 'fixtures', 'marker-judge.mjs')}`;
const campaign = ['run', '--limit', '20', '--workers', '2', '--stability-samples', '0', '--perturb', 'typo,synonym'];

function quiver(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
const byId = (records: ResultRecord[]) => new Map(records.map((r) => [r.id, r]));
const without = (records: ResultRecord[]) =>
  records.map(({ elapsedMs: _e, usage: _u, validity, ...rest }) => {
    const { usage: _ju, ...judge } = validity?.judge ?? {};
    return { ...rest, validity: validity === undefined ? null : { ...validity, judge } };
  });

/** The flips of the campaign without a judge, and one edited word of each: what the judges are told to reject. */
let baseline: { flips: ResultRecord[]; marker: (r: ResultRecord) => string } | undefined;
function flipsWithoutJudge() {
  if (baseline === undefined) {
    const r = quiver({}, ...campaign, '--out', join(work, 'plain'));
    assert.equal(r.code, 0, r.stderr);
    const flips = readRecords(join(work, 'plain')).filter((x) => x.status === 'succeeded');
    const marker = (x: ResultRecord) => x.edits.map((e) => e.to).find((w) => /^\p{L}+$/u.test(w))!;
    assert.ok(
      flips.length >= 3 && flips.slice(0, 3).every((f) => marker(f) !== undefined),
      'flips with a one-word edit',
    );
    assert.ok(
      !flips.slice(1).some((f) => new RegExp(`\\b${marker(flips[0]!)}\\b`, 'i').test(f.adversarial!.text)),
      'the marker picks one flip',
    );
    baseline = { flips, marker };
  }
  return baseline;
}

test('e2e: an openai: judge over HTTP rejects the marked flip, counts usage, replays, joins the identity', async () => {
  const { flips, marker } = flipsWithoutJudge();
  const rejected = flips[0]!;
  const server = await serveChild(work, '--judge-rule', `invalid=${marker(rejected)}`);
  try {
    const judge = ['--judge', 'openai:local-wink', '--judge-base-url', server.url, '--cache-dir', join(work, 'cache')];
    const first = quiver({}, ...campaign, ...judge, '--out', join(work, 'judged'));
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Judged flips +\d+: \d+ valid, 0 questionable, 1 invalid, 0 error/);
    assert.match(first.stdout, /Valid flip rate/);
    const records = readRecords(join(work, 'judged'));
    const got = byId(records);

    const r = got.get(rejected.id)!;
    assert.equal(r.status, 'failed');
    assert.equal(r.reason, 'judged-invalid');
    assert.equal(r.validity!.judge!.verdict, 'invalid');
    assert.match(r.validity!.judge!.answer!, new RegExp(`contains "${marker(rejected)}"`));
    for (const f of flips.slice(1)) {
      assert.equal(got.get(f.id)!.status, 'succeeded', f.id);
      assert.equal(got.get(f.id)!.validity!.judge!.verdict, 'valid');
    }
    // Every judged record lists the campaign's checks, as derived from its campaign.json.
    const expectedChecks = validityChecks(
      JSON.parse(readFileSync(join(work, 'judged', 'campaign.json'), 'utf8')).attack,
    );
    assert.ok(expectedChecks.includes('verified') && expectedChecks.includes('stopwords'));
    for (const x of records) {
      if (x.validity?.judge === undefined) continue;
      assert.deepEqual(x.validity.checks, expectedChecks);
      assert.ok(x.validity.judge.usage!.promptTokens > 0, 'judge usage per record');
      assert.deepEqual(x.usage, x.validity.judge.usage, 'a local target: the judge is all the record spent');
    }
    // One request per flip, counted in the summary.
    const stats = (await (await fetch(server.url.replace(/\/v1$/, '/quiver/stats'))).json()) as { completions: number };
    assert.equal(stats.completions, flips.length);
    const s = summaryOf(join(work, 'judged'));
    assert.equal(s.validity.judge.judged, flips.length);
    assert.equal(s.validity.judge.rejected, 1);
    assert.equal(s.succeeded, flips.length - 1);
    assert.equal(s.validity.judge.validFlipRate, (flips.length - 1) / (s.succeeded + s.failed));
    assert.equal(
      s.usage.promptTokens,
      records.reduce((n, x) => n + (x.validity?.judge?.usage?.promptTokens ?? 0), 0),
    );

    // The same command again: every verdict comes from the cache, no request reaches the endpoint.
    const again = quiver({}, ...campaign, ...judge, '--out', join(work, 'judged-again'));
    assert.equal(again.code, 0, again.stderr);
    const after = (await (await fetch(server.url.replace(/\/v1$/, '/quiver/stats'))).json()) as { completions: number };
    assert.equal(after.completions, stats.completions, 'the second run sent no judge request');
    assert.deepEqual(without(readRecords(join(work, 'judged-again'))), without(records));
    assert.equal(summaryOf(join(work, 'judged-again')).usage.promptTokens, 0);

    // The judge is part of the campaign's identity.
    const stricter = quiver({}, ...campaign, ...judge, '--judge-reject', 'questionable', '--out', join(work, 'judged'));
    assert.equal(stricter.code, 2);
    assert.match(stricter.stderr, /holds a different campaign \(judge: /);
    const unjudged = quiver({}, ...campaign, '--out', join(work, 'judged'));
    assert.equal(unjudged.code, 2);
    assert.match(unjudged.stderr, /judge: \{.*\} in the campaign, null now/);
    const resumed = quiver({}, 'run', '--resume', join(work, 'judged'), '--judge-reject', 'questionable');
    assert.equal(resumed.code, 2);
    assert.match(resumed.stderr, /--judge-reject conflicts with the campaign/);
    const same = quiver({}, 'run', '--resume', join(work, 'judged'));
    assert.equal(same.code, 0, same.stderr);

    // Judging spends the campaign's budget: with a local target, only the judge uses tokens.
    const capped = quiver(
      {},
      ...campaign,
      '--workers',
      '1',
      ...judge.slice(0, 4),
      '--no-cache',
      '--max-tokens',
      '1',
      '--out',
      join(work, 'capped'),
    );
    assert.equal(capped.code, 0, capped.stderr);
    const cs = summaryOf(join(work, 'capped'));
    assert.match(cs.stopReason, /--max-tokens 1 \(\d+ used\)/);
    assert.ok(cs.remaining > 0);
    assert.equal(cs.validity.judge.judged, 1);
  } finally {
    await server.stop();
  }
});

test('e2e: module: judge; questionable rejects only when asked (or preset release); failing judge: unjudged', () => {
  const { flips, marker } = flipsWithoutJudge();
  const [bad, odd, failing] = [flips[0]!, flips[1]!, flips[2]!];
  const log = join(work, 'judge-calls.log');
  const env = {
    QUIVER_TEST_JUDGE_INVALID: marker(bad),
    QUIVER_TEST_JUDGE_QUESTIONABLE: marker(odd),
    QUIVER_TEST_JUDGE_THROW: marker(failing),
    QUIVER_TEST_JUDGE_LOG: log,
  };
  const lenient = quiver(env, ...campaign, '--judge', moduleJudge, '--out', join(work, 'module'));
  assert.equal(lenient.code, 0, lenient.stderr);
  const got = byId(readRecords(join(work, 'module')));
  assert.equal(got.get(bad.id)!.reason, 'judged-invalid');
  assert.deepEqual(got.get(bad.id)!.validity!.judge, {
    spec: moduleJudge,
    verdict: 'invalid',
    answer: `contains ${marker(bad)}`,
  });
  assert.equal(got.get(odd.id)!.status, 'succeeded');
  assert.equal(got.get(odd.id)!.validity!.judge!.verdict, 'questionable');
  assert.equal(got.get(failing.id)!.status, 'succeeded', 'a judge error never rejects...');
  assert.equal(got.get(failing.id)!.validity!.judge!.verdict, 'error', '...and never passes as valid');
  assert.match(got.get(failing.id)!.validity!.judge!.answer!, /judge failed: marker judge: asked to fail/);
  assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, flips.length, 'one judge call per flip');
  const s = summaryOf(join(work, 'module')).validity.judge;
  assert.deepEqual(s.verdicts, { valid: flips.length - 3, questionable: 1, invalid: 1, error: 1 });
  assert.equal(s.usage, undefined, 'an in-process judge costs nothing');

  const strict = quiver(
    env,
    ...campaign,
    '--judge',
    moduleJudge,
    '--judge-reject',
    'questionable',
    '--out',
    join(work, 'module-strict'),
  );
  assert.equal(strict.code, 0, strict.stderr);
  assert.equal(byId(readRecords(join(work, 'module-strict'))).get(odd.id)!.reason, 'judged-invalid');

  const release = quiver(
    env,
    'run',
    '--preset',
    'release',
    '--limit',
    '2',
    '--judge',
    moduleJudge,
    '--out',
    join(work, 'release'),
  );
  assert.equal(release.code, 0, release.stderr);
  assert.equal(
    JSON.parse(readFileSync(join(work, 'release', 'campaign.json'), 'utf8')).attack.judge.reject,
    'questionable',
  );
});

test('e2e: judge flags are checked before anything runs (exit 2)', () => {
  const cases: [string[], RegExp][] = [
    [['--judge-reject', 'questionable'], /--judge-reject needs --judge/],
    [['--judge', 'local:wink'], /unknown judge "local:wink"; valid judges: openai:<model>, module:<path>/],
    [['--judge', 'module:./nope.mjs'], /judge module not found: .*nope\.mjs/],
    [
      ['--judge', moduleJudge, '--judge-base-url', 'http://127.0.0.1:1/v1'],
      /--judge-base-url only applies to openai:<model> judges/,
    ],
    [
      [
        '--judge',
        'openai:x',
        '--judge-base-url',
        'http://example.invalid/v1',
        '--judge-api-key-env',
        'QUIVER_NO_SUCH_KEY_VAR',
      ],
      /QUIVER_NO_SUCH_KEY_VAR is not set.*--judge-api-key-env NAME/,
    ],
  ];
  for (const [flags, message] of cases) {
    const r = quiver({}, 'run', '--limit', '1', ...flags, '--out', join(work, 'never'));
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});
