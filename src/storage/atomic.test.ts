import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';

test('writeFileAtomic replaces a file whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-atomic-'));
  writeFileAtomic(join(dir, 'a.json'), 'one');
  writeFileAtomic(join(dir, 'a.json'), 'two');
  assert.equal(readFileSync(join(dir, 'a.json'), 'utf8'), 'two');
  assert.deepEqual(readdirSync(dir), ['a.json']);
});

test('a write that fails names the file and leaves no temporary file behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-atomic-'));
  // A folder in the way: the temporary file is written, then the rename fails (EISDIR), a real failure after the
  // point where a full disk used to leave a 0-byte summary.json.<pid>.tmp.
  const path = join(dir, 'summary.json');
  mkdirSync(path);
  assert.throws(
    () => writeFileAtomic(path, '{}'),
    (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.match(
        e.message,
        new RegExp(`^cannot write to ${path.replace(/[.]/g, '\\.')}: a folder is in the way \\(EISDIR\\)`),
      );
      return true;
    },
  );
  assert.deepEqual(readdirSync(dir), ['summary.json'], 'no summary.json.<pid>.tmp left');
});
