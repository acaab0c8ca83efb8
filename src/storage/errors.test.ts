import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { fsProblem, setupWriteError, StorageError } from './errors.js';

/** The error a real fs call throws, for the formatting under test. */
function caught(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

test('a full disk (a real ENOSPC from /dev/full) is named with its path; Node alone names none', () => {
  const fd = openSync('/dev/full', 'w');
  const enospc = caught(() => writeSync(fd, 'x'));
  closeSync(fd);
  assert.equal((enospc as NodeJS.ErrnoException).code, 'ENOSPC');
  assert.equal(fsProblem(enospc), 'no space left on device (ENOSPC)');
  const e = setupWriteError('/runs/x', '/runs/x/results.jsonl', enospc);
  assert.ok(e instanceof StorageError, 'a full disk is not a usage error');
  assert.equal(
    e.message,
    'cannot write to /runs/x/results.jsonl: no space left on device (ENOSPC); nothing was attacked yet',
  );
});

test('a folder that cannot be written is a usage error (exit 2) naming the folder and the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-errors-'));
  writeFileSync(join(dir, 'file'), '');
  // A real ENOTDIR: a path under a file (works as root too, where a read-only mode does not stop writes).
  const enotdir = caught(() => writeFileSync(join(dir, 'file', '.lock'), ''));
  const e = setupWriteError(join(dir, 'file'), join(dir, 'file', '.lock'), enotdir);
  assert.ok(e instanceof ConfigError);
  assert.equal(
    e.message,
    `cannot write in ${dir}/file: ${dir}/file/.lock: a part of the path is not a folder (ENOTDIR); choose another ` +
      `--out or make the folder writable`,
  );
  const wrapped = setupWriteError('/x', '/x/campaign.json', new StorageError('/x/campaign.json', enotdir, 'unchanged'));
  assert.ok(wrapped instanceof ConfigError, 'a StorageError from an atomic write is judged by its cause');
});
