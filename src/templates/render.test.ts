/** The `{{var}}` prompt renderer: literal insertion, paths, trimming, refusals, and agreement with promptfoo. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nunjucksLiteral } from '../exporters/nunjucks-literal.js';
import { renderTemplate, templateVariables, TemplateError } from './render.js';

test('references are replaced, values inserted literally (a {{ in a value is text)', () => {
  assert.equal(
    renderTemplate('Ticket: {{ticket}}', { ticket: 'My {{ card }} {% if x %} was charged' }),
    'Ticket: My {{ card }} {% if x %} was charged',
  );
  assert.equal(renderTemplate('{{ a }}+{{a}}', { a: '$1' }), '$1+$1', 'no replacement patterns');
  assert.equal(renderTemplate('{{ order.id }} {{ items[1] }}', { order: { id: 7 }, items: ['x', 'y'] }), '7 y');
  assert.equal(
    renderTemplate('[{{ missing }}] [{{ n }}] [{{ list }}] [{{ obj }}]', { n: null, list: ['a', 'b'], obj: { k: 1 } }),
    '[] [] [a,b] [{"k":1}]',
  );
  assert.equal(
    renderTemplate('A\n{{ t }}\nB', { t: 'line\n' }),
    'A\nline\nB',
    'one trailing line break of a var is dropped, as promptfoo does',
  );
  assert.equal(renderTemplate('a   {{- x -}}   b', { x: 'X' }), 'aXb');
});

test('other Nunjucks syntax is refused with its line', () => {
  assert.throws(
    () => renderTemplate('ok\n{% if x %}y{% endif %}', {}),
    (e: unknown) =>
      e instanceof TemplateError && /line 2: unsupported template syntax at "\{% if x %\}/.test(e.message),
  );
  assert.throws(() => renderTemplate('{{ x | upper }}', { x: 'a' }), TemplateError);
  assert.throws(() => renderTemplate('{# note #}', {}), TemplateError);
  assert.deepEqual(templateVariables('{{ a }} {{ b.c }} {{a}}'), ['a', 'b']);
});

const pfRoot = join(fileURLToPath(new URL('../..', import.meta.url)), '.ci', 'promptfoo', 'node_modules', 'promptfoo');
const skip = !existsSync(pfRoot) && 'promptfoo is not installed (.ci/run installs it into .ci/promptfoo)';

test('promptfoo renders a prompt to the same text for 5,000 hostile values (sent through nunjucksLiteral)', {
  skip,
}, async () => {
  const { renderPrompt } = createRequire(join(pfRoot, 'package.json'))(
    join(pfRoot, 'dist', 'src', 'evaluatorHelpers.js'),
  ) as {
    renderPrompt(
      prompt: { raw: string; label: string },
      vars: Record<string, string>,
      filters: object,
    ): Promise<string>;
  };
  const template = 'Route this ticket.\nText: {{ ticket }} ({{lang}})';
  const alphabet = ['{', '}', '%', '#', '{{', '}}', '{%', ' ', '\n', 'a', 'é', '"', '\\', '$&', 'raw'];
  let seed = 5;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 5000; i++) {
    let s = '';
    for (let k = 1 + Math.floor(next() * 8); k > 0; k--) s += alphabet[Math.floor(next() * alphabet.length)];
    // nunjucksLiteral protects a trailing line break from promptfoo's trimming; the renderer trims it like promptfoo.
    if (s.endsWith('\n')) continue;
    const theirs = await renderPrompt({ raw: template, label: 't' }, { ticket: nunjucksLiteral(s), lang: 'en' }, {});
    assert.equal(renderTemplate(template, { ticket: s, lang: 'en' }), theirs, JSON.stringify(s));
  }
});
