import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from './redact.js';

test('redact: masked and plain keys of any vendor format go, the exact key too', () => {
  assert.equal(
    redact('Incorrect API key provided: gsk_LE************zz9x.', undefined),
    'Incorrect API key provided: gsk_[redacted].',
  );
  assert.equal(redact('key sk-proj-****************abcd is wrong', undefined), 'key sk-[redacted] is wrong');
  assert.equal(redact('token hf_AbCdEfGh12345678ijklMNOP rejected', undefined), 'token hf_[redacted] rejected');
  assert.equal(redact('xai-Q2w3E4r5T6y7U8i9O0pLkJhG bad', undefined), 'xai-[redacted] bad');
  assert.equal(redact('provided: gsk************zz9x', undefined), 'provided: [redacted]');
  assert.equal(redact('the key was my-secret-value', 'my-secret-value'), 'the key was [redacted]');
});

test('redact: ordinary words, model names, codes and URLs are left alone', () => {
  const plain = [
    'The model `gpt-4o-mini-2024-07-18` does not exist',
    'rate_limit_exceeded: state-of-the-art well-known invalid_request_error model_not_found',
    'connect ECONNREFUSED 127.0.0.1:8080 at http://127.0.0.1:8080/v1/chat/completions',
    'request req-550e8400-e29b-41d4-a716-446655440000 failed; **bold** text',
    'parse-failure: aorta: no "[label]+score" pair for negative, positive',
  ];
  for (const m of plain) assert.equal(redact(m, undefined), m);
});
