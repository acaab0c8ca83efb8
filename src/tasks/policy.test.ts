import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerPolicyQuestion, daysMentioned, decidePolicyQuestion, policyTokens } from './policy.js';

test('each rule of the policy, in order', () => {
  const yes = (q: string) => answerPolicyQuestion(q).split('.')[0];
  assert.equal(yes('Can I return a gift card?'), 'No');
  assert.equal(yes('I bought boots in the clearance sale, can I return them?'), 'No');
  assert.equal(yes('The zipper arrived broken, can I send the jacket back?'), 'Yes');
  assert.equal(yes('I wore the shoes once, can I return them?'), 'No');
  assert.equal(yes('Can I return a tent after 45 days?'), 'No');
  assert.equal(yes('Can I still return a jacket after two weeks?'), 'Yes');
  assert.equal(yes('Can I get my refund in cash?'), 'No');
  assert.equal(yes('Will the refund go back to my credit card?'), 'Yes');
  assert.equal(yes('Can I exchange for a different size?'), 'Yes');
  assert.equal(yes('Is return shipping free?'), 'No');
  assert.equal(yes('Do I pay for the return label?'), 'Yes');
  assert.equal(
    answerPolicyQuestion('What time do you open?'),
    'Sorry, I can only answer questions about returns and refunds.',
  );
  assert.deepEqual(
    [daysMentioned('after 6 weeks'), daysMentioned('a month later'), daysMentioned('3 dyas')],
    [42, 30, null],
  );
});

test('a typo in the deciding word sends the question to a later rule and flips the answer', () => {
  assert.equal(answerPolicyQuestion('Can I return a gift crad?').split('.')[0], 'Yes');
  assert.equal(answerPolicyQuestion('Can I return a tent after 45 dyas?').split('.')[0], 'Yes');
  assert.equal(answerPolicyQuestion('I bought boots on sael, can I return them?').split('.')[0], 'Yes');
});

test('policy logprobs: first word from the deciding rule evidence, softmax over Yes/No/Sorry; the rest certain', () => {
  // One gift-card match: "No" at logit 1, Yes and Sorry at 0.
  const tokens = policyTokens('Can I return a gift card?');
  assert.equal(tokens.map((t) => t.token).join(''), answerPolicyQuestion('Can I return a gift card?'));
  assert.deepEqual(
    tokens.slice(0, 3).map((t) => t.token),
    ['No', '.', ' Gift'],
  );
  assert.ok(Math.abs(tokens[0]!.logprob - Math.log(Math.E / (Math.E + 2))) < 1e-12);
  assert.ok(tokens.slice(1).every((t) => t.logprob === 0));
  // Two return-label matches ("return shipping", "postage")... plus "free": evidence 3 for "No".
  const label = decidePolicyQuestion('Is return shipping free, or do I pay postage?');
  assert.deepEqual(label, {
    answer: 'No. Return shipping costs $6.95 unless the item is defective.',
    evidence: 3,
  });
  const [off] = policyTokens('What time do you open?');
  assert.equal(off!.token, 'Sorry');
  assert.ok(Math.abs(off!.logprob - Math.log(Math.exp(0.5) / (Math.exp(0.5) + 2))) < 1e-12);
});
