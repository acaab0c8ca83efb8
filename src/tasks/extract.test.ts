import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractAnswer, extractFields, extractTokens } from './extract.js';

test('amounts with signs, codes and words; the total after a total word; dates in three forms; e-mails', () => {
  assert.deepEqual(
    extractFields(
      'I was charged $1,234.50 on March 3, 2025 but the invoice total was $1,200.00. Reach me at Jane.Doe@Example.com.',
    ),
    {
      amounts: [1234.5, 1200],
      currency: 'USD',
      total: 1200,
      dates: ['2025-03-03'],
      emails: ['jane.doe@example.com'],
    },
  );
  assert.deepEqual(extractFields('Refund 15 euros paid 2025-01-05 and 02/14/2025. Balance due: EUR 30'), {
    amounts: [15, 30],
    currency: 'EUR',
    total: 30,
    dates: ['2025-01-05', '2025-02-14'],
    emails: [],
  });
  assert.deepEqual(extractFields('Meet on the 3rd of May 2024 or 12 Sept 2024, fee £7').dates, [
    '2024-05-03',
    '2024-09-12',
  ]);
  assert.equal(extractFields('one charge of 20 dollars').total, 20, 'a single amount is the total');
  assert.equal(extractAnswer('nothing here'), '{"amounts":[],"currency":null,"total":null,"dates":[],"emails":[]}');
});

test('brittle as rules are: a misspelt currency word or month, or a synonym of "total", is missed', () => {
  assert.deepEqual(extractFields('I owe 40 dolars').amounts, []);
  assert.deepEqual(extractFields('due on Mrach 3, 2025').dates, []);
  assert.equal(extractFields('charged $5 and $7, the total is $12').total, 12);
  assert.equal(extractFields('charged $5 and $7, the sum is $12').total, null);
  assert.deepEqual(extractFields('write to jane.doe@example').emails, [], 'no top-level domain');
});

test('extract logprobs: deterministic, every token certain, the tokens spell the answer', () => {
  const text = 'Total due $42.50 by 2025-03-01';
  const tokens = extractTokens(text);
  assert.equal(tokens.map((t) => t.token).join(''), extractAnswer(text));
  assert.ok(tokens.length > 5 && tokens.every((t) => t.logprob === 0));
});
