import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTargetContract, sentimentExpectations } from '../testing/target-contract.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedDataset } from '../testing/cli.js';
import { AfinnScorer, createAfinnTarget } from './afinn.js';

runTargetContract('local:afinn', async () => createAfinnTarget(), {
  id: 'local:afinn',
  expectations: sentimentExpectations,
});

test('local:afinn: texts without word tokens get a finite, negative prediction (no 0/0 NaN)', async () => {
  const out = await createAfinnTarget().predict(['', '...', 'The train leaves at nine.']);
  for (const p of out) {
    assert.equal(p.label, 'negative');
    assert.ok(Number.isFinite(p.scores.positive!) && p.scores.positive! < 0.5);
  }
});

test('local:afinn: "not" negates the words after it (natural\'s negation rule)', async () => {
  const [plain, negated] = await createAfinnTarget().predict(['The food was good.', 'The food was not good.']);
  assert.equal(plain!.label, 'positive');
  assert.equal(negated!.label, 'negative');
});

test("local:afinn scores as natural's SentimentAnalyzer (English, afinn, no stemmer): SST-2 dev, demo", async () => {
  const { SentimentAnalyzer } = await import('natural/lib/natural/sentiment/index.js');
  const { WordTokenizer } = await import('natural/lib/natural/tokenizers/index.js');
  const natural = new SentimentAnalyzer('English', undefined, 'afinn');
  const ours = new AfinnScorer();
  const tokenizer = new WordTokenizer();
  const texts = [join(repoRoot, 'experiments', 'data', 'demo-reviews.jsonl'), sharedDataset('sst2-dev.jsonl')].flatMap(
    (f) =>
      readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { text: string }).text),
  );
  // Negations in the middle, repeated, and words that are Object.prototype keys.
  texts.push('not bad , not not good', 'never ever happy constructor toString __proto__ hasOwnProperty', 'NOT Good');
  assert.ok(texts.length >= 120 + 872 + 3);
  let scored = 0;
  for (const text of texts) {
    const tokens = tokenizer.tokenize(text);
    if (tokens.length === 0) continue;
    assert.equal(ours.score(tokens), natural.getSentiment(tokens), text);
    scored++;
  }
  assert.ok(scored >= 122);
});
