import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { InputError } from '../core/errors.js';
import { delimitedRows, type DelimitedFormat } from './dataset-delimited.js';
import { MAX_LINE_BYTES } from './dataset-lines.js';
import type { Row } from './dataset-row.js';

/** The rows of `bytes` read in chunks of `size` bytes (every chunk boundary a reader can meet). */
async function rows(bytes: Buffer, format: DelimitedFormat = 'csv', size = 65_536): Promise<Row[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: Row[] = [];
  for await (const row of delimitedRows(Readable.from(chunks), format, 'd.csv')) out.push(row);
  return out;
}

const csv = (s: string) => Buffer.from(s, 'utf8');

test('CSV rows name the physical line they start on: quoted line breaks, CRLF, lone CR, blank lines, BOM', async () => {
  const body = csv(
    '\uFEFF"text",label\r\n"one\ntwo\r\nthree",a\n\nplain,b\rafter CR,c\r\n"x ""q"", y",d\n  ,e\nshort\n',
  );
  assert.deepEqual(await rows(body), [
    { line: 2, value: { text: 'one\ntwo\r\nthree', label: 'a' } },
    { line: 6, value: { text: 'plain', label: 'b' } },
    // A lone CR ends a record but not a line: the next record starts on the same line.
    { line: 6, value: { text: 'after CR', label: 'c' } },
    { line: 7, value: { text: 'x "q", y', label: 'd' } },
    { line: 8, value: { text: '  ', label: 'e' } },
    { line: 9, field: '(line)', error: 'has 1 columns, the header has 2' },
  ]);
});

test('the same rows whatever the read chunks, with multibyte characters and invalid UTF-8 cut anywhere', async () => {
  const body = Buffer.concat([
    csv('text,label\n"é😀\nmulti",a\nbad '),
    Buffer.from([0xe2, 0x82]), // a three-byte character cut short
    csv(' text,b\n"quoted\n'),
    Buffer.from([0xff]),
    csv('\nline",c\ngood,e\r'),
    Buffer.from([0xc3]), // a lone lead byte, after a lone CR ended the record before it on the same line
    csv(',f\n日本語,d'),
  ]);
  const expected = [
    { line: 2, value: { text: 'é😀\nmulti', label: 'a' } },
    { line: 4, field: '(line)', error: 'not valid UTF-8' },
    { line: 5, field: '(line)', error: 'not valid UTF-8 (line 6)' },
    { line: 8, value: { text: 'good', label: 'e' } },
    { line: 8, field: '(line)', error: 'not valid UTF-8' },
    { line: 9, value: { text: '日本語', label: 'd' } },
  ];
  for (let size = 1; size <= body.length; size++)
    assert.deepEqual(await rows(body, 'csv', size), expected, `chunks of ${size} bytes`);
});

test('a header that is not valid UTF-8 is reported and still names the columns; so is a cut character', async () => {
  const body = Buffer.concat([csv('text,lab'), Buffer.from([0xff]), csv('el\nfine,a\n')]);
  assert.deepEqual(await rows(body), [
    { line: 1, field: '(line)', error: 'not valid UTF-8' },
    { line: 2, value: { text: 'fine', 'lab\uFFFDel': 'a' } },
  ]);
  for (let size = 1; size <= 16; size++) {
    assert.deepEqual(await rows(Buffer.concat([csv('text,label\nx,é'), Buffer.from([0xe2, 0x82])]), 'csv', size), [
      { line: 2, field: '(line)', error: 'not valid UTF-8' },
    ]);
  }
});

test('a stray quote in an unquoted field is text; an unclosed quote is a row error at its line, last', async () => {
  const many = Array.from({ length: 100 }, (_, i) => `t${i},a\n`).join('');
  const read = await rows(csv(`text,label\na 5" screen,a\n${many}"open,b\nmore\n`));
  assert.deepEqual(read[0], { line: 2, value: { text: 'a 5" screen', label: 'a' } });
  assert.equal(read.length, 1 + 100 + 1, 'the rows parsed before the error are all read');
  assert.deepEqual(read.at(-1), {
    line: 103,
    field: '(line)',
    error: 'a quoted field is not closed before the end of the file',
  });
});

test('TSV: no quoting, a blank or whitespace-only line is skipped, a lone CR is text, CRLF and LF mixed', async () => {
  const body = csv('sentence\tlabel\r\nit \'s "good" \tpositive\n \t \n\r\nx\ry\tnegative\r\nshort\n');
  assert.deepEqual(await rows(body, 'tsv'), [
    { line: 2, value: { sentence: 'it \'s "good" ', label: 'positive' } },
    { line: 5, value: { sentence: 'x\ry', label: 'negative' } },
    { line: 6, field: '(line)', error: 'has 1 columns, the header has 2' },
  ]);
});

test('a record longer than the line cap ends the reading with an error naming file and line', async () => {
  const body = Buffer.concat([csv('text,label\nok,a\n"'), Buffer.alloc(MAX_LINE_BYTES + 1, 0x61), csv('",b\n')]);
  await assert.rejects(
    async () => {
      for await (const row of delimitedRows(Readable.from([body]), 'csv', 'big.csv')) void row;
    },
    (e: unknown) =>
      e instanceof InputError &&
      /^big\.csv:3: field "\(line\)": the record is longer than 16777216 bytes/.test(e.message),
  );
});

test('a read error reaches the reader; leaving early closes the source', async () => {
  const failing = new Readable({
    read() {
      this.push(csv('text,label\nok,a\n'));
      this.destroy(new Error('disk gone'));
    },
  });
  await assert.rejects(async () => {
    for await (const row of delimitedRows(failing, 'csv', 'd.csv')) void row;
  }, /disk gone/);
  const source = Readable.from([csv('text,label\n'), ...Array.from({ length: 100 }, (_, i) => csv(`t${i},a\n`))]);
  for await (const row of delimitedRows(source, 'csv', 'd.csv')) {
    assert.equal(row.line, 2);
    break;
  }
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(source.destroyed, true);
});
