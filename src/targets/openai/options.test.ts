import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../core/errors.js';
import { isLoopback, modelOf, openAILabels, resolveOpenAIOptions } from './options.js';
import { defaultPrompt, renderMessages } from './prompt.js';

test('options: defaults are explicit and complete; the default prompt fits the answer mode', () => {
  const o = resolveOpenAIOptions({ baseURL: 'http://127.0.0.1:9/v1/' });
  assert.equal(o.baseURL, 'http://127.0.0.1:9/v1');
  assert.equal(o.apiKeyEnv, 'OPENAI_API_KEY');
  assert.equal(o.answer, 'logprobs');
  assert.deepEqual(o.labels, ['negative', 'positive']);
  assert.equal(o.temperature, 0);
  assert.equal(o.maxTokens, 1);
  assert.equal(o.cacheDir, null);
  assert.equal(o.prompt, defaultPrompt('logprobs', o.labels));
  const aorta = resolveOpenAIOptions({ baseURL: 'http://127.0.0.1:9/v1', answer: 'aorta', labels: ['a', 'b', 'c'] });
  assert.match(aorta.prompt, /\[a\]\+\[score\],\[b\]\+\[score\],\[c\]\+\[score\]/);
  assert.ok(aorta.maxTokens > 16);
  assert.deepEqual(JSON.parse(JSON.stringify(o)), o, 'plain JSON');
  // Raw-text mode (assertion campaigns): no labels, the whole message is the input, promptfoo's default length.
  const text = resolveOpenAIOptions({ baseURL: 'http://127.0.0.1:9/v1', answer: 'text' });
  assert.deepEqual([text.labels, text.prompt, text.maxTokens], [[], '{{input}}', 1024]);
});

test('options: bad values are ConfigErrors naming the flag', () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ answer: 'logits' }, /--answer must be one of label, aorta, json, logprobs, text/],
    [{ answer: 'text', labels: ['a', 'b'] }, /text mode answers free text and has no labels/],
    [{ labels: ['yes'] }, /--labels needs at least two/],
    [{ labels: ['Yes', 'yes'] }, /distinct/],
    [{ prompt: 'no placeholder' }, /must contain \{\{input\}\}/],
    [{ baseURL: 'ftp://x' }, /http\(s\)/],
    [{ baseURL: 'https://user:pw@example.com/v1' }, /must not contain credentials/],
    [{ apiKeyEnv: 'sk-123' }, /NAME of an environment variable/],
    [{ temperature: 3 }, /--temperature/],
    [{ concurrency: 0 }, /--concurrency/],
    [{ apiKey: 'sk-x' }, /unknown option "apiKey"/],
  ];
  for (const [raw, message] of bad) {
    assert.throws(
      () => resolveOpenAIOptions({ baseURL: 'http://127.0.0.1:9/v1', ...raw }),
      (e: unknown) => e instanceof ConfigError && message.test(e.message),
    );
  }
  assert.throws(() => modelOf('openai:'), /needs a model name/);
  assert.throws(() => openAILabels('openai: ', {}), ConfigError);
  assert.deepEqual(openAILabels('openai:m', { labels: ['x', 'y'] }), ['x', 'y']);
  assert.ok(
    isLoopback('http://127.0.0.1:8080/v1') &&
      isLoopback('http://localhost/v1') &&
      !isLoopback('https://api.openai.com/v1'),
  );
});

test('prompt: {{input}} and {{labels}} are replaced literally, the text last', () => {
  const msgs = renderMessages(
    { prompt: 'Labels: {{labels}}. Text: {{input}}', system: 'Be brief about {{labels}}.', labels: ['a', 'b'] },
    'costs $& and {{labels}}',
  );
  assert.deepEqual(msgs, [
    { role: 'system', content: 'Be brief about a, b.' },
    { role: 'user', content: 'Labels: a, b. Text: costs $& and {{labels}}' },
  ]);
  assert.equal(renderMessages({ prompt: '{{input}}', system: null, labels: ['a', 'b'] }, 'x').length, 1);
});
