/**
 * @module Which Quiver target answers a suite provider, with options that make it answer what promptfoo would get:
 * bundled tasks in-process (a `task:` target, or an OpenAI-compatible `quiver-<task>` model on the loopback
 * interface), Quiver's own targets as they are, and other OpenAI-compatible chat models through the `openai:` target
 * in raw-text mode, with the provider's temperature, max_tokens, seed, key variable and `logprobs: false` (no token
 * logprobs asked: `--logprobs off`). Config keys that would change
 * the answer but that Quiver does not send are refused, naming the provider.
 */
import { isAbsolute, resolve } from 'node:path';
import type { TargetRef } from '../contracts/campaign.js';
import { localTaskFor, SuiteConfigError, type ProviderSpec } from '../promptfoo-config/index.js';

export type { TargetRef };

/** promptfoo `config` keys that do not change the answer, or that Quiver maps to the target's options. */
const MAPPED = new Set([
  'temperature',
  'max_tokens',
  'seed',
  'apiKeyEnvar',
  'apiKeyRequired',
  'cost',
  'organization',
  // Token logprobs do not change the answer; `logprobs: false` keeps Quiver from asking for them (`--logprobs off`).
  'logprobs',
]);

export function targetForProvider(provider: ProviderSpec, file: string, where: string, baseDir: string): TargetRef {
  const task = localTaskFor(provider);
  if (task !== undefined) return { spec: `task:${task.name}`, options: {} };
  if (provider.kind === 'quiver') {
    // A module path in a config is relative to the config, as promptfoo's file references are.
    if (provider.id.startsWith('module:')) {
      const path = provider.id.slice('module:'.length);
      return { spec: `module:${isAbsolute(path) ? path : resolve(baseDir, path)}`, options: {} };
    }
    return { spec: provider.id, options: {} };
  }
  const c = provider.config;
  for (const key of Object.keys(c)) {
    if (key === 'apiKey')
      throw new SuiteConfigError(
        file,
        `${where}.config.apiKey`,
        'Quiver does not read keys from configs (campaign.json would record it): ' +
          'put the key in an environment variable and name it with apiKeyEnvar',
      );
    if (!MAPPED.has(key))
      throw new SuiteConfigError(
        file,
        `${where}.config.${key}`,
        `Quiver's openai target does not send "${key}", so its answers could differ from promptfoo's; ` +
          'remove it to attack this provider',
      );
  }
  const num = (key: string): number | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new SuiteConfigError(file, `${where}.config.${key}`, `must be a number, got ${JSON.stringify(v)}`);
    return v;
  };
  if (c.apiKeyEnvar !== undefined && typeof c.apiKeyEnvar !== 'string')
    throw new SuiteConfigError(file, `${where}.config.apiKeyEnvar`, 'must be the name of an environment variable');
  if (c.logprobs !== undefined && typeof c.logprobs !== 'boolean')
    throw new SuiteConfigError(
      file,
      `${where}.config.logprobs`,
      `must be true or false, got ${JSON.stringify(c.logprobs)}`,
    );
  const temperature = num('temperature');
  const maxTokens = num('max_tokens');
  const seed = num('seed');
  const baseURL = provider.baseURL ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  return {
    spec: `openai:${provider.model}`,
    options: {
      baseURL,
      answer: 'text',
      // promptfoo's defaults for OpenAI chat providers.
      temperature: temperature ?? 0,
      maxTokens: maxTokens ?? 1024,
      ...(seed === undefined ? {} : { seed }),
      ...(typeof c.apiKeyEnvar === 'string' ? { apiKeyEnv: c.apiKeyEnvar } : {}),
      ...(c.logprobs === false ? { logprobs: 'off' } : {}),
    },
  };
}
