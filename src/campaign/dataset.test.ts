import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, ConfigError } from '../core/errors.js';
import { DEFAULT_MAX_CHARS, DEFAULT_MAX_WORDS } from '../contracts/campaign.js';
import type { Example } from '../contracts/record.js';
import { readExamples, scanDataset } from './dataset.js';
import { formatOf, type DatasetSpec } from './dataset-format.js';

const labels = ['negative', 'positive'];
const fields = { text: 'text', label: 'label', id: 'id' };
const dir = mkdtempSync(join(tmpdir(), 'quiver-dataset-'));
function spec(name: string, body: string, f = fields): DatasetSpec {
  const path = join(dir, name);
  writeFileSync(path, body);
  return { path, format: formatOf(path), fields: f };
}
async function all(s: DatasetSpec): Promise<Example[]> {
  const out: Example[] = [];
  for await (const e of readExamples(s, labels)) out.push(e);
  return out;
}

test('JSONL: examples, ids, sha256; blank lines are skipped', async () => {
  const s = spec(
    'ok.jsonl',
    '{"id":"a","text":"good","label":"positive"}\n\n' +
      '{"text":"bad","label":"negative"}\n{"id":7,"text":"x","label":"negative"}\n',
  );
  const scan = await scanDataset(s, labels, false);
  assert.equal(scan.total, 3);
  assert.match(scan.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(await all(s), [
    { id: 'a', index: 0, text: 'good', label: 'positive' },
    { id: 'line-3', index: 1, text: 'bad', label: 'negative' },
    { id: '7', index: 2, text: 'x', label: 'negative' },
  ]);
});

test('CSV with quotes, commas, escaped quotes, newlines and CRLF; column mapping', async () => {
  const s = spec(
    'd.csv',
    'review,sentiment,key\r\n"Great, truly ""great"" ' +
      'food",positive,r1\r\n"two\nlines",negative,r2\r\nplain,negative,r3',
    { text: 'review', label: 'sentiment', id: 'key' },
  );
  assert.deepEqual(await all(s), [
    { id: 'r1', index: 0, text: 'Great, truly "great" food', label: 'positive' },
    { id: 'r2', index: 1, text: 'two\nlines', label: 'negative' },
    { id: 'r3', index: 2, text: 'plain', label: 'negative' },
  ]);
  const bad = spec('bad.csv', 'review,sentiment\nfine,positive\n"x",neutral\n', {
    text: 'review',
    label: 'sentiment',
    id: 'id',
  });
  await assert.rejects(scanDataset(bad, labels, false), /bad\.csv:3: field "sentiment": "neutral" is not a label/);
});

test('TSV as GLUE ships it (no quoting)', async () => {
  const s = spec('d.tsv', 'sentence\tlabel\nit \'s "good" \tpositive\n', fields);
  assert.deepEqual(await all({ ...s, fields: { text: 'sentence', label: 'label', id: 'id' } }), [
    { id: 'line-2', index: 0, text: 'it \'s "good" ', label: 'positive' },
  ]);
});

const bad: [string, string, RegExp][] = [
  ['not json', '{"text":"a","label":"positive"}\n{oops\n', /bad-0\.jsonl:2: field "\(line\)": not valid JSON/],
  ['no text', '{"label":"positive"}\n', /:1: field "text": missing/],
  ['text not a string', '{"text":3,"label":"positive"}\n', /:1: field "text": must be a string/],
  [
    'unknown label',
    '{"text":"a","label":"neutral"}\n',
    /:1: field "label": "neutral" is not a label of the target \(its labels: negative, positive\)/,
  ],
  [
    'duplicate id',
    '{"id":"a","text":"a","label":"positive"}\n{"id":"a","text":"b","label":"positive"}\n',
    /:2: field "id": duplicate id "a" \(first on line 1\)/,
  ],
  ['array line', '[1,2]\n', /:1: field "\(line\)": expected a JSON object/],
];
bad.forEach(([name, body, re], k) => {
  test(`bad input names file, line and field: ${name}`, async () => {
    await assert.rejects(
      scanDataset(spec(`bad-${k}.jsonl`, body), labels, false),
      (err: unknown) => err instanceof InputError && re.test(err.message),
    );
  });
});

test('--skip-invalid counts bad lines and streams only the good ones', async () => {
  const s = spec(
    'mixed.jsonl',
    '{"text":"a","label":"positive"}\n{oops\n{"text":"b","label":"neutral"}\n{"text":"c","label":"negative"}\n',
  );
  const scan = await scanDataset(s, labels, true);
  assert.equal(scan.total, 2);
  assert.equal(scan.invalidCount, 2);
  assert.deepEqual(
    scan.invalid.map((i) => i.line),
    [2, 3],
  );
  assert.deepEqual(
    (await all(s)).map((e) => e.text),
    ['a', 'c'],
  );
});

test('--skip-invalid counts bad CSV rows by the line they start on', async () => {
  const s = spec(
    'mixed.csv',
    'text,label\n"fine\nrow",positive\nextra,negative,x\nsoso,neutral\ngood,negative\n"open,positive\n',
  );
  const scan = await scanDataset(s, labels, true);
  assert.deepEqual([scan.total, scan.invalidCount], [2, 3]);
  assert.deepEqual(
    scan.invalid.map((i) => i.line),
    [4, 5, 7],
  );
  assert.match(scan.invalid[2]!.message, /mixed\.csv:7: field "\(line\)": a quoted field is not closed/);
  assert.deepEqual(
    (await all(s)).map((e) => e.text),
    ['fine\nrow', 'good'],
  );
});

test('missing and empty files are config errors', async () => {
  await assert.rejects(
    scanDataset({ path: join(dir, 'nope.jsonl'), format: 'jsonl', fields }, labels, false),
    (e: unknown) => e instanceof ConfigError && /cannot read dataset/.test((e as Error).message),
  );
  await assert.rejects(scanDataset(spec('empty.jsonl', '\n'), labels, false), /no valid examples/);
  assert.throws(() => formatOf('x.jsonl', 'xml'), /--format must be one of jsonl, csv, tsv/);
});

function rawSpec(name: string, bytes: Buffer, f = fields): DatasetSpec {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, format: formatOf(path), fields: f };
}

test('CSV: a multibyte character across a 64 KiB read chunk stays whole', async () => {
  const head = 'text,label\n';
  // "é" is 2 bytes, "😀" 4: pad so each straddles the 65,536-byte boundary of the read stream's chunks.
  for (const ch of ['é', '😀']) {
    const pad = 'a'.repeat(65_536 - Buffer.byteLength(head) - 1);
    const s = {
      ...rawSpec(`chunk-${Buffer.byteLength(ch)}.csv`, Buffer.from(`${head}${pad}${ch}b,positive\n`)),
      limits: { maxWords: 10, maxChars: 100_000 },
    };
    const [ex] = await all(s);
    // Compared by length and tail: a failing assertion must not print 64 KiB of padding.
    assert.equal(ex!.text.length, pad.length + ch.length + 1);
    assert.equal(ex!.text.slice(-ch.length - 1), `${ch}b`);
  }
});

test('invalid UTF-8 is an error naming file and line in every format, or skipped with --skip-invalid', async () => {
  const bad = Buffer.from([0xff, 0xfe]);
  const cases: [string, Buffer][] = [
    [
      'u.jsonl',
      Buffer.concat([
        Buffer.from('{"text":"fine","label":"positive"}\n{"text":"x'),
        bad,
        Buffer.from('y","label":"positive"}\n'),
      ]),
    ],
    ['u.csv', Buffer.concat([Buffer.from('text,label\nfine,positive\nx'), bad, Buffer.from('y,positive\n')])],
    ['u.tsv', Buffer.concat([Buffer.from('text\tlabel\nfine\tpositive\nx'), bad, Buffer.from('y\tpositive\n')])],
  ];
  for (const [name, bytes] of cases) {
    const s = rawSpec(name, bytes);
    const line = name.endsWith('jsonl') ? 2 : 3;
    await assert.rejects(
      scanDataset(s, labels, false),
      (e: unknown) =>
        e instanceof InputError && e.message.startsWith(`${s.path}:${line}:`) && /not valid UTF-8/.test(e.message),
    );
    const scan = await scanDataset(s, labels, true);
    assert.deepEqual([scan.total, scan.invalidCount], [1, 1], name);
    assert.deepEqual(
      (await all(s)).map((e) => e.text),
      ['fine'],
    );
  }
});

test('a UTF-8 byte order mark at the start of the file is accepted in every format', async () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const bodies: [string, string][] = [
    ['bom.jsonl', '{"text":"good","label":"positive"}\n'],
    ['bom.csv', 'text,label\ngood,positive\n'],
    ['bom.tsv', 'text\tlabel\ngood\tpositive\n'],
  ];
  for (const [name, body] of bodies) {
    const s = rawSpec(name, Buffer.concat([bom, Buffer.from(body)]));
    assert.equal((await scanDataset(s, labels, false)).total, 1, name);
    assert.deepEqual(
      (await all(s)).map((e) => e.text),
      ['good'],
      name,
    );
  }
});

test('a text of only zero-width characters or whitespace is empty', async () => {
  for (const [k, text] of ['\u200B\u200C\u200D', '\u2060 \uFEFF', ' \t\u00A0'].entries()) {
    const body = `{"text":"fine","label":"positive"}\n${JSON.stringify({ text, label: 'positive' })}\n`;
    await assert.rejects(scanDataset(spec(`zw-${k}.jsonl`, body), labels, false), /:2: field "text": is empty/);
    const scan = await scanDataset(spec(`zw-${k}.jsonl`, body), labels, true);
    assert.deepEqual([scan.total, scan.invalidCount], [1, 1]);
  }
});

test('texts over the word or character cap are errors naming line and field, or skipped; on by default', async () => {
  const limited = (name: string, body: string): DatasetSpec => ({
    ...spec(name, body),
    limits: { maxWords: 3, maxChars: 30 },
  });
  const body =
    '{"text":"one two three","label":"positive"}\n{"text":"one two three ' +
    'four","label":"positive"}\n{"text":"abcdefghijklmnopqrstuvwxyz0123456789","label":"positive"}\n';
  await assert.rejects(
    scanDataset(limited('cap.jsonl', body), labels, false),
    /cap\.jsonl:2: field "text": has 4 words, more than --max-words 3/,
  );
  const scan = await scanDataset(limited('cap.jsonl', body), labels, true);
  assert.deepEqual([scan.total, scan.invalidCount], [1, 2]);
  assert.match(scan.invalid[1]!.message, /:3: field "text": has 36 characters, more than --max-chars 30/);
  assert.deepEqual(
    (await all(limited('cap.jsonl', body))).map((e) => e.text),
    ['one two three'],
  );
  // Without limits in the spec the defaults apply: a poison pill never reaches a worker.
  const huge = JSON.stringify({ text: 'word '.repeat(DEFAULT_MAX_WORDS + 1), label: 'positive' });
  await assert.rejects(
    scanDataset(spec('huge.jsonl', `${huge}\n`), labels, false),
    new RegExp(`has ${DEFAULT_MAX_WORDS + 1} words, more than --max-words ${DEFAULT_MAX_WORDS}`),
  );
  const long = JSON.stringify({ text: 'x'.repeat(DEFAULT_MAX_CHARS + 1), label: 'positive' });
  await assert.rejects(scanDataset(spec('long.jsonl', `${long}\n`), labels, false), /more than --max-chars/);
});
