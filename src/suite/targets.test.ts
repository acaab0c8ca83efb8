/** Suite providers -> Quiver targets: the config keys that map to openai target options. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SuiteConfigError, type ProviderSpec } from '../promptfoo-config/index.js';
import { resolveOpenAIOptions } from '../targets/openai/options.js';
import { targetForProvider } from './targets.js';

const provider = (config: Record<string, unknown>): ProviderSpec => ({
  kind: 'openai',
  id: 'openai:chat:gpt-x',
  label: 'gpt-x',
  model: 'gpt-x',
  baseURL: 'http://127.0.0.1:9/v1',
  config,
  prompts: null,
});

test('config.logprobs: false asks for no token logprobs (--logprobs off); true or absent leaves the default', () => {
  const off = targetForProvider(provider({ logprobs: false }), 'c.yaml', 'providers[0]', '/tmp');
  assert.equal(off.options.logprobs, 'off');
  assert.equal(resolveOpenAIOptions(off.options).logprobs, 'off', 'the openai target accepts it');
  for (const config of [{ logprobs: true }, {}]) {
    const ref = targetForProvider(provider(config), 'c.yaml', 'providers[0]', '/tmp');
    assert.equal(ref.options.logprobs, undefined);
    assert.equal(resolveOpenAIOptions(ref.options).logprobs, 'auto');
  }
  assert.throws(
    () => targetForProvider(provider({ logprobs: 'no' }), 'c.yaml', 'providers[0]', '/tmp'),
    (e: unknown) => e instanceof SuiteConfigError && /providers\[0\]\.config\.logprobs/.test(e.message),
  );
});
