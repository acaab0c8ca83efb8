import { test } from 'node:test';
import assert, { AssertionError } from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Evaluated, SearchMethod, Target } from '../index.js';
import { repoRoot } from '../testing/cli.js';
import { constantModel, keywordModel } from './fixtures/keyword-model.js';
import { markedDiff } from './flip-report.js';
import { assertRobust } from './testing.js';

const text = 'The food was great and the staff were friendly.';
const typoOnly = { perturbations: ['typo'], stabilitySamples: 5 } as const;
/** A typo of "great" inside git-style word-diff markers. */
const markedTypo = /The food was \[-great-\]\{\+(\w+)\+\} and the staff were friendly\./;

async function assertionOf(p: Promise<unknown>): Promise<AssertionError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof AssertionError, `expected an AssertionError, got ${String(err)}`);
  return err;
}

test('markedDiff marks the changed words only', () => {
  assert.equal(markedDiff('a good film', 'a goood film'), 'a [-good-]{+goood+} film');
  assert.equal(markedDiff('first, then second', 'second, then first'), '[-first-]{+second+}, then [-second-]{+first+}');
});

test('a flip fails with both texts, their labels and scores, the marked words, the edit, the stability', async () => {
  const err = await assertionOf(assertRobust(keywordModel, text, typoOnly));
  const typo = markedTypo.exec(err.message)?.[1];
  assert.ok(typo !== undefined && typo !== 'great', err.message);
  assert.match(err.message, /^keyword-model is not robust: 1 edit flips "positive" to "negative" \(seed 42\)\n/);
  assert.match(err.message, /original {2}positive \(positive 0\.90, negative 0\.10\)\n {4}The food was great and/);
  assert.match(
    err.message,
    new RegExp(`perturbed negative \\(negative 0\\.70, positive 0\\.30\\)\\n {4}The food was ${typo} and`),
  );
  assert.match(err.message, new RegExp(`edit {6}typo: "great" -> "${typo}" \\(word 4\\)`));
  assert.match(err.message, /stability \d\.\d\d \(\d of 5 random perturbations keep "positive"\)/);
  // What runners that diff (Vitest, Jest) show as expected and received.
  assert.equal(err.expected, `positive: ${text}`);
  assert.equal(err.actual, `negative: ${text.replace('great', typo)}`);
  assert.equal(err.operator, 'assertRobust');
});

test('a model that no perturbation flips passes, and the record comes back', async () => {
  const r = await assertRobust(constantModel, text, typoOnly);
  assert.equal(r.status, 'failed');
  assert.equal(r.stability, 1);
});

test('a wrong answer on the original fails before any search; a throwing target rejects with its error', async () => {
  const err = await assertionOf(
    assertRobust(keywordModel, 'The food was cold.', { ...typoOnly, label: 'positive', message: 'cold food' }),
  );
  assert.match(err.message, /^cold food: keyword-model answers "negative" on the original text, expected "positive"/);
  const broken: Target = {
    id: 'broken',
    labels: ['negative', 'positive'],
    predict: async () => {
      throw new Error('model offline');
    },
  };
  const failure = await assertRobust(broken, text, { ...typoOnly, label: 'positive' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(failure instanceof Error && !(failure instanceof AssertionError), String(failure));
  assert.match(failure.message, /broken failed on "The food was great.*": .*model offline/);
});

test('minStability fails a model whose random perturbations flip it, even when the search found nothing', async () => {
  // A search that gives up at once: no flip, but the stability samples still hit "great".
  const noSearch: SearchMethod = { name: 'none', search: async (ctx): Promise<Evaluated> => ctx.original };
  const options = { perturbations: ['typo'], stabilitySamples: 20, search: noSearch } as const;
  const r = await assertRobust(keywordModel, 'great', options);
  assert.ok(r.status === 'failed' && r.stability !== null && r.stability < 0.5, JSON.stringify(r));
  const err = await assertionOf(assertRobust(keywordModel, 'great', { ...options, minStability: 0.9 }));
  assert.match(err.message, /^keyword-model is not stable enough: stability 0\.\d\d < 0\.9\n/);
});

/** The last lines a runner printed, for messages. */
const tail = (s: string) => s.split('\n').slice(-40).join('\n');

test('under node --test, the failing test prints the diff', () => {
  // Without this test runner's context variable, which would make the child a subtest reporter of this run.
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', join(repoRoot, 'src/api/fixtures/robust-node-test.ts')],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 120_000,
    },
  );
  assert.equal(r.status, 1, tail(r.stdout + r.stderr));
  assert.match(r.stdout, /✔ a model that ignores its input is robust/);
  assert.match(r.stdout, /✖ a keyword model flips on a typo/);
  assert.match(r.stdout, /AssertionError.*keyword-model is not robust/);
  assert.match(r.stdout, markedTypo);
  assert.match(r.stdout, /pass 1\n.*fail 1/s);
});

test('under the real Vitest, the failing test prints the diff and the expected and received answers', () => {
  const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
  const r = spawnSync(
    process.execPath,
    [vitest, 'run', '--root', join(repoRoot, 'src/api/fixtures/vitest'), '--no-cache'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
      timeout: 120_000,
    },
  );
  const out = r.stdout + r.stderr;
  assert.equal(r.status, 1, tail(out));
  assert.match(out, /Tests {2}1 failed \| 1 passed \(2\)/);
  assert.match(out, /AssertionError: keyword-model is not robust: 1 edit flips "positive" to "negative"/);
  assert.match(out, markedTypo);
  assert.match(out, /Expected: "positive: The food was great and the staff were friendly\."/);
  assert.match(out, /Received: "negative: The food was \w+ and the staff were friendly\."/);
  assert.match(out, /robust\.spec\.ts:\d+:\d+/, 'the failure points at the test line');
});
