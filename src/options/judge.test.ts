import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeOf } from './judge.js';
import { targetOptionsOf } from './target.js';

const cache = { cache: false };

test("judge flags: an openai: judge reaches the openai: target's endpoint unless told otherwise", () => {
  const flags = {
    target: 'openai:m',
    baseUrl: 'http://127.0.0.1:9/v1',
    apiKeyEnv: 'TARGET_KEY',
    judge: 'openai:j',
    ...cache,
  };
  const same = judgeOf(flags, targetOptionsOf(flags.target, flags, flags.judge), undefined)!;
  assert.equal(same.options.baseURL, 'http://127.0.0.1:9/v1');
  assert.equal(same.options.apiKeyEnv, 'TARGET_KEY');
  assert.equal(same.reject, 'invalid');
  assert.match(String(same.options.prompt), /questionable: same label/);
  const other = judgeOf(
    { ...flags, judgeBaseUrl: 'http://127.0.0.1:8/v1', judgeApiKeyEnv: 'J' },
    targetOptionsOf(flags.target, flags, flags.judge),
    'questionable',
  )!;
  assert.deepEqual(
    [other.options.baseURL, other.options.apiKeyEnv, other.reject],
    ['http://127.0.0.1:8/v1', 'J', 'questionable'],
  );
});

test('judge flags: with a local target, endpoint flags configure the openai: judge; without one, refused', () => {
  const flags = {
    target: 'local:wink',
    judge: 'openai:j',
    judgeBaseUrl: 'http://127.0.0.1:8/v1',
    retries: 2,
    cacheDir: '/tmp/c',
  };
  assert.deepEqual(targetOptionsOf(flags.target, flags, flags.judge), {});
  const j = judgeOf(flags, {}, undefined)!;
  assert.deepEqual([j.options.retries, j.options.cacheDir, j.options.apiKeyEnv], [2, '/tmp/c', 'OPENAI_API_KEY']);
  assert.throws(
    () => targetOptionsOf('local:wink', { retries: 2 }),
    /--retries applies only to openai:<model> targets/,
  );
  assert.equal(judgeOf({ target: 'local:wink' }, {}, 'questionable'), undefined);
  assert.deepEqual(judgeOf({ target: 'local:wink', judge: 'module:./j.mjs' }, {}, undefined), {
    spec: 'module:./j.mjs',
    options: {},
    reject: 'invalid',
  });
});
