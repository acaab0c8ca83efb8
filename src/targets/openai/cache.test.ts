import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheKey, MAX_ENTRY_BYTES, ResponseCache, type CacheEntry } from './cache.js';

function entry(content: string, text: string): CacheEntry {
  const key = cacheKey('http://127.0.0.1:1/v1', { text });
  return {
    version: 1,
    key,
    sample: 0,
    request: { text },
    answer: { content, firstTokenTopLogprobs: null },
    usage: { promptTokens: 1, completionTokens: 1 },
  };
}

test('the response cache keeps ordinary answers, skips one over its cap: runaway answers never fill disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-cache-cap-'));
  const cache = new ResponseCache(dir);
  const small = entry('positive', 'a');
  const huge = entry('x'.repeat(5 * 1024 * 1024), 'b');
  await cache.put(small);
  await cache.put(huge);
  assert.deepEqual(await cache.get(small.key, 0), small);
  assert.equal(await cache.get(huge.key, 0), undefined, 'a 5 MB answer is used but not stored');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  assert.equal(files.length, 1, 'no temporary file left behind either');
  assert.ok(MAX_ENTRY_BYTES >= 16 * 1024 && MAX_ENTRY_BYTES <= 1024 * 1024);
});
