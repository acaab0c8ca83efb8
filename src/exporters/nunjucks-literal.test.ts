import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nunjucksLiteral } from './nunjucks-literal.js';

/** Renders the only tags nunjucksLiteral writes, `{{ "…" }}` string expressions, as Nunjucks would. */
function renderExpressions(t: string): string {
  return t.replace(/\{\{ "((?:[^"\\]|\\.)*)" \}\}/g, (_, body: string) =>
    body.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c)),
  );
}

const HOSTILE = [
  "{{ range.constructor(\"return process.getBuiltinModule('fs').writeFileSync('/tmp/x','1')\")() }} endraw great",
  '{% endraw %}{{ 7*7 }}{% raw %}',
  '{% raw %}{{ x }}{% endraw %} endraw',
  '{# c #} and #} and {#',
  '{{- x -}}',
  '{',
  'file:///etc/passwd',
  'FILE://x',
  'package:fs:readFileSync',
  'javascript:alert(1)',
  'python:x.py',
  '=HYPERLINK("http://evil.example","x")',
  '+1',
  '-1',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  ' padded ',
  'ends with newline\n',
  'say "hi" \\ back\\slash',
  'é😀',
  '',
  'plain text, nothing to do',
];

test('nunjucksLiteral: renders back to the exact text, with no Nunjucks tag of the text left', () => {
  for (const s of HOSTILE) {
    const t = nunjucksLiteral(s);
    assert.equal(renderExpressions(t), s, JSON.stringify(s));
    const rest = t.replace(/\{\{ "((?:[^"\\]|\\.)*)" \}\}/g, '');
    assert.doesNotMatch(rest, /\{|#\}/, `a tag opener or comment end survives in ${JSON.stringify(t)}`);
  }
});

test('nunjucksLiteral: nothing promptfoo loads as a file or package, or a spreadsheet runs, stays at the start', () => {
  for (const s of HOSTILE) {
    const t = nunjucksLiteral(s);
    assert.doesNotMatch(t, /^(?:[A-Za-z][A-Za-z0-9+.-]*:|[=+\-@\t\r\s])/, JSON.stringify(t));
    assert.doesNotMatch(t, /\s$/, `trailing whitespace promptfoo would trim: ${JSON.stringify(t)}`);
  }
  assert.equal(nunjucksLiteral('plain text, nothing to do'), 'plain text, nothing to do');
  assert.equal(nunjucksLiteral('file:///etc/passwd'), '{{ "f" }}ile:///etc/passwd');
});
