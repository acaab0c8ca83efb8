import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_JUDGE_PROMPT, renderJudgePrompt } from '../judges/rubric.js';
import { serveWink } from '../targets/openai/fixtures/serve.js';
import { parseJudgeRule } from './judge-rule.js';

const judgeRequest = (perturbed: string) => ({
  model: 'local-wink',
  messages: [
    {
      role: 'user',
      content: renderJudgePrompt(DEFAULT_JUDGE_PROMPT, { label: 'positive', original: 'A fun film', perturbed }),
    },
  ],
});

async function answer(url: string, body: unknown): Promise<string> {
  const res = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
}

test('serve --judge-rule: parsed as VERDICT=WORD, repeatable, checked', () => {
  assert.deepEqual(parseJudgeRule('questionable=odd', parseJudgeRule('invalid=novel')), [
    { verdict: 'invalid', word: 'novel' },
    { verdict: 'questionable', word: 'odd' },
  ]);
  assert.throws(() => parseJudgeRule('wrong=x'), /VERDICT=WORD/);
  assert.throws(() => parseJudgeRule('invalid='), /VERDICT=WORD/);
});

test("serve --judge-rule: a rubric request gets the first matching rule's verdict; others are classified", async () => {
  const server = await serveWink({
    judgeRules: [...parseJudgeRule('invalid=novel'), ...parseJudgeRule('unreadable=meh')],
  });
  try {
    assert.match(await answer(server.url, judgeRequest('A Novel film')), /^invalid\n.*contains "novel"/);
    assert.match(await answer(server.url, judgeRequest('A novelty film')), /^valid\n/, 'whole words only');
    assert.doesNotMatch(await answer(server.url, judgeRequest('A meh film')), /valid|questionable/);
    assert.equal(
      await answer(server.url, {
        model: 'local-wink',
        messages: [{ role: 'user', content: 'Classify. Text: Great phone, highly recommended.' }],
      }),
      'positive',
    );
  } finally {
    await server.close();
  }
  const plain = await serveWink();
  try {
    assert.match(
      await answer(plain.url, judgeRequest('A novel film')),
      /^(positive|negative)$/,
      'without rules a rubric is classified like any text',
    );
  } finally {
    await plain.close();
  }
});
