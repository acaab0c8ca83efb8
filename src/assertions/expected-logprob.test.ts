/** The expected-logprob signal against hand-computed spans and probabilities. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { TokenLogprob } from '../core/target.js';
import { compileAssertion } from './compile.js';
import { spanProbability } from './expected-logprob.js';
import { jsonValueSpan } from './json-span.js';
import type { AssertionOutcome } from './types.js';

const baseDir = fileURLToPath(new URL('.', import.meta.url));
const site = { file: 'demo.yaml', path: 'tests[0].assert[0]' };
const toks = (...pairs: [string, number][]): TokenLogprob[] => pairs.map(([token, logprob]) => ({ token, logprob }));
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

async function run(
  spec: unknown,
  output: string,
  tokens: TokenLogprob[] | undefined,
  original: { output: string; tokens: TokenLogprob[] | undefined },
): Promise<AssertionOutcome> {
  const compiled = await compileAssertion(spec, { site, vars: {}, baseDir });
  return compiled.evaluate(output, {
    vars: {},
    originalOutput: original.output,
    ...(tokens === undefined ? {} : { tokens }),
    ...(original.tokens === undefined ? {} : { originalTokens: original.tokens }),
  });
}

// "The team is billing.": " bill" covers [11, 16), "ing" [16, 19); "billing" is [12, 19).
const SENTENCE = 'The team is billing.';
const SENTENCE_TOKENS = toks(
  ['The', -0.1],
  [' team', -0.2],
  [' is', -0.3],
  [' bill', -0.5],
  ['ing', -0.25],
  ['.', -0.05],
);

test('spanProbability: the tokens covering the span, a partly covered one counts; null when they do not spell', () => {
  close(spanProbability(SENTENCE, SENTENCE_TOKENS, { start: 12, end: 19 })!, Math.exp(-0.75));
  close(spanProbability(SENTENCE, SENTENCE_TOKENS, { start: 0, end: 3 })!, Math.exp(-0.1));
  assert.equal(spanProbability(`${SENTENCE} `, SENTENCE_TOKENS, { start: 12, end: 19 }), null, 'tokens miss a space');
  assert.equal(spanProbability(SENTENCE, [], { start: 0, end: 3 }), null);
});

test('contains: value split over two tokens, margin 1 - exp(-0.5 - 0.25); failing output is 1', async () => {
  const original = { output: SENTENCE, tokens: SENTENCE_TOKENS };
  const spec = { type: 'contains', value: 'billing' };
  const r = await run(spec, SENTENCE, SENTENCE_TOKENS, original);
  assert.equal(r.signal, 'expected-logprob');
  close(r.margin, 1 - Math.exp(-0.75));
  // A perturbed prompt that makes the model less sure of "ing": a larger margin (monotone in P).
  const unsure = toks(['The', -0.1], [' team', -0.2], [' is', -0.3], [' bill', -0.5], ['ing', -2], ['.', -0.05]);
  const less = await run(spec, SENTENCE, unsure, original);
  close(less.margin, 1 - Math.exp(-2.5));
  assert.ok(less.margin > r.margin);
  const failed = await run(spec, 'The team is shipping.', toks(['The team is shipping.', -0.1]), original);
  assert.deepEqual([failed.pass, failed.margin, failed.signal], [false, 1, 'expected-logprob']);
});

test('icontains: the span is found case-insensitively; the output keeps its case', async () => {
  const tokens = toks(['Bill', -0.2], ['ing', -0.1], [' team', -1]);
  const r = await run({ type: 'icontains', value: 'BILLING' }, 'Billing team', tokens, {
    output: 'Billing team',
    tokens,
  });
  assert.equal(r.signal, 'expected-logprob');
  close(r.margin, 1 - Math.exp(-0.3));
});

test('equals is the whole output, starts-with the prefix', async () => {
  const tokens = toks(['bill', -0.3], ['ing', -0.2]);
  const original = { output: 'billing', tokens };
  close((await run({ type: 'equals', value: 'billing' }, 'billing', tokens, original)).margin, 1 - Math.exp(-0.5));
  close((await run({ type: 'starts-with', value: 'bi' }, 'billing', tokens, original)).margin, 1 - Math.exp(-0.3));
});

// `{"dept": "billing", "n": 42.50}`: "bill" [10, 14), "ing" [14, 17); "42" [25, 27), "." [27, 28), "50" [28, 30).
const JSON_OUT = '{"dept": "billing", "n": 42.50}';
const JSON_TOKENS = toks(
  ['{"', -0.01],
  ['dept', -0.01],
  ['":', -0.01],
  [' "', -0.01],
  ['bill', -0.4],
  ['ing', -0.1],
  ['",', -0.01],
  [' "', -0.01],
  ['n', -0.01],
  ['":', -0.01],
  [' ', -0.01],
  ['42', -0.2],
  ['.', -0.01],
  ['50', -0.3],
  ['}', -0.01],
);

test('json-path ==: the span where the string or number is written; inline JSON.parse reads the same', async () => {
  assert.deepEqual(jsonValueSpan(JSON_OUT, ['dept']), { start: 10, end: 17 });
  assert.deepEqual(jsonValueSpan(JSON_OUT, ['n']), { start: 25, end: 30 });
  assert.deepEqual(jsonValueSpan('{"a": [1, {"b": "x"}], "a2": 0}', ['a', 1, 'b']), { start: 17, end: 18 });
  assert.deepEqual(jsonValueSpan('{"k": 1, "k": 22}', ['k']), { start: 14, end: 16 }, 'the last duplicate wins');
  assert.equal(jsonValueSpan(JSON_OUT, ['missing']), null);
  const original = { output: JSON_OUT, tokens: JSON_TOKENS };
  const dept = await run({ type: 'json-path', value: '$.dept == "billing"' }, JSON_OUT, JSON_TOKENS, original);
  assert.equal(dept.signal, 'expected-logprob');
  close(dept.margin, 1 - Math.exp(-0.5));
  const n = await run({ type: 'json-path', value: '$.n == 42.5' }, JSON_OUT, JSON_TOKENS, original);
  close(n.margin, 1 - Math.exp(-0.51));
  const inline = await run(
    { type: 'javascript', value: 'JSON.parse(output).dept === "billing"' },
    JSON_OUT,
    JSON_TOKENS,
    original,
  );
  close(inline.margin, 1 - Math.exp(-0.5));
  const ordering = await run({ type: 'json-path', value: '$.n >= 40' }, JSON_OUT, JSON_TOKENS, original);
  assert.equal(ordering.signal, 'numeric-field', 'an own margin comes first');
});

test('fallbacks: no tokens, tokens that do not spell the output, certainty, value absent, not- forms', async () => {
  const spec = { type: 'contains', value: 'billing' };
  const noTokens = await run(spec, 'billing team', undefined, { output: 'billing', tokens: undefined });
  assert.deepEqual([noTokens.signal, noTokens.margin], ['output-distance', 0.5]);
  const misaligned = toks(['Billing', -0.3]);
  assert.equal(
    (await run(spec, 'billing', misaligned, { output: 'billing', tokens: misaligned })).signal,
    'output-distance',
  );
  const certain = toks(['billing', 0]);
  assert.equal(
    (await run(spec, 'billing', certain, { output: 'billing', tokens: certain })).signal,
    'output-distance',
    'P = 1 (a deterministic endpoint) gives no gradient',
  );
  // The value is not among the original's tokens at all: the assertion fails there, and no span is found.
  const absent = toks(['shipping', -0.1]);
  const r = await run(spec, 'shipping', absent, { output: 'shipping', tokens: absent });
  assert.deepEqual([r.pass, r.signal], [false, 'none']);
  const inverse = await compileAssertion({ type: 'not-contains', value: 'billing' }, { site, vars: {}, baseDir });
  assert.equal(inverse.usesLogprobs, false);
  const equals = await compileAssertion({ type: 'equals', value: 'billing' }, { site, vars: {}, baseDir });
  assert.equal(equals.usesLogprobs, true);
});

test('within an example the signal stays: a later output without usable tokens keeps the original margin', async () => {
  const tokens = toks(['bill', -0.3], ['ing', -0.2]);
  const r = await run({ type: 'equals', value: 'billing' }, 'billing', undefined, { output: 'billing', tokens });
  assert.equal(r.signal, 'expected-logprob');
  close(r.margin, 1 - Math.exp(-0.5));
});
