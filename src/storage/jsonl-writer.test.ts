import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlWriter, StorageError } from './jsonl-writer.js';

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

test('a full disk is a clear error that says what is safe', { skip: !existsSync('/dev/full') && 'no /dev/full here' }, () => {
  const w = new JsonlWriter('/dev/full');
  assert.throws(() => w.append({ a: 1 }), (e: unknown) => e instanceof StorageError && /cannot write to \/dev\/full: .*ENOSPC.*the 0 record\(s\) written before are safe/.test((e as Error).message));
  w.close();
});
