import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageError } from './errors.js';
import { JsonlWriter } from './jsonl-writer.js';

test('appends whole lines and counts them', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'quiver-writer-')), 'r.jsonl');
  const w = new JsonlWriter(path);
  w.append({ a: 1 });
  w.append({ b: 'é\n' });
  w.close();
  assert.equal(readFileSync(path, 'utf8'), '{"a":1}\n{"b":"é\\n"}\n');
  assert.equal(w.written, 2);
  assert.throws(() => w.append({}), /closed/);
});

test('a full disk is a clear error that says what is safe', {
  skip: !existsSync('/dev/full') && 'no /dev/full here',
}, () => {
  const w = new JsonlWriter('/dev/full');
  assert.throws(
    () => w.append({ a: 1 }),
    (e: unknown) =>
      e instanceof StorageError &&
      /cannot write to \/dev\/full: .*ENOSPC.*the 0 record\(s\) written before are safe/.test((e as Error).message),
  );
  w.close();
});

test('many appends in a row keep every line whole and in order; close can be called twice', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'quiver-writer-')), 'r.jsonl');
  const w = new JsonlWriter(path);
  for (let i = 0; i < 500; i++) {
    w.append({ i });
    // Let some background syncs start and finish between appends.
    if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  w.close();
  w.close();
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => (JSON.parse(l) as { i: number }).i),
    [...Array(500).keys()],
  );
});

test('what a record reported as done is in the file at once, before any sync (a killed process keeps it)', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'quiver-writer-')), 'r.jsonl');
  const w = new JsonlWriter(path);
  w.append({ a: 1 });
  // Read through another descriptor while the writer is still open and its background sync may not have run.
  assert.equal(readFileSync(path, 'utf8'), '{"a":1}\n');
  w.close();
});

test('a failed background sync is reported by the next append and by close, with what is safe', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'quiver-writer-')), 'r.jsonl');
  const eio = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
  const w = new JsonlWriter(path, (_fd, done) => setImmediate(() => done(eio)));
  w.append({ a: 1 });
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  assert.throws(
    () => w.append({ b: 2 }),
    (e: unknown) =>
      e instanceof StorageError && /EIO.*the 1 record\(s\) written before are safe/.test((e as Error).message),
  );
  assert.throws(
    () => w.close(),
    (e: unknown) => e instanceof StorageError && /EIO/.test((e as Error).message),
  );
  // Nothing written was lost or torn.
  assert.equal(readFileSync(path, 'utf8'), '{"a":1}\n');
});
