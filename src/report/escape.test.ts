import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, SafeHtml, trusted } from './escape.js';

test('escapeHtml: markup, both quotes, backtick and ampersand become entities; NUL is replaced', () => {
  assert.equal(escapeHtml('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(escapeHtml(`"'\`&`), '&quot;&#39;&#96;&amp;');
  assert.equal(escapeHtml('&amp;'), '&amp;amp;', 'escaping is not idempotent by design: text is text');
  assert.equal(escapeHtml('a\u0000b'), 'a\uFFFDb');
  assert.equal(escapeHtml('plain text, é 😀'), 'plain text, é 😀');
});

test('html: every interpolation is escaped, arrays are joined, SafeHtml passes, nullish values vanish', () => {
  const evil = '"><script>alert(1)</script>';
  const out = html`<td title="${evil}">${evil}</td>`;
  assert.ok(out instanceof SafeHtml);
  assert.equal(
    out.html,
    '<td title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>',
  );
  assert.equal(html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.html, '<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>');
  assert.equal(html`${null}${undefined}${false}${0}${true}`.html, '0true');
  assert.equal(html`${trusted('<b>x</b>')}`.html, '<b>x</b>');
  assert.equal(String(html`<i>${1}</i>`), '<i>1</i>');
});
