/** A campaign folder that cannot be written, through the compiled CLI: exit 2 naming the path, nothing attacked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quiverSync } from '../testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-unwritable-'));
const asRoot = process.getuid?.() === 0;

test('a read-only --out folder: exit 2, the message names the file and EACCES', {
  skip: asRoot && 'running as root: a read-only mode does not stop root from writing (see the /proc case)',
}, () => {
  const out = join(work, 'read-only');
  mkdirSync(out);
  chmodSync(out, 0o555);
  try {
    const r = quiverSync(work, 'run', '--target', 'local:afinn', '--limit', '2', '--out', out);
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `quiver: error: cannot write in ${out}: ${out}/\\.lock: permission denied \\(EACCES\\); choose another --out`,
      ),
    );
    assert.deepEqual(readdirSync(out), []);
  } finally {
    chmodSync(out, 0o755);
  }
});

test('an --out folder where no file can be created (/proc/self, even for root): exit 2 naming the path', () => {
  const r = quiverSync(work, 'run', '--target', 'local:afinn', '--limit', '2', '--out', '/proc/self');
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /quiver: error: cannot write in \/proc\/self: \/proc\/self\/\.lock: .*\((ENOENT|EACCES)\); choose another --out/,
  );
  assert.doesNotMatch(r.stderr, /unexpected error/);
});
