import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, ConfigError } from '../core/errors.js';
import { loadDataset } from './dataset.js';

const labels = ['negative', 'positive'];
const dir = mkdtempSync(join(tmpdir(), 'quiver-dataset-'));
function file(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

test('reads examples, ids, limit, sha256; blank lines are skipped', async () => {
  const p = file('ok.jsonl', '{"id":"a","text":"good","label":"positive"}\n\n{"text":"bad","label":"negative"}\n{"id":7,"text":"x","label":"negative"}\n');
  const d = await loadDataset(p, { labels, limit: 2 });
  assert.equal(d.total, 3);
  assert.deepEqual(d.examples, [
    { id: 'a', index: 0, text: 'good', label: 'positive' },
    { id: 'line-3', index: 1, text: 'bad', label: 'negative' },
  ]);
  assert.match(d.sha256, /^[0-9a-f]{64}$/);
});

const bad: [string, string, RegExp][] = [
  ['not json', '{"text":"a","label":"positive"}\n{oops\n', /bad-0\.jsonl:2: field "\(line\)": not valid JSON/],
  ['no text', '{"label":"positive"}\n', /:1: field "text": missing/],
  ['text not a string', '{"text":3,"label":"positive"}\n', /:1: field "text": must be a string/],
  ['unknown label', '{"text":"a","label":"neutral"}\n', /:1: field "label": "neutral" is not a label of the target \(its labels: negative, positive\)/],
  ['duplicate id', '{"id":"a","text":"a","label":"positive"}\n{"id":"a","text":"b","label":"positive"}\n', /:2: field "id": duplicate id "a" \(first on line 1\)/],
  ['array line', '[1,2]\n', /:1: field "\(line\)": expected a JSON object/],
];
bad.forEach(([name, body, re], k) => {
  test(`bad input names file, line and field: ${name}`, async () => {
    const p = file(`bad-${k}.jsonl`, body);
    await assert.rejects(loadDataset(p, { labels, limit: null }), (err: unknown) => err instanceof InputError && re.test(err.message));
  });
});

test('missing and empty files are config errors', async () => {
  await assert.rejects(loadDataset(join(dir, 'nope.jsonl'), { labels, limit: null }), (e: unknown) => e instanceof ConfigError && /cannot read dataset/.test((e as Error).message));
  await assert.rejects(loadDataset(file('empty.jsonl', '\n'), { labels, limit: null }), /no examples/);
});
