import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { loadPrior, readLabelledTexts } from './load-prior.js';

const dir = mkdtempSync(join(tmpdir(), 'quiver-prior-'));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};
const fields = { textField: 'text', labelField: 'label' };

test('load prior: JSONL with text and label fields (numbers as labels are fine; blank lines skipped)', () => {
  const train = file('ok.jsonl', '{"text":"good","label":"positive"}\n\n{"text":"bad","label":0}\n');
  assert.deepEqual(readLabelledTexts({ train, ...fields }), [
    { text: 'good', label: 'positive' },
    { text: 'bad', label: '0' },
  ]);
});

test('load prior: a bad line names the file, line and field', () => {
  const train = file('bad.jsonl', '{"text":"good","label":"positive"}\n{"text":"bad"}\n');
  assert.throws(
    () => readLabelledTexts({ train, ...fields }),
    (err: unknown) => err instanceof InputError && /bad\.jsonl:2: field "label": missing/.test(err.message),
  );
  const notJson = file('notjson.jsonl', 'text,label\n');
  assert.throws(() => readLabelledTexts({ train: notJson, ...fields }), /notjson\.jsonl:1: .*not a JSON object/);
  assert.throws(
    () => readLabelledTexts({ train: join(dir, 'missing.jsonl'), ...fields }),
    /search prior: cannot read .*missing\.jsonl/,
  );
});

test('load prior: other field names; trained once per file in a process', () => {
  const train = file('fields.jsonl', '{"sentence":"good","y":1}\n{"sentence":"bad","y":0}\n');
  const source = { train, textField: 'sentence', labelField: 'y' };
  const a = loadPrior(source);
  assert.deepEqual(a.prior.labels, ['0', '1']);
  assert.equal(loadPrior(source), a);
});

test('load prior: skipInvalid (the prior a campaign derives from its dataset) skips bad lines instead', () => {
  const train = file(
    'mixed.jsonl',
    '{"text":"good","label":"positive"}\nnot json\n{"text":"bad"}\n{"text":"","label":"x"}\n',
  );
  assert.deepEqual(readLabelledTexts({ train, ...fields, skipInvalid: true }), [{ text: 'good', label: 'positive' }]);
  assert.throws(() => readLabelledTexts({ train, ...fields }), InputError, 'without it the first bad line fails');
});
