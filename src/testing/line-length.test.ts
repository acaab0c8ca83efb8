import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { longLines } from './line-length.js';

test('longLines: lines over the limit in .ts and .mjs files of the given folders, counted in characters', () => {
  const root = mkdtempSync(join(tmpdir(), 'line-length-'));
  mkdirSync(join(root, 'src', 'deep', 'node_modules'), { recursive: true });
  mkdirSync(join(root, 'other'));
  const at = (n: number) => 'x'.repeat(n);
  writeFileSync(join(root, 'src', 'a.ts'), `${at(10)}\n${at(11)}\n${at(10)}\r\n`);
  writeFileSync(join(root, 'src', 'deep', 'b.mjs'), `${'é😀'.repeat(5)}\n${'é😀'.repeat(5)}x\n`);
  writeFileSync(join(root, 'src', 'deep', 'c.json'), `${at(40)}\n`);
  writeFileSync(join(root, 'src', 'deep', 'node_modules', 'd.ts'), `${at(40)}\n`);
  writeFileSync(join(root, 'other', 'e.ts'), `${at(40)}\n`);
  assert.deepEqual(longLines(root, ['src', 'missing'], 10), [
    { file: join('src', 'a.ts'), line: 2, length: 11 },
    { file: join('src', 'deep', 'b.mjs'), line: 2, length: 11 },
  ]);
  assert.deepEqual(longLines(root, ['src'], 11), []);
});
