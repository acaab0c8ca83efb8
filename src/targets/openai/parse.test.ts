import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseFailure, parseAnswer, parseAorta, parseJson, parseLabel, parseLogprobs } from './parse.js';

const two = ['negative', 'positive'];
const three = ['negative', 'neutral', 'positive'];

function failsWith(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ParseFailure);
    assert.match(err.message, /^parse-failure: /);
    assert.match(err.message, pattern);
    return true;
  });
}

test('label: the first label word, whole words only, any case; none is a parse failure, never class 0', () => {
  assert.deepEqual(parseLabel(two, 'Positive.'), { label: 'positive', scores: { negative: 0, positive: 1 } });
  assert.equal(parseLabel(two, 'The answer: NEGATIVE (not positive)').label, 'negative');
  assert.equal(parseLabel(two, 'positive, then negative').label, 'positive');
  assert.equal(parseLabel(['pos', 'very pos'], 'very pos').label, 'very pos');
  failsWith(() => parseLabel(two, 'positively negatives'), /no label \(negative, positive\)/);
  failsWith(() => parseLabel(two, 'I cannot tell.'), /answer: "I cannot tell\."/);
  failsWith(() => parseLabel(two, null), /no content/);
});

test('aorta: verbalized confidences as in AORTA, exact when they sum to 1, normalised otherwise', () => {
  const p = parseAorta(three, '[negative]+0.100,[neutral]+0.200,[positive]+0.700');
  assert.deepEqual(p, { label: 'positive', scores: { negative: 0.1, neutral: 0.2, positive: 0.7 } });
  // Text before the first "[" is ignored; case, quotes, colons and spaces are tolerated.
  assert.equal(parseAorta(three, 'Sure! ["Negative"]: 0.8, [Neutral]+0.15, [positive] + 0.05').label, 'negative');
  // A missing label gets 0.001, then the scores are divided by their sum (AORTA would softmax).
  const missing = parseAorta(three, '[negative]+0.5,[positive]+0.5');
  assert.ok(Math.abs(missing.scores.neutral! - 0.001 / 1.001) < 1e-12);
  assert.equal(missing.label, 'negative');
  const off = parseAorta(two, '[negative]+2.0,[positive]+6.0');
  assert.deepEqual(off.scores, { negative: 0.25, positive: 0.75 });
  // Full-precision scores (what quiver serve writes) come back bit for bit.
  const exact = parseAorta(two, '[negative]+0.14804763948452138,[positive]+0.8519523605154786');
  assert.equal(exact.scores.negative, 0.14804763948452138);
  assert.equal(exact.scores.positive, 0.8519523605154786);
  failsWith(() => parseAorta(three, 'negative, I think'), /no "\[label\]\+score" pair/);
  failsWith(() => parseAorta(two, '[negative]+0.0,[positive]+0.0'), /all zero/);
});

test('json: scores, labels as keys, label + confidence, or a bare label; anything else is a parse failure', () => {
  const a = parseJson(two, '```json\n{"label": "negative", "scores": {"negative": 0.9, "positive": 0.1}}\n```');
  assert.deepEqual(a, { label: 'negative', scores: { negative: 0.9, positive: 0.1 } });
  // Scores decide the label when both are given.
  assert.equal(parseJson(two, '{"label": "negative", "scores": {"Negative": 0.2, "Positive": 0.8}}').label, 'positive');
  assert.equal(parseJson(two, '{"negative": 0.3, "positive": 0.7}').label, 'positive');
  assert.deepEqual(parseJson(three, '{"label": "Neutral", "confidence": 0.6}').scores, {
    negative: 0.2,
    neutral: 0.6,
    positive: 0.2,
  });
  assert.deepEqual(parseJson(two, '{"label": "positive"}').scores, { negative: 0, positive: 1 });
  failsWith(() => parseJson(two, 'positive'), /no JSON object/);
  failsWith(() => parseJson(two, '{"label": "mixed"}'), /"label" is not one of/);
  failsWith(() => parseJson(two, '{"scores": {"negative": "high", "positive": 0.1}}'), /needs a number >= 0/);
  failsWith(() => parseJson(two, '{"label": "negative", '), /no JSON object/);
});

test('logprobs: probability per label from the first token, token prefixes and variants summed', () => {
  const top = [
    { token: 'pos', logprob: Math.log(0.5) },
    { token: ' Positive', logprob: Math.log(0.2) },
    { token: 'neg', logprob: Math.log(0.1) },
    { token: 'The', logprob: Math.log(0.2) },
  ];
  const p = parseLogprobs(two, { content: 'pos', firstTokenTopLogprobs: top });
  assert.equal(p.label, 'positive');
  assert.ok(Math.abs(p.scores.positive! - 0.7 / 0.8) < 1e-12);
  assert.ok(Math.abs(p.scores.negative! - 0.1 / 0.8) < 1e-12);
  // A token that is a prefix of two labels says nothing about either.
  const q = parseLogprobs(['neutral', 'negative'], {
    content: 'ne',
    firstTokenTopLogprobs: [
      { token: 'ne', logprob: -0.1 },
      { token: 'neu', logprob: -3 },
    ],
  });
  assert.deepEqual(q.scores, { neutral: 1, negative: 0 });
  failsWith(() => parseLogprobs(two, { content: 'positive', firstTokenTopLogprobs: null }), /no top_logprobs/);
  failsWith(
    () => parseLogprobs(two, { content: 'The', firstTokenTopLogprobs: [{ token: 'The', logprob: -0.1 }] }),
    /no label/,
  );
});

test('parseAnswer dispatches on the mode', () => {
  assert.equal(parseAnswer('label', two, { content: 'negative', firstTokenTopLogprobs: null }).label, 'negative');
  assert.equal(
    parseAnswer('aorta', two, { content: '[negative]+0.2,[positive]+0.8', firstTokenTopLogprobs: null }).label,
    'positive',
  );
  assert.throws(() => parseAnswer('json', two, { content: 'negative', firstTokenTopLogprobs: null }), ParseFailure);
  // text: the answer as it is (an empty answer is an empty output, which assertions judge), never a parse failure.
  assert.deepEqual(
    parseAnswer('text', [], { content: ' {"total": 42} ', firstTokenTopLogprobs: null }).output,
    ' {"total": 42} ',
  );
  assert.equal(parseAnswer('text', [], { content: null, firstTokenTopLogprobs: null }).output, '');
});
