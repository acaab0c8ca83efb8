import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cutTornTail, forEachRecord } from './results-file.js';

const dir = mkdtempSync(join(tmpdir(), 'quiver-results-'));

test('reads records across 1 MiB chunk boundaries, including multi-byte text', () => {
  const path = join(dir, 'big.jsonl');
  const lines = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify({ id: `r${i}`, text: `é😀 ${'x'.repeat(i % 900)}` }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  const ids: string[] = [];
  forEachRecord(path, (r) => ids.push(r.id));
  assert.equal(ids.length, 3000);
  assert.equal(ids[2999], 'r2999');
});

test('a corrupt line in the middle names file and line', () => {
  const path = join(dir, 'bad.jsonl');
  writeFileSync(path, '{"id":"a"}\n{oops\n{"id":"b"}\n');
  assert.throws(() => forEachRecord(path, () => {}), /bad\.jsonl:2: corrupt record/);
});

test('cutTornTail removes only a partial last line', () => {
  const path = join(dir, 'torn.jsonl');
  writeFileSync(path, '{"id":"a"}\n{"id":"b"}\n{"id":');
  assert.equal(cutTornTail(path), 6);
  assert.equal(readFileSync(path, 'utf8'), '{"id":"a"}\n{"id":"b"}\n');
  assert.equal(cutTornTail(path), 0);
  writeFileSync(path, 'no newline at all');
  assert.equal(cutTornTail(path), 17);
  assert.equal(readFileSync(path, 'utf8'), '');
});
