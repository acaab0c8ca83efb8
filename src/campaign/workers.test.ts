/** Worker-count limits through the compiled CLI: a cap on threads, and never more threads than examples to attack. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { quiverSync } from '../testing/cli.js';
import { poolSize } from './workers.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-workers-'));
const cap = availableParallelism() * 2;
// One above the cap: enough to cross it without starting hundreds of threads should the cap be missing.
const tooMany = String(cap + 1);

test('--workers above the cap (2 x cores) is a usage error naming the cap; nothing is written', () => {
  const out = join(work, 'refused');
  const r = quiverSync(work, 'run', '--target', 'local:afinn', '--limit', '2', '--workers', tooMany, '--out', out);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `quiver: error: --workers ${tooMany} is above the cap of ${cap} \\(2 x ${cap / 2} cores\\); pass ` +
        `--allow-many-workers`,
    ),
  );
  assert.equal(existsSync(out), false);
});

test('--allow-many-workers lifts the cap, and the pool never has more threads than examples to attack', () => {
  const r = quiverSync(
    work,
    'run',
    '--target',
    'local:afinn',
    '--limit',
    '2',
    '--workers',
    tooMany,
    '--allow-many-workers',
    '--out',
    join(work, 'two'),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /quiver: attacking 2 examples with abs against local:afinn on 2 worker\(s\)/);
});

test('poolSize: the requested threads, at most one per example left, at least one', () => {
  assert.equal(poolSize(8, 2), 2);
  assert.equal(poolSize(2, 120), 2);
  assert.equal(poolSize(4, 0), 1, 'a resumed campaign with nothing left still starts a pool of one');
});
