import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_JUDGE_PROMPT,
  judgePromptProblem,
  parseVerdict,
  PERTURBED_MARKER,
  renderJudgePrompt,
} from './rubric.js';

test('rubric: the default prompt carries the three-level rubric and puts the perturbed text last', () => {
  for (const level of ['- valid:', '- questionable:', '- invalid:'])
    assert.ok(DEFAULT_JUDGE_PROMPT.includes(level), level);
  const p = renderJudgePrompt(DEFAULT_JUDGE_PROMPT, {
    label: 'positive',
    original: 'Great $& app',
    perturbed: 'Graet $1 app',
  });
  assert.ok(p.includes('labelled "positive"'));
  assert.ok(p.includes('Original text: Great $& app'), 'literal substitution');
  assert.ok(p.endsWith(`${PERTURBED_MARKER} Graet $1 app`));
  assert.equal(judgePromptProblem(DEFAULT_JUDGE_PROMPT), null);
  assert.match(judgePromptProblem('Is {{original}} fine?')!, /\{\{perturbed\}\}/);
});

test('rubric: the first verdict word is the verdict; "invalid" is never read as "valid"; none is null', () => {
  assert.equal(parseVerdict('Invalid. The label changed.'), 'invalid');
  assert.equal(parseVerdict('invalid\nit is not valid'), 'invalid');
  assert.equal(parseVerdict('**Questionable**: odd word'), 'questionable');
  assert.equal(parseVerdict('valid'), 'valid');
  assert.equal(parseVerdict('invalidated'), null);
  assert.equal(parseVerdict('notvalid, so questionable'), 'questionable', 'a verdict inside a word is no verdict');
  assert.equal(parseVerdict('I would rather not say.'), null);
  assert.equal(parseVerdict(null), null);
});
